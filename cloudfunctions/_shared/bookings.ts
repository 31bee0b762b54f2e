import { randomBytes } from 'crypto';
import { ACTIVE_BOOKING_STATUSES, Booking, BookingStatus, CANCELLERS, Slot } from '../../contract';
import { cancelDeadline, SlotLedger, weekKey } from '../../rules/booking';
import { chinaInstant } from '../../rules/china-time';
import { withdraw } from '../../rules/ledger';
import { Mover, moveNotice, placeMoved } from '../../rules/moved-day';
import { Actor, seesFullPhone } from '../../rules/permissions';
import { maskPhone } from '../../rules/privacy';
import { _ } from './cloud';
import { BookingDoc, SlotDoc, TeamDoc } from './docs';
import { notify } from './notify';
import { Tx } from './transaction';
import { slotWords } from '../../rules/words';

/** Booking records and slot ledgers as the functions keep them; shared by residents', staff's and leaders' actions. */

export const slotIdOf = (teamId: string, date: string, startTime: string) => `${teamId}_${date.replace(/-/g, '')}_${startTime.replace(':', '')}`;
export const quotaIdOf = (teamId: string, openid: string, weekKey: string) => `${teamId}_${openid}_${weekKey}`;
/** 8 characters without look-alikes (0/O, 1/I): readable aloud if a scan fails. */
export function newCheckInCode(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}
/** What the QR code encodes: a prefix, so a leader's scan of anything else is refused plainly. */
export const CHECK_IN_PREFIX = 'XFJY1:';
/** The 8 characters of a scanned QR code's text, or of a code read aloud (any case). */
export const checkInCodeOf = (raw: string) => (raw.startsWith(CHECK_IN_PREFIX) ? raw.slice(CHECK_IN_PREFIX.length) : raw).toUpperCase();

export function ledgerOf(slot: SlotDoc): SlotLedger {
  return { capacity: slot.capacity, held: slot.held, waitlist: slot.waitlist, holders: slot.holders };
}

/** A slot's numbers as the app shows them; a slot nobody has booked yet has no document and its schedule's places. */
export function slotNumbers(slot: SlotDoc | null | undefined, placesPerSlot: number): Pick<Slot, 'capacity' | 'held' | 'waitlisted' | 'placesLeft'> {
  const capacity = slot?.capacity ?? placesPerSlot;
  const held = slot?.held ?? 0;
  return { capacity, held, waitlisted: slot?.waitlist.length ?? 0, placesLeft: Math.max(0, capacity - held) };
}

/** The document of a slot before anyone booked it: the schedule's places, nobody holding or waiting. */
export function emptySlotDoc(teamId: string, date: string, slot: { startTime: string; endTime: string }, capacity: number, now: Date): SlotDoc {
  return { _id: slotIdOf(teamId, date, slot.startTime), teamId, date, ...slot, capacity, held: 0, waitlist: [], holders: {}, updatedAt: now };
}

export function toBooking(doc: BookingDoc, viewer: Actor, now: Date, team?: Pick<TeamDoc, 'schedule'> | null): Booking {
  const own = doc.openid === viewer.openid;
  const active = isActive(doc.status);
  const deadline = team?.schedule ? cancelDeadline(team.schedule, doc.date, doc.startTime) : null;
  return {
    id: doc._id,
    teamId: doc.teamId,
    teamName: doc.teamName,
    communityId: doc.communityId,
    date: doc.date,
    startTime: doc.startTime,
    endTime: doc.endTime,
    address: doc.address,
    status: doc.status,
    waitlistPosition: null,
    name: doc.name,
    phone: seesFullPhone(viewer, doc) ? doc.phone : maskPhone(doc.phone),
    createdAt: new Date(doc.createdAt).toISOString(),
    decision: doc.decision
      ? { approved: doc.decision.approved, by: doc.decision.byName, at: new Date(doc.decision.at).toISOString(), reason: doc.decision.reason }
      : null,
    cancellation: doc.cancellation ? { by: doc.cancellation.by, at: new Date(doc.cancellation.at).toISOString(), reason: doc.cancellation.reason } : null,
    checkInCode: own && doc.status === 'confirmed' ? CHECK_IN_PREFIX + doc.checkInCode : null,
    cancelBefore: deadline ? deadline.toISOString() : null,
    canCancel: own && active && deadline !== null && now < deadline,
  };
}

/**
 * Inside a transaction: writes a slot's ledger. The whole document is replaced because update()
 * merges nested objects field by field, which would keep a holder that left.
 */
export async function saveLedgerInTx(tx: Tx, slot: SlotDoc, ledger: SlotLedger, now: Date): Promise<void> {
  const { _id, ...fields } = slot;
  await tx.set('slots', _id, { ...fields, ...ledger, updatedAt: now });
}

/** A booking with its place in the waitlist filled in from the slot's ledger. */
export function withWaitlistPosition(booking: Booking, slot: Pick<SlotDoc, 'waitlist'> | null | undefined): Booking {
  if (booking.status !== 'waitlisted' || !slot) return booking;
  const at = slot.waitlist.indexOf(booking.id);
  return { ...booking, waitlistPosition: at >= 0 ? at + 1 : null };
}

type HistoryEntry = { status: string; at: Date; by: string; reason: string };

/** A status change, recorded in the record's history (a booking's, an event sign-up's). */
export function transition<D extends { history: HistoryEntry[] }>(
  doc: D,
  status: D['history'][number]['status'],
  by: string,
  at: Date,
  reason = '',
): { status: D['history'][number]['status']; history: D['history']; updatedAt: Date } {
  return { status, history: [...doc.history, { status, at, by, reason }] as D['history'], updatedAt: at };
}

/**
 * What every new request (a booking, an event sign-up) starts as: who made it, with the name and phone
 * of their profile, how it was admitted, the first line of its history, and nothing decided yet.
 */
export function newRequestFields<S extends string>(openid: string, user: { name: string; phone: string }, admission: S, subscribe: boolean, now: Date) {
  return {
    openid,
    name: user.name,
    phone: user.phone,
    status: admission,
    subscribe,
    decision: null,
    cancellation: null,
    checkedInAt: null,
    history: [{ status: admission, at: now, by: openid, reason: '' }],
    createdAt: now,
    updatedAt: now,
  };
}

const STATUS_NOTICE: Partial<Record<BookingStatus, string>> = {
  confirmed: '预约成功',
  pending: '已排上，等待社区审核',
};

/**
 * Inside a transaction: the bookings promoted from the waitlist get their place (confirmed, or pending
 * when the team needs approval) and are told at once.
 */
export async function promoteInTx(tx: Tx, promotedIds: string[], needsApproval: boolean, now: Date): Promise<void> {
  for (const id of promotedIds) {
    const doc = await tx.get('bookings', id);
    if (!doc || doc.status !== 'waitlisted') continue;
    const status: BookingStatus = needsApproval ? 'pending' : 'confirmed';
    await tx.update('bookings', id, transition(doc, status, 'system', now, '候补递补'));
    await notify(tx, {
      openid: doc.openid,
      bookingId: id,
      subscribe: doc.subscribe,
      title: `候补成功：${STATUS_NOTICE[status]}`,
      body: `${doc.teamName} ${slotWords(doc.date, doc.startTime, doc.endTime)} 有人取消，您已从候补${needsApproval ? '排上，等待社区审核' : '转为预约成功'}。`,
      now,
    });
  }
}

/**
 * Inside a transaction: one more active booking in the resident's week with the team. A day moved by
 * its team may take a week past its limit: the resident did not choose it.
 */
async function incrementQuotaInTx(tx: Tx, doc: Pick<BookingDoc, 'teamId' | 'openid' | 'weekKey'>): Promise<void> {
  const id = quotaIdOf(doc.teamId, doc.openid, doc.weekKey);
  const quota = await tx.get('booking_quotas', id);
  await tx.set('booking_quotas', id, { teamId: doc.teamId, openid: doc.openid, weekKey: doc.weekKey, count: (quota?.count ?? 0) + 1 });
}

/** Inside a transaction: one fewer active booking in the resident's week with the team. */
export async function decrementQuotaInTx(tx: Tx, doc: BookingDoc): Promise<void> {
  const id = quotaIdOf(doc.teamId, doc.openid, doc.weekKey);
  const quota = await tx.get('booking_quotas', id);
  if (quota && quota.count > 0) await tx.update('booking_quotas', id, { count: quota.count - 1 });
}

export interface SlotCancellation {
  by: (typeof CANCELLERS)[number];
  byOpenid: string;
  reason: string;
  now: Date;
  /** What each resident is told. */
  notice: (booking: BookingDoc) => { title: string; body: string };
}

/** Whether a booking still holds or waits for a place. */
export const isActive = (status: BookingStatus) => (ACTIVE_BOOKING_STATUSES as readonly BookingStatus[]).includes(status);

/** Bookings one transaction ends at most: each costs six operations, and transactions stay small. */
export const BOOKINGS_PER_TRANSACTION = 5;

/**
 * Inside a transaction: up to BOOKINGS_PER_TRANSACTION of the bookings a slot's ledger lists end
 * cancelled, each resident's week quota gives the place back, each is told, and they leave the ledger
 * (its places stay). Whatever is no longer active just leaves the ledger, so running it again ends only
 * what is still active. A slot nobody has booked yet is written empty (`seen`): a first booking racing
 * to create it then conflicts with this, and its retry finds the day changed. Answers how many ended
 * and how many the ledger still lists.
 */
export async function cancelSlotBookingsInTx(tx: Tx, seen: SlotDoc, cancellation: SlotCancellation): Promise<{ cancelled: number; remaining: number }> {
  const slot = (await tx.get('slots', seen._id)) ?? seen;
  const { by, byOpenid, reason, now } = cancellation;
  const listed = [...new Set([...Object.values(slot.holders), ...slot.waitlist])];
  const ending = new Set(listed.slice(0, BOOKINGS_PER_TRANSACTION));
  let cancelled = 0;
  for (const id of ending) {
    const doc = await tx.get('bookings', id);
    if (!doc || !isActive(doc.status)) continue;
    // Set whole: update() writes a nested object field by field, which fails on a null one in MongoDB.
    await tx.update('bookings', id, { ...transition(doc, 'cancelled', byOpenid, now, reason), cancellation: _.set({ by, byOpenid, at: now, reason }) });
    await decrementQuotaInTx(tx, doc);
    await notify(tx, { openid: doc.openid, bookingId: id, subscribe: doc.subscribe, ...cancellation.notice(doc), now });
    cancelled++;
  }
  await saveLedgerInTx(tx, slot, withdraw(ledgerOf(slot), ending), now);
  return { cancelled, remaining: listed.length - ending.size };
}

/** Bookings one transaction moves at most: each costs up to eight operations, so a step stays within the 35 calls a job step may make (call-budgets.ts). */
export const MOVES_PER_TRANSACTION = 3;

export interface SlotMove {
  /** The new day's slot, as an empty slot should nobody have booked it yet. */
  to: SlotDoc;
  needsApproval: boolean;
  byOpenid: string;
  reason: string;
  now: Date;
  /** What a resident who already has a booking in the new slot is told: theirs there stays, the moved one ends. */
  alreadyBookedNotice: { title: string; body: string };
}

const occurrenceOfSlot = (slot: Pick<SlotDoc, 'date' | 'startTime' | 'endTime'>) => ({ date: slot.date, startTime: slot.startTime, endTime: slot.endTime });

/**
 * Inside a transaction: up to MOVES_PER_TRANSACTION of the bookings a slot of a moved day lists (in
 * booking order) go to the new day's slot (rules/moved-day.ts, placeMoved: a place while there is one,
 * else its waitlist), their week's quota follows them, the reminder is due again, and each resident is
 * told. Both ledgers are rewritten, so a resident booking the new slot meanwhile conflicts and is
 * serialised: its places are never exceeded. What is no longer active just leaves the old ledger, so
 * running it again moves only what has not moved. Answers what happened and how many the old ledger
 * still lists.
 */
export async function moveSlotBookingsInTx(
  tx: Tx,
  seen: SlotDoc,
  move: SlotMove,
): Promise<{ moved: number; waitlisted: number; cancelled: number; remaining: number }> {
  const from = (await tx.get('slots', seen._id)) ?? seen;
  const to = (await tx.get('slots', move.to._id)) ?? move.to;
  const { byOpenid, reason, now } = move;
  const listed = [...new Set([...Object.values(from.holders), ...from.waitlist])];
  const batch = listed.slice(0, MOVES_PER_TRANSACTION);
  const docs: BookingDoc[] = [];
  for (const id of batch) {
    const doc = await tx.get('bookings', id);
    if (doc && isActive(doc.status) && doc.slotId === from._id) docs.push(doc);
  }
  docs.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
  const movers = docs.map((doc) => ({ id: doc._id, openid: doc.openid, status: doc.status as Mover['status'] }));
  const placed = placeMoved(ledgerOf(to), movers, move.needsApproval);
  const counts = { moved: 0, waitlisted: 0, cancelled: 0 };
  const week = weekKey(to.date);
  for (const [i, fate] of placed.fates.entries()) {
    const doc = docs[i];
    if (fate.status === 'alreadyBooked') {
      const cancellation = { by: 'team' as const, byOpenid, at: now, reason };
      await tx.update('bookings', doc._id, { ...transition(doc, 'cancelled', byOpenid, now, reason), cancellation: _.set(cancellation) });
      await decrementQuotaInTx(tx, doc);
      await notify(tx, { openid: doc.openid, bookingId: doc._id, subscribe: doc.subscribe, ...move.alreadyBookedNotice, now });
      counts.cancelled++;
      continue;
    }
    await tx.update('bookings', doc._id, {
      ...transition(doc, fate.status, byOpenid, now, reason),
      slotId: to._id,
      date: to.date,
      startTime: to.startTime,
      endTime: to.endTime,
      startsAt: chinaInstant(to.date, to.startTime),
      weekKey: week,
      remindedAt: null,
    });
    if (week !== doc.weekKey) {
      await decrementQuotaInTx(tx, doc);
      await incrementQuotaInTx(tx, { ...doc, weekKey: week });
    }
    const words = moveNotice(fate, {
      teamName: doc.teamName,
      wasWaiting: doc.status === 'waitlisted',
      from: occurrenceOfSlot(doc),
      to: occurrenceOfSlot(to),
      reason,
    });
    await notify(tx, { openid: doc.openid, bookingId: doc._id, subscribe: doc.subscribe, ...words, now });
    counts[fate.status === 'waitlisted' ? 'waitlisted' : 'moved']++;
  }
  if (docs.length) await saveLedgerInTx(tx, to, placed.ledger, now);
  await saveLedgerInTx(tx, from, withdraw(ledgerOf(from), batch), now);
  return { ...counts, remaining: listed.length - batch.length };
}
