import { randomBytes } from 'crypto';
import { ACTIVE_BOOKING_STATUSES, Booking, BookingStatus, CANCELLERS, Slot } from '../../contract';
import { cancelDeadline, SlotLedger } from '../../rules/booking';
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
  const holders = Object.fromEntries(Object.entries(slot.holders).filter(([, id]) => !ending.has(id)));
  const waitlist = slot.waitlist.filter((id) => !ending.has(id));
  const remaining = listed.length - ending.size;
  // Each holder held one place; once nobody is listed, nothing is held (not even by those checked in and forgotten).
  const held = remaining ? Math.max(0, slot.held - (Object.keys(slot.holders).length - Object.keys(holders).length)) : 0;
  await saveLedgerInTx(tx, slot, { ...ledgerOf(slot), held, waitlist, holders }, now);
  return { cancelled, remaining };
}
