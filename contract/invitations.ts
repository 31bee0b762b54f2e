import { z } from 'zod';
import { roleGrantSchema, rolesSchema } from './account';
import { idSchema, isoDateTimeSchema, pageInputSchema, pageOf } from './common';
import { action } from './result';
import { invitationCodeProblem, normaliseInvitationCode, INVITATION_VALID_DAYS, INVITATION_MAX_USES, INVITATION_STATES } from './terms/invitations';

/**
 * Invitations: staff and district admins hand out a role (leader of a team, staff of a community,
 * district admin) as a short code, read out, sent to a group chat or scanned as a QR code; the person
 * who enters it gets the role. Only a keyed hash of the code is stored (cloudfunctions/invitations).
 */

/** An invitation code as typed: 8 letters and digits once made canonical (spaces, a dash, lower case allowed). */
export const invitationCodeSchema = z
  .string()
  .superRefine((typed, ctx) => {
    const problem = invitationCodeProblem(typed);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normaliseInvitationCode);

export const invitationStateSchema = z.enum(INVITATION_STATES);

export const invitationSchema = z.object({
  id: idSchema,
  grant: roleGrantSchema,
  /** The role and its scope in words: 服务队队长 · 福老汇理发队. */
  roleLabel: z.string(),
  /** The community the invitation belongs to (the team's or the community's); null for a district admin's role. */
  communityId: idSchema.nullable(),
  invitedBy: z.object({ openid: z.string(), name: z.string() }),
  createdAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  maxUses: z.number().int().min(1).max(INVITATION_MAX_USES),
  /** Each use: who and when. */
  uses: z.array(z.object({ name: z.string(), at: isoDateTimeSchema })),
  state: invitationStateSchema,
  revokedAt: isoDateTimeSchema.nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** What the confirmation screen shows before anyone accepts: the role, who sent it, and whether it can be used. */
export const invitationPreviewSchema = z.object({
  grant: roleGrantSchema,
  roleLabel: z.string(),
  invitedBy: z.string(),
  expiresAt: isoDateTimeSchema,
  usesLeft: z.number().int().min(0),
  state: invitationStateSchema,
  /** The caller has filled in their profile (needed to accept). */
  hasProfile: z.boolean(),
  /** The caller already holds this role: accepting would change nothing. */
  alreadyHeld: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const invitationsContract = {
  /**
   * Staff invite leaders of their communities' teams; district admins invite any role. Answers the code,
   * once: only its keyed hash is stored.
   */
  create: action(
    z
      .object({
        grant: roleGrantSchema,
        validDays: z.number().int().min(INVITATION_VALID_DAYS.min).max(INVITATION_VALID_DAYS.max).default(INVITATION_VALID_DAYS.default),
        maxUses: z.number().int().min(1).max(INVITATION_MAX_USES).default(1),
      })
      .strict(),
    z.object({ invitation: invitationSchema, code: z.string(), path: z.string() }),
  ),
  /** The invitations of the caller's scope, newest first: an admin's all, a staff member's their communities'. */
  list: action(pageInputSchema.strict(), pageOf(invitationSchema)),
  /** Takes an invitation back before it is used (its maker's scope, as `list`); uses already made stay. */
  revoke: action(z.object({ invitationId: idSchema }).strict(), invitationSchema),
  /** What a code gives and whether it can still be used; an unknown code is NOT_FOUND. */
  preview: action(z.object({ inviteCode: invitationCodeSchema }).strict(), invitationPreviewSchema),
  /** Takes the role the code gives: the caller must have a profile and not hold it already. */
  accept: action(z.object({ inviteCode: invitationCodeSchema }).strict(), z.object({ grant: roleGrantSchema, roleLabel: z.string(), roles: rolesSchema })),
};
