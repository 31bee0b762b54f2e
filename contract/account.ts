import { z } from 'zod';
import { idSchema, isoDateTimeSchema, openidSchema, pageInputSchema, pageOf, personNameSchema, phoneSchema } from './common';
import { action } from './result';

/** Roles beyond resident: each adds rights; everyone can use the resident features. */
export const ROLES = ['resident', 'leader', 'staff', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  leader: '服务队队长',
  staff: '社区工作者',
  admin: '区管理员',
};

export const userSchema = z.object({
  openid: openidSchema,
  name: z.string(),
  /** Unmasked only for the user themself; others see it masked (138****5678). */
  phone: z.string(),
  communityId: z.string().nullable(),
  role: roleSchema,
  /** The community a staff member serves. */
  staffCommunityId: z.string().nullable(),
  /** The team a leader leads. */
  leaderTeamId: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type User = z.infer<typeof userSchema>;

export const roleAssignmentSchema = z.discriminatedUnion('role', [
  z.object({ openid: openidSchema, role: z.literal('resident') }),
  z.object({ openid: openidSchema, role: z.literal('leader'), teamId: idSchema }),
  z.object({ openid: openidSchema, role: z.literal('staff'), communityId: idSchema }),
  z.object({ openid: openidSchema, role: z.literal('admin') }),
]);
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const accountContract = {
  /** Who the caller is: their OPENID, their profile if they have one, and their role. */
  whoami: action(z.object({}).strict(), z.object({ openid: openidSchema, role: roleSchema, user: userSchema.nullable() })),
  /** Creates or updates the caller's own profile. */
  updateProfile: action(z.object({ name: personNameSchema, phone: phoneSchema, communityId: idSchema.nullable() }).strict(), userSchema),
  /** A district admin gives a registered user a role (or takes it back by assigning resident). */
  assignRole: action(roleAssignmentSchema, userSchema),
  /** District admins list users, newest first, optionally by role. */
  listUsers: action(pageInputSchema.extend({ role: roleSchema.optional() }).strict(), pageOf(userSchema)),
};
