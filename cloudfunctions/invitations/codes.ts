import { createHmac, randomBytes } from 'crypto';
import { INVITATION_CODE_ALPHABET, INVITATION_CODE_LENGTH } from '../../contract';
import { _ } from '../_shared/cloud';
import { collection, getById } from '../_shared/collections';
import { InvitationMissDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';

/**
 * Invitation codes: 8 signs of a 31-sign alphabet drawn from crypto.randomBytes, stored only as a keyed
 * hash; and the count of a caller's unknown codes that bounds guessing (see index.ts).
 */

/** Unknown codes a caller may try per hour. */
export const MAX_MISSES = 10;
const MISS_WINDOW_MS = 60 * 60 * 1000;

export const NOT_A_CODE = '没有这个邀请码，请核对后重新输入';

/** The key of the codes' hashes; without it nothing can be made or accepted. */
export function invitationKey(): string {
  const key = process.env.INVITATION_KEY ?? '';
  if (key.length < 16) {
    console.error('[invitations] INVITATION_KEY is not set (at least 16 characters): see docs/DEPLOY.md');
    throw new AppError('INTERNAL', '邀请功能还没有设置好，请联系技术人员');
  }
  return key;
}

/** The stored id of a code: its keyed hash. */
export function invitationIdOf(code: string, key = invitationKey()): string {
  return createHmac('sha256', key).update(code).digest('hex');
}

/** A fresh code: each sign from a random byte below 248 (8 × 31), so every sign is equally likely. */
export function newCode(): string {
  let code = '';
  while (code.length < INVITATION_CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && code.length < INVITATION_CODE_LENGTH) code += INVITATION_CODE_ALPHABET[byte % INVITATION_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** Refuses a caller who tried too many unknown codes this hour. */
export async function checkGuesses(openid: string, now: Date): Promise<InvitationMissDoc | null> {
  const doc = await getById('invitation_misses', openid);
  if (doc && now.getTime() - new Date(doc.windowStart).getTime() < MISS_WINDOW_MS && doc.misses >= MAX_MISSES) {
    throw new AppError('LIMIT', '邀请码输错的次数太多了，请一小时后再试，或请邀请人当面扫码');
  }
  return doc;
}

/** Counts an unknown code against the caller, then refuses it. */
export async function refuseUnknown(openid: string, seen: InvitationMissDoc | null, now: Date): Promise<never> {
  const fresh = !seen || now.getTime() - new Date(seen.windowStart).getTime() >= MISS_WINDOW_MS;
  const misses = collection('invitation_misses').doc(openid);
  // Counted by the database, so wrong codes sent at once are each counted (those already past the check when
  // the tenth lands, at most one per running instance, still get their answer).
  if (fresh) await misses.set({ windowStart: now, misses: 1 });
  else await misses.update({ misses: _.inc(1) });
  throw new AppError('NOT_FOUND', NOT_A_CODE);
}
