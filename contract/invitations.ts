import { z } from 'zod';
import { roleGrantSchema, rolesSchema } from './account';
import { idSchema, isoDateTimeSchema, pageInputSchema, pageOf } from './common';
import { action } from './result';

/**
 * Invitations: staff and district admins hand out a role (leader of a team, staff of a community,
 * district admin) as a short code, read out, sent to a group chat or scanned as a QR code; the person
 * who enters it gets the role. Only a keyed hash of the code is stored (cloudfunctions/invitations).
 */

/** Digits and capitals without 0/O, 1/I/L: nothing to mistake when read aloud or copied by hand (31 signs). */
export const INVITATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITATION_CODE_LENGTH = 8;

/** The code as people may type it (lower case, spaces, a dash, full-width letters) made canonical. */
export function normaliseInvitationCode(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_·.]/g, '');
}

/** 4 + 4, for reading out and for the large digits on screen. */
export function readableInvitationCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

const CODE_PATTERN = new RegExp(`^[${INVITATION_CODE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`);
export const invitationCodeSchema = z
  .string()
  .max(40, '邀请码是 8 位字母和数字，请核对后重新输入')
  .transform(normaliseInvitationCode)
  .pipe(z.string().min(1, '请输入邀请码').regex(CODE_PATTERN, '邀请码是 8 位字母和数字，请核对后重新输入'));

/** The accept page: `packages/invite/accept?code=XXXXXXXX` (a QR code encodes it as a link; wxacode passes `scene`). */
export const INVITE_PAGE = 'packages/invite/accept';
export function invitePath(code: string): string {
  return `${INVITE_PAGE}?code=${code}`;
}

export const INVITATION_VALID_DAYS = { min: 1, max: 30, default: 7 } as const;
export const INVITATION_MAX_USES = 50;

/** Where an invitation stands: usable, used up, past its validity, or taken back by its maker (or an admin). */
export const INVITATION_STATES = ['valid', 'usedUp', 'expired', 'revoked'] as const;
export const invitationStateSchema = z.enum(INVITATION_STATES);
export type InvitationState = z.infer<typeof invitationStateSchema>;
export const INVITATION_STATE_LABELS: Record<InvitationState, string> = {
  valid: '有效',
  usedUp: '已用完',
  expired: '已过期',
  revoked: '已撤销',
};

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
