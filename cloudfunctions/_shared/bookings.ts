import { randomBytes } from 'crypto';
import { Booking, BookingStatus } from '../../contract';
import { cancelDeadline, SlotLedger } from '../../rules/booking';
import { Actor, seesFullPhone } from '../../rules/permissions';
import { maskPhone } from '../../rules/privacy';
import { BookingDoc, SlotDoc, TeamDoc } from './docs';
import { notify } from './notify';
import { Tx } from './transaction';

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

export function ledgerOf(slot: SlotDoc): SlotLedger {
  return { capacity: slot.capacity, held: slot.held, waitlist: slot.waitlist, holders: slot.holders };
}

export function toBooking(doc: BookingDoc, viewer: Actor, now: Date, team?: Pick<TeamDoc, 'schedule'> | null): Booking {
  const own = doc.openid === viewer.openid;
  const active = doc.status === 'pending' || doc.status === 'confirmed' || doc.status === 'waitlisted';
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
    decision: doc.decision ? { approved: doc.decision.approved, by: doc.decision.byName, at: new Date(doc.decision.at).toISOString(), reason: doc.decision.reason } : null,
    cancellation: doc.cancellation ? { by: doc.cancellation.by, at: new Date(doc.cancellation.at).toISOString(), reason: doc.cancellation.reason } : null,
    checkInCode: own && doc.status === 'confirmed' ? CHECK_IN_PREFIX + doc.checkInCode : null,
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

/** A status change, recorded in the booking's history. */
export function transition(doc: BookingDoc, status: BookingStatus, by: string, at: Date, reason = ''): Pick<BookingDoc, 'status' | 'history' | 'updatedAt'> {
  return { status, history: [...doc.history, { status, at, by, reason }], updatedAt: at };
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
    const doc = await tx.get<BookingDoc>('bookings', id);
    if (!doc || doc.status !== 'waitlisted') continue;
    const status: BookingStatus = needsApproval ? 'pending' : 'confirmed';
    await tx.update('bookings', id, transition(doc, status, 'system', now, '候补递补'));
    await notify(tx, {
      openid: doc.openid,
      bookingId: id,
      subscribe: doc.subscribe,
      title: `候补成功：${STATUS_NOTICE[status]}`,
      body: `${doc.teamName} ${doc.date} ${doc.startTime}–${doc.endTime} 有人取消，您已从候补${needsApproval ? '排上，等待社区审核' : '转为预约成功'}。`,
      now,
    });
  }
}

/** Inside a transaction: one fewer active booking in the resident's week with the team. */
export async function decrementQuotaInTx(tx: Tx, doc: BookingDoc): Promise<void> {
  const id = quotaIdOf(doc.teamId, doc.openid, doc.weekKey);
  const quota = await tx.get<{ count: number }>('booking_quotas', id);
  if (quota && quota.count > 0) await tx.update('booking_quotas', id, { count: quota.count - 1 });
}
