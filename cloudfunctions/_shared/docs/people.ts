import { z } from 'zod';
import { idSchema, openidSchema, personNameSchema, phoneSchema, roleSchema, roleGrantSchema, rolesSchema, Roles, NO_ROLES } from '../../../contract';
import { roleKindsOf } from '../../../rules/permissions';

/** People: users and their roles, and the invitations that grant roles. */

/** A user; _id is the OPENID. Their roles with scopes, and the kinds of role held (for listing by role). */
export const userDocSchema = z
  .object({
    _id: openidSchema,
    name: personNameSchema,
    phone: phoneSchema,
    communityId: idSchema.nullable(),
    /** The phone's last 4 digits, for people search (absent on profiles saved before it: found again once saved). */
    phoneLast4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    roles: rolesSchema,
    roleKinds: z.array(roleSchema).min(1),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .refine((u) => sameKinds(u.roleKinds, roleKindsOf(u.roles)), { message: '角色种类与所担任的角色不一致', path: ['roleKinds'] });
export type UserDoc = z.infer<typeof userDocSchema>;

function sameKinds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}

/**
 * Users and teams stored before a person could hold several roles and a team several leaders
 * (`role` + `staffCommunityId` + `leaderTeamId`; `leaderName` + `leaderOpenid`) are read as the new shape,
 * so an environment keeps working unchanged; every write stores the new shape.
 */
interface LegacyUserFields {
  role?: string;
  staffCommunityId?: string | null;
  leaderTeamId?: string | null;
}
export function rolesOfUserDoc(doc: Partial<UserDoc> & LegacyUserFields): Roles {
  if (doc.roles) return doc.roles;
  return {
    admin: doc.role === 'admin',
    staffOf: doc.role === 'staff' && doc.staffCommunityId ? [doc.staffCommunityId] : [],
    leaderOf: doc.role === 'leader' && doc.leaderTeamId ? [doc.leaderTeamId] : [],
  };
}

/** A user document in the current shape (see rolesOfUserDoc). */
export function upgradeUserDoc(doc: UserDoc & LegacyUserFields): UserDoc {
  const { role: _role, staffCommunityId: _staff, leaderTeamId: _leader, ...rest } = doc;
  const roles = rolesOfUserDoc(doc);
  return { ...rest, roles, roleKinds: roleKindsOf(roles) };
}

export const NEW_USER_ROLES = { roles: NO_ROLES, roleKinds: roleKindsOf(NO_ROLES) };

/**
 * An invitation to a role (cloudfunctions/invitations). _id is a keyed hash (HMAC-SHA256 with
 * INVITATION_KEY) of its code: the code itself is never stored, and without the key the hash leads back
 * to no code. Never deleted; each use is kept with who and when.
 */
export const invitationDocSchema = z.object({
  _id: idSchema,
  grant: roleGrantSchema,
  /** The team's or the community's community, whose staff see it; null for a district admin's role. */
  communityId: idSchema.nullable(),
  /** The role and its scope in words, as when it was made. */
  roleLabel: z.string(),
  createdBy: openidSchema,
  createdByName: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  maxUses: z.number().int().min(1).max(50),
  usedCount: z.number().int().min(0),
  uses: z.array(z.object({ openid: openidSchema, name: z.string(), at: z.date() })).max(50),
  revokedAt: z.date().nullable(),
  revokedBy: openidSchema.nullable(),
});
export type InvitationDoc = z.infer<typeof invitationDocSchema>;

/** Unknown codes one caller tried in the current hour (invitations): _id is the OPENID. */
export const invitationMissDocSchema = z.object({ _id: openidSchema, windowStart: z.date(), misses: z.number().int().min(0) });
export type InvitationMissDoc = z.infer<typeof invitationMissDocSchema>;

/** The `settings` document that records who claimed the environment's first admin role, and when. */
export interface FirstAdminDoc {
  _id: string;
  openid: string;
  at: Date;
}
