/**
 * The places ledger: one document's worth of bookkeeping for anything with limited places and a
 * waitlist — a slot of a fixed service day, a 百家宴 or a 幸福集市. One mechanism, several uses:
 *
 * - Each entry (a booking, a sign-up) claims `size` places (a household of four takes four; a service
 *   day booking takes one) and, optionally, amounts of named sub-pools with caps of their own (a
 *   banquet's dish kinds, a market's stall kinds).
 * - An entry is admitted when every pool it claims from has room; otherwise it waits (if it wants to)
 *   or is refused, naming what is full.
 * - Freed room goes to the waitlist **first that fits, in order**: the waitlist is walked from its
 *   head and every entry that fits is promoted; one that does not fit keeps its place in the line.
 *   Why not strict head-of-line: with several pools and sizes, a head that cannot fit (a household of
 *   five when one place is free, a 热菜 when hot dishes are capped) would block everyone behind it
 *   while the room it cannot use goes to waste, and an event's room is gone once its deadline passes.
 *   The head keeps its position, so it gets the next release big enough for it. For claims of one
 *   place and no sub-pools (service days) the two rules are the same.
 * - Invariant after every operation: places and every pool held within their caps, and no waitlisted
 *   entry fits.
 *
 * Every change rewrites the whole ledger inside a transaction, so concurrent callers conflict and are
 * serialised: caps can never be exceeded. The stored shape of a service-day slot is unchanged:
 * `claims` and `pools` are only present once something claims more than one place or a sub-pool.
 */

export interface Claim {
  /** Places (people) taken: an integer ≥ 0. */
  size: number;
  /** Amounts of named sub-pools taken, e.g. `{ 热菜: 1 }`. */
  pools?: Record<string, number>;
}

export interface Pool {
  cap: number;
  held: number;
}

export interface Ledger {
  capacity: number;
  /** Places held: the sum of the holding entries' sizes (including ones forgotten: attended, no-show). */
  held: number;
  /** Waiting entries' ids, in the order they joined. */
  waitlist: string[];
  /** Holder key (the resident's OPENID) → their active entry's id, holding or waiting. */
  holders: Record<string, string>;
  /** Entry id → its claim, for active entries whose claim is not the unit claim (one place, no pools). */
  claims?: Record<string, Claim>;
  /** Named sub-pools with their caps and amounts held. */
  pools?: Record<string, Pool>;
}

/** The service-day name of the ledger, kept for its readers. */
export type SlotLedger = Ledger;

export type Admission = 'confirmed' | 'pending' | 'waitlisted';

/** What lacks room: the places themselves (`FULL`, with any sub-pools also short), or only sub-pools (`POOL_FULL`). */
export type Shortage = { refused: 'FULL'; pools?: string[] } | { refused: 'POOL_FULL'; pools: string[] };

export const UNIT_CLAIM: Claim = { size: 1 };

export function claimOf(ledger: Ledger, entryId: string): Claim {
  return ledger.claims?.[entryId] ?? UNIT_CLAIM;
}

function checkClaim(claim: Claim): void {
  const amounts = [claim.size, ...Object.values(claim.pools ?? {})];
  if (!amounts.every((n) => Number.isInteger(n) && n >= 0)) throw new RangeError(`invalid claim ${JSON.stringify(claim)}`);
}

const isUnit = (claim: Claim) => claim.size === 1 && Object.values(claim.pools ?? {}).every((n) => n === 0);

/** Places and each sub-pool left (a pool the ledger does not know has a cap of 0). */
export function roomLeft(ledger: Ledger): { places: number; pools: Record<string, number> } {
  const pools: Record<string, number> = {};
  for (const [name, pool] of Object.entries(ledger.pools ?? {})) pools[name] = Math.max(0, pool.cap - pool.held);
  return { places: Math.max(0, ledger.capacity - ledger.held), pools };
}

/** Whether the claim fits in the room left; if not, what is short. */
export function shortage(ledger: Ledger, claim: Claim): Shortage | null {
  const placesShort = ledger.held + claim.size > ledger.capacity;
  const pools = Object.entries(claim.pools ?? {})
    .filter(([name, amount]) => amount > 0 && (ledger.pools?.[name]?.held ?? 0) + amount > (ledger.pools?.[name]?.cap ?? 0))
    .map(([name]) => name);
  if (placesShort) return pools.length ? { refused: 'FULL', pools } : { refused: 'FULL' };
  return pools.length ? { refused: 'POOL_FULL', pools } : null;
}

/** Adds (sign +1) or removes (sign -1) a claim's amounts to what is held. */
function hold(ledger: Ledger, claim: Claim, sign: 1 | -1): Ledger {
  const next: Ledger = { ...ledger, held: Math.max(0, ledger.held + sign * claim.size) };
  const amounts = Object.entries(claim.pools ?? {}).filter(([, n]) => n > 0);
  if (amounts.length) {
    const pools = { ...(ledger.pools ?? {}) };
    for (const [name, n] of amounts) {
      const pool = pools[name] ?? { cap: 0, held: 0 };
      pools[name] = { ...pool, held: Math.max(0, pool.held + sign * n) };
    }
    next.pools = pools;
  }
  return next;
}

/** Records an entry's claim (or drops it); `claims` stays absent while every claim is the unit one. */
function withClaim(ledger: Ledger, entryId: string, claim: Claim | null): Ledger {
  const claims = { ...(ledger.claims ?? {}) };
  if (claim && !isUnit(claim)) claims[entryId] = claim;
  else delete claims[entryId];
  if (ledger.claims === undefined && Object.keys(claims).length === 0) return ledger;
  return { ...ledger, claims };
}

/**
 * A new entry's place: held (confirmed, or pending approval) when every pool it claims has room, else
 * the waitlist if wanted, else refused with what is full. One active entry per holder.
 */
export function admit(
  ledger: Ledger,
  holder: string,
  entryId: string,
  options: { needsApproval: boolean; joinWaitlist: boolean; claim?: Claim },
): { ledger: Ledger; admission: Admission } | { refused: 'ALREADY_BOOKED' } | Shortage {
  const claim = options.claim ?? UNIT_CLAIM;
  checkClaim(claim);
  if (ledger.holders[holder]) return { refused: 'ALREADY_BOOKED' };
  const recorded = withClaim({ ...ledger, holders: { ...ledger.holders, [holder]: entryId } }, entryId, claim);
  const short = shortage(ledger, claim);
  if (!short) return { ledger: hold(recorded, claim, 1), admission: options.needsApproval ? 'pending' : 'confirmed' };
  if (!options.joinWaitlist) return short;
  return { ledger: { ...recorded, waitlist: [...ledger.waitlist, entryId] }, admission: 'waitlisted' };
}

/**
 * An entry leaves (cancelled, rejected): what it held goes to the waitlist at once, first that fits in
 * order; a waiting entry just leaves the line.
 */
export function release(ledger: Ledger, holder: string, entryId: string): { ledger: Ledger; promoted: string[] } {
  const holders = { ...ledger.holders };
  if (holders[holder] === entryId) delete holders[holder];
  const claim = claimOf(ledger, entryId);
  const rest = withClaim({ ...ledger, holders }, entryId, null);
  if (ledger.waitlist.includes(entryId)) return { ledger: { ...rest, waitlist: ledger.waitlist.filter((id) => id !== entryId) }, promoted: [] };
  return fill(hold(rest, claim, -1));
}

/**
 * Entries leave a ledger whose places are no longer offered (their day cancelled or moved): nobody is
 * promoted, what they held is given back, and once nobody is listed nothing is held (not even by
 * those checked in and forgotten).
 */
export function withdraw(ledger: Ledger, entryIds: Iterable<string>): Ledger {
  const leaving = new Set(entryIds);
  const holders = Object.fromEntries(Object.entries(ledger.holders).filter(([, id]) => !leaving.has(id)));
  const waitlist = ledger.waitlist.filter((id) => !leaving.has(id));
  let next: Ledger = { ...ledger, holders, waitlist };
  for (const id of leaving) {
    const wasHolding = Object.values(ledger.holders).includes(id) && !ledger.waitlist.includes(id);
    if (wasHolding) next = hold(next, claimOf(ledger, id), -1);
    next = withClaim(next, id, null);
  }
  return Object.keys(holders).length || waitlist.length ? next : { ...next, held: 0 };
}

/** An entry that ends holding its place but stays on record (attended, no-show) keeps the counts. */
export function forget(ledger: Ledger, holder: string, entryId: string): Ledger {
  const holders = { ...ledger.holders };
  if (holders[holder] === entryId) delete holders[holder];
  return withClaim({ ...ledger, holders }, entryId, null);
}

/**
 * The places (and optionally sub-pool caps) change: never below what is held; raising lets the
 * waitlist in. Caps not named keep their value; a new pool name starts with nothing held.
 */
export function resize(
  ledger: Ledger,
  capacity: number,
  poolCaps: Record<string, number> = {},
): { ledger: Ledger; promoted: string[] } | { refused: 'BELOW_HELD'; pools?: string[] } {
  const low = Object.entries(poolCaps)
    .filter(([name, cap]) => cap < (ledger.pools?.[name]?.held ?? 0))
    .map(([name]) => name);
  if (capacity < ledger.held) return low.length ? { refused: 'BELOW_HELD', pools: low } : { refused: 'BELOW_HELD' };
  if (low.length) return { refused: 'BELOW_HELD', pools: low };
  const next: Ledger = { ...ledger, capacity };
  if (Object.keys(poolCaps).length) {
    const pools = { ...(ledger.pools ?? {}) };
    for (const [name, cap] of Object.entries(poolCaps)) pools[name] = { cap, held: pools[name]?.held ?? 0 };
    next.pools = pools;
  }
  return fill(next);
}

/**
 * An active entry changes its claim (a household's headcount, the kind of dish it brings), all or
 * nothing. A holding entry keeps its place only if the new claim fits once its old one is given back
 * (else refused with what is short, the ledger unchanged); what it no longer needs goes to the
 * waitlist. A waiting entry keeps its position, and is promoted at once if its new claim fits.
 */
export function amend(ledger: Ledger, entryId: string, claim: Claim): { ledger: Ledger; promoted: string[] } | Shortage | { refused: 'NOT_ACTIVE' } {
  checkClaim(claim);
  if (!Object.values(ledger.holders).includes(entryId)) return { refused: 'NOT_ACTIVE' };
  if (ledger.waitlist.includes(entryId)) return fill(withClaim(ledger, entryId, claim));
  const without = hold(ledger, claimOf(ledger, entryId), -1);
  const short = shortage(without, claim);
  if (short) return short;
  return fill(hold(withClaim(without, entryId, claim), claim, 1));
}

/** Moves waiting entries into the room left: first that fits, in order (see the top of this file). */
function fill(ledger: Ledger): { ledger: Ledger; promoted: string[] } {
  let next = ledger;
  const promoted: string[] = [];
  for (const id of ledger.waitlist) {
    const claim = claimOf(ledger, id);
    if (shortage(next, claim)) continue;
    next = hold(next, claim, 1);
    promoted.push(id);
  }
  if (promoted.length === 0) return { ledger, promoted };
  return { ledger: { ...next, waitlist: ledger.waitlist.filter((id) => !promoted.includes(id)) }, promoted };
}
