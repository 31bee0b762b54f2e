import { BOOKING_STATUS_LABELS, bookingContract } from '../../contract';
import { forget, resize, slotTimes } from '../../rules/booking';
import { chinaDate, chinaInstant } from '../../rules/china-time';
import { requireTeamLeader } from '../_shared/auth';
import {
  checkInCodeOf,
  emptySlotDoc,
  ledgerOf,
  promoteInTx,
  saveLedgerInTx,
  slotIdOf,
  slotNumbers,
  toBooking,
  transition,
  withWaitlistPosition,
} from '../_shared/bookings';
import { collection, getById } from '../_shared/collections';
import { BookingDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { GET_LIMIT, getAll } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';
import { loadServiceDay, requireSlotServedInTx, slotOf } from './context';

/** The team leader's side of a service day: who booked, check-in at the door, no-shows afterwards, places per slot. */

type LeaderActions = 'session' | 'checkIn' | 'markNoShows' | 'setCapacity';

/** The booking a leader scanned (the QR code's text, or the code read aloud) or tapped, if it is this team's. */
async function findBooking(teamId: string, input: { code?: string; bookingId?: string }): Promise<BookingDoc> {
  if (input.bookingId) {
    const doc = await getById('bookings', input.bookingId);
    if (!doc || doc.teamId !== teamId) throw new AppError('NOT_FOUND', '没有找到这个预约');
    return doc;
  }
  const code = checkInCodeOf(input.code ?? '');
  const [doc] = await collection('bookings').where({ teamId, checkInCode: code }).limit(1).get();
  if (!doc) throw new AppError('NOT_FOUND', '签到码无效，请让居民重新打开签到码');
  return doc;
}

/** Every booking of a team on a date with the given status, grouped by slot. */
async function bookingsBySlot(teamId: string, date: string, status: BookingDoc['status']): Promise<Map<string, BookingDoc[]>> {
  const bySlot = new Map<string, BookingDoc[]>();
  for (const doc of await getAll('bookings', { teamId, date, status }, 'createdAt')) {
    bySlot.set(doc.slotId, [...(bySlot.get(doc.slotId) ?? []), doc]);
  }
  return bySlot;
}

export const leaderHandlers: Pick<Handlers<typeof bookingContract>, LeaderActions> = {
  async session(input, ctx) {
    const actor = await requireTeamLeader(ctx, input.teamId);
    const day = await loadServiceDay(input.teamId, input.date);
    const { team } = day;
    const [slotDocs, bookings] = await Promise.all([
      collection('slots').where({ teamId: team._id, date: input.date }).limit(GET_LIMIT).get(),
      getAll('bookings', { teamId: team._id, date: input.date }, 'createdAt'),
    ]);
    // The day's slots, and any slot booked under an earlier schedule: the leader sees everyone who booked.
    const times = new Map(slotTimes(day.occurrence, team.schedule.slotMinutes).map((t) => [t.startTime, t]));
    // (A slot of a changed day that nobody had booked is kept empty, only as a marker: not shown.)
    for (const doc of slotDocs)
      if (!times.has(doc.startTime) && bookings.some((b) => b.slotId === doc._id)) times.set(doc.startTime, { startTime: doc.startTime, endTime: doc.endTime });
    const slotByStart = new Map(slotDocs.map((doc) => [doc.startTime, doc]));
    return {
      teamId: team._id,
      teamName: team.name,
      occurrence: day.occurrence,
      slots: [...times.values()]
        .sort((a, b) => (a.startTime < b.startTime ? -1 : 1))
        .map((t) => {
          const doc = slotByStart.get(t.startTime);
          return {
            ...t,
            ...slotNumbers(doc, team.schedule.placesPerSlot),
            bookings: bookings.filter((b) => b.startTime === t.startTime).map((b) => withWaitlistPosition(toBooking(b, actor, ctx.now, team), doc)),
          };
        }),
    };
  },

  async checkIn(input, ctx) {
    const actor = await requireTeamLeader(ctx, input.teamId);
    const found = await findBooking(input.teamId, input);
    if (found.date !== chinaDate(ctx.now)) throw new AppError('CLOSED', '只能在服务当天签到');
    const team = await getById('teams', found.teamId);
    const saved = await withTransaction(async (tx) => {
      const doc = await tx.get('bookings', found._id);
      if (!doc) throw new AppError('NOT_FOUND', '没有找到这个预约');
      // A second scan of the same code answers as the first did.
      if (doc.status === 'attended') return doc;
      if (doc.status === 'pending') throw new AppError('CONFLICT', '还没有通过审核');
      if (doc.status !== 'confirmed') throw new AppError('CONFLICT', `这个预约${BOOKING_STATUS_LABELS[doc.status]}，不能签到`);
      const change = { ...transition(doc, 'attended', actor.openid, ctx.now), checkedInAt: ctx.now };
      await tx.update('bookings', doc._id, change);
      // Attended keeps its place in the count but no longer blocks the resident's slot.
      const slot = await tx.get('slots', doc.slotId);
      if (slot) await saveLedgerInTx(tx, slot, forget(ledgerOf(slot), doc.openid, doc._id), ctx.now);
      return { ...doc, ...change };
    });
    return toBooking(saved, actor, ctx.now, team);
  },

  async markNoShows(input, ctx) {
    const actor = await requireTeamLeader(ctx, input.teamId);
    const day = await loadServiceDay(input.teamId, input.date);
    const times = slotTimes(day.occurrence, day.team.schedule.slotMinutes);
    const lastEnd = times[times.length - 1]?.endTime ?? day.occurrence.endTime;
    if (ctx.now < chinaInstant(input.date, lastEnd)) throw new AppError('CLOSED', `服务结束（${lastEnd}）后才能标记未到场`);
    let marked = 0;
    // One transaction per slot: its bookings and its ledger change together.
    for (const [slotId, docs] of await bookingsBySlot(input.teamId, input.date, 'confirmed')) {
      marked += await withTransaction(async (tx) => {
        const slot = await tx.get('slots', slotId);
        let ledger = slot ? ledgerOf(slot) : null;
        let count = 0;
        for (const seen of docs) {
          const doc = await tx.get('bookings', seen._id);
          if (doc?.status !== 'confirmed') continue;
          await tx.update('bookings', doc._id, transition(doc, 'noshow', actor.openid, ctx.now, '服务结束时未签到'));
          if (ledger) ledger = forget(ledger, doc.openid, doc._id);
          count++;
        }
        if (slot && ledger) await saveLedgerInTx(tx, slot, ledger, ctx.now);
        return count;
      });
    }
    return { marked };
  },

  async setCapacity(input, ctx) {
    await requireTeamLeader(ctx, input.teamId);
    const day = await loadServiceDay(input.teamId, input.date);
    if (day.cancelledReason) throw new AppError('CLOSED', '这一天的服务已取消');
    if (input.date < chinaDate(ctx.now)) throw new AppError('CLOSED', '已经过去的服务日不能再改名额');
    const slot = slotOf(day, input.startTime);
    const { team } = day;
    const saved = await withTransaction(async (tx) => {
      await requireSlotServedInTx(tx, team._id, input.date, slot.startTime);
      const slotId = slotIdOf(team._id, input.date, slot.startTime);
      const current = (await tx.get('slots', slotId)) ?? emptySlotDoc(team._id, input.date, slot, team.schedule.placesPerSlot, ctx.now);
      const outcome = resize(ledgerOf(current), input.capacity);
      if ('refused' in outcome) throw new AppError('CONFLICT', `已经有 ${current.held} 人预约，名额不能少于 ${current.held}`);
      await saveLedgerInTx(tx, current, outcome.ledger, ctx.now);
      // Raising the places lets the waitlist in, in order, at once.
      await promoteInTx(tx, outcome.promoted, team.schedule.needsApproval, ctx.now);
      return { ...current, ...outcome.ledger };
    });
    return { ...slot, ...slotNumbers(saved, team.schedule.placesPerSlot) };
  },
};
