import { DISH_KINDS, STALL_KINDS } from '../../contract';
import { Claim, Ledger } from '../../rules/ledger';
import { EventDoc, EventLedgerDoc, SignUpDoc } from '../_shared/docs';

/**
 * An event's places ledger as sign-ups use it: pure (no database), so the demo data builds its
 * ledgers with the same rules the functions apply.
 */

/** A sign-up's places and sub-pool amounts: a household its people and one dish of its kind, a stall one of its kind and no places. */
export function claimOf(doc: Pick<SignUpDoc, 'kind' | 'headcount' | 'dish' | 'stall'>): Claim {
  if (doc.kind === 'stall' && doc.stall) return { size: 0, pools: { [doc.stall.kind]: 1 } };
  if (doc.kind === 'household' && doc.dish) return { size: doc.headcount, pools: { [doc.dish.kind]: 1 } };
  return { size: doc.headcount };
}

/** A market visitor may also keep a stall: the two are held under different keys of the ledger. */
export const holderKey = (openid: string, kind: SignUpDoc['kind']) => (kind === 'stall' ? `${openid}:stall` : openid);

/**
 * The sub-pools an event's ledger has: a banquet's dish kinds (a kind left out is not wanted; with no
 * caps set, any dish up to the places), a market's stall kinds (none unless set).
 */
export function poolCapsOf(event: Pick<EventDoc, 'type' | 'capacity' | 'dishCaps' | 'stallCaps'>): Record<string, number> {
  if (event.type === 'banquet') {
    const caps = event.dishCaps;
    return Object.fromEntries(DISH_KINDS.map((k) => [k, caps ? (caps[k] ?? 0) : event.capacity]));
  }
  return Object.fromEntries(STALL_KINDS.map((k) => [k, event.stallCaps?.[k] ?? 0]));
}

/** The ledger of an event before anyone signed up. */
export function emptyLedgerDoc(event: EventDoc, now: Date): EventLedgerDoc {
  const pools = Object.fromEntries(Object.entries(poolCapsOf(event)).map(([k, cap]) => [k, { cap, held: 0 }]));
  return { _id: event._id, capacity: event.capacity, held: 0, waitlist: [], holders: {}, claims: {}, pools, updatedAt: now };
}

export function ledgerOf(doc: EventLedgerDoc): Ledger {
  return { capacity: doc.capacity, held: doc.held, waitlist: doc.waitlist, holders: doc.holders, claims: doc.claims, pools: doc.pools };
}
