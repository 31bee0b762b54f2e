/** Digits and capitals without 0/O, 1/I/L: nothing to mistake when read aloud or copied by hand (31 signs). */
export const INVITATION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const INVITATION_CODE_LENGTH = 8;

const CODE_PATTERN = new RegExp(`^[${INVITATION_CODE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`);
const CODE_WRONG = '邀请码是 8 位字母和数字，请核对后重新输入';

/** What is wrong with a code as typed, in words, or null when it reads as a code once made canonical. */
export function invitationCodeProblem(typed: string): string | null {
  if (typed.length > 40) return CODE_WRONG;
  const code = normaliseInvitationCode(typed);
  if (!code) return '请输入邀请码';
  return CODE_PATTERN.test(code) ? null : CODE_WRONG;
}

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

/** The accept page: `packages/invite/accept?code=XXXXXXXX` (a QR code encodes it as a link; wxacode passes `scene`). */
export const INVITE_PAGE = 'packages/invite/accept';

export function invitePath(code: string): string {
  return `${INVITE_PAGE}?code=${code}`;
}

export const INVITATION_VALID_DAYS = { min: 1, max: 30, default: 7 } as const;

export const INVITATION_MAX_USES = 50;

/** Where an invitation stands: usable, used up, past its validity, or taken back by its maker (or an admin). */
export const INVITATION_STATES = ['valid', 'usedUp', 'expired', 'revoked'] as const;

export type InvitationState = (typeof INVITATION_STATES)[number];

export const INVITATION_STATE_LABELS: Record<InvitationState, string> = {
  valid: '有效',
  usedUp: '已用完',
  expired: '已过期',
  revoked: '已撤销',
};
