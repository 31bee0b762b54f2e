import { bookingContract } from '../../contract';
import { admit, bookingWindow, cancelDeadline, release, slotTimes, weekKey, windowState } from '../../rules/booking';
import { chinaInstant, formatInChina } from '../../rules/china-time';
import { approvesFor, leadsTeam } from '../../rules/permissions';
import { loadActor, loadViewer } from '../_shared/auth';
import {
  decrementQuotaInTx,
  emptySlotDoc,
  isActive,
  ledgerOf,
  newCheckInCode,
  newRequestFields,
  promoteInTx,
  quotaIdOf,
  saveLedgerInTx,
  slotIdOf,
  slotNumbers,
  toBooking,
  transition,
  withWaitlistPosition,
} from '../_shared/bookings';
import { _ } from '../_shared/cloud';
import { getById } from '../_shared/collections';
import { BookingDoc, isActiveDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { newId } from '../_shared/ids';
import { pageFrom } from '../_shared/paging';
import { getByIds, pageOwnByTime } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';
import { loadServiceDay, markSlotCreatedInTx, noticeOf, requireSlotServedInTx, slotOf, TEAM_STOPPED } from './context';

type ResidentActions = 'day' | 'book' | 'cancel' | 'mine' | 'get';

export const residentHandlers: Pick<Handlers<typeof bookingContract>, ResidentActions> = {
  async day(input, ctx) {
    // Visitors (no WeChat identity: a page opened from 朋友圈) see the day's places, with no bookings of theirs.
    const viewer = await loadViewer(ctx);
    const day = await loadServiceDay(input.teamId, input.date);
    const { schedule } = day.team;
    const times = slotTimes(day.occurrence, schedule.slotMinutes);
    const slots = await getByIds(
      'slots',
      times.map((t) => slotIdOf(day.team._id, input.date, t.startTime)),
    );
    const window = bookingWindow(schedule, input.date, day.occurrence.startTime);
    const lastWindow = bookingWindow(schedule, input.date, times[times.length - 1]?.startTime ?? day.occurrence.startTime);
    const stopped = !isActiveDoc(day.team);
    const state = day.cancelledReason
      ? 'cancelled'
      : stopped
        ? 'closed'
        : ctx.now < window.opensAt
          ? 'notYetOpen'
          : ctx.now < lastWindow.closesAt
            ? 'open'
            : 'closed';
    const mineIds = viewer
      ? times.map((t) => slots.get(slotIdOf(day.team._id, input.date, t.startTime))?.holders[viewer.openid]).filter((id): id is string => Boolean(id))
      : [];
    const mine = await getByIds('bookings', mineIds);
    return {
      teamId: day.team._id,
      teamName: day.team.name,
      needsApproval: schedule.needsApproval,
      occurrence: day.occurrence,
      address: schedule.place.address,
      state,
      notice: noticeOf(day),
      opensAt: window.opensAt.toISOString(),
      slots: times.map((t) => {
        const doc = slots.get(slotIdOf(day.team._id, input.date, t.startTime));
        const booking = doc && viewer ? mine.get(doc.holders[viewer.openid] ?? '') : undefined;
        const position = booking && doc ? doc.waitlist.indexOf(booking._id) : -1;
        return {
          ...t,
          ...slotNumbers(doc, schedule.placesPerSlot),
          bookable: !day.cancelledReason && !stopped && windowState(bookingWindow(schedule, input.date, t.startTime), ctx.now) === 'open',
          mine: booking ? { bookingId: booking._id, status: booking.status, waitlistPosition: position >= 0 ? position + 1 : null } : null,
        };
      }),
    };
  },

  async book(input, ctx) {
    const actor = await loadActor(ctx);
    if (!actor.user) throw new AppError('BAD_INPUT', '请先在“我的”里填写姓名和手机号，再来预约');
    const user = actor.user;
    const day = await loadServiceDay(input.teamId, input.date);
    if (!isActiveDoc(day.team)) throw new AppError('CLOSED', TEAM_STOPPED);
    if (day.cancelledReason) throw new AppError('CLOSED', noticeOf(day) ?? '这一天的服务已取消');
    const slot = slotOf(day, input.startTime);
    const { team } = day;
    const { schedule } = team;
    const window = bookingWindow(schedule, input.date, slot.startTime);
    const state = windowState(window, ctx.now);
    if (state === 'notYetOpen') throw new AppError('CLOSED', `还没到预约时间，${formatInChina(window.opensAt, 'M月D日 HH:mm')} 开放预约`);
    if (state === 'closed') throw new AppError('CLOSED', `已过预约截止时间（开始前 ${schedule.closesHoursBefore} 小时截止）`);

    const slotId = slotIdOf(team._id, input.date, slot.startTime);
    // A full slot answers at once, without a transaction, when the caller does not want the waitlist.
    const seen = await getById('slots', slotId);
    if (seen && seen.held >= seen.capacity && !input.joinWaitlist && !seen.holders[actor.openid]) {
      throw new AppError('FULL', '这个时段已约满，可以排队候补');
    }

    const week = weekKey(input.date);
    const quotaId = quotaIdOf(team._id, actor.openid, week);
    const bookingId = newId();
    const saved = await withTransaction(async (tx) => {
      // A day cancelled or moved by its leader meanwhile takes no bookings.
      await requireSlotServedInTx(tx, team._id, input.date, slot.startTime);
      const existing = await tx.get('slots', slotId);
      const current = existing ?? emptySlotDoc(team._id, input.date, slot, schedule.placesPerSlot, ctx.now);
      const outcome = admit(ledgerOf(current), actor.openid, bookingId, { needsApproval: schedule.needsApproval, joinWaitlist: input.joinWaitlist });
      if ('refused' in outcome) {
        throw outcome.refused === 'FULL'
          ? new AppError('FULL', '这个时段已约满，可以排队候补')
          : new AppError('CONFLICT', '您已经预约了这个时段，可以在“我的预约”里查看');
      }
      const quota = await tx.get('booking_quotas', quotaId);
      if ((quota?.count ?? 0) >= schedule.weeklyLimit) {
        throw new AppError('LIMIT', `这个服务队每人每周最多预约 ${schedule.weeklyLimit} 次，这周已经约满了`);
      }
      const doc: BookingDoc = {
        _id: bookingId,
        slotId,
        teamId: team._id,
        teamName: team.name,
        communityId: team.communityId,
        date: input.date,
        ...slot,
        startsAt: chinaInstant(input.date, slot.startTime),
        address: schedule.place.address,
        ...newRequestFields(actor.openid, user, outcome.admission, input.subscribe, ctx.now),
        needsApproval: schedule.needsApproval,
        checkInCode: newCheckInCode(),
        weekKey: week,
      };
      // A schedule saved meanwhile could not find a slot document created now: see markSlotCreatedInTx.
      if (!existing) await markSlotCreatedInTx(tx, team._id);
      await saveLedgerInTx(tx, current, outcome.ledger, ctx.now);
      await tx.set('booking_quotas', quotaId, { teamId: team._id, openid: actor.openid, weekKey: week, count: (quota?.count ?? 0) + 1 });
      const { _id: _booking, ...bookingFields } = doc;
      await tx.set('bookings', bookingId, bookingFields);
      return { doc, ledger: outcome.ledger };
    });
    return withWaitlistPosition(toBooking(saved.doc, actor, ctx.now, team), saved.ledger);
  },

  async cancel(input, ctx) {
    const actor = await loadActor(ctx);
    const found = await getById('bookings', input.bookingId);
    // Someone else's booking is not found, not forbidden: its existence is not theirs to learn.
    if (!found || found.openid !== actor.openid) throw new AppError('NOT_FOUND', '没有找到这个预约');
    if (!isActive(found.status)) throw new AppError('CONFLICT', '这个预约已经结束，不能再取消');
    const team = await getById('teams', found.teamId);
    if (team?.schedule && ctx.now >= cancelDeadline(team.schedule, found.date, found.startTime)) {
      throw new AppError('CLOSED', `已过取消时间：需在服务开始前 ${team.schedule.cancelHoursBefore} 小时取消，如有变化请联系服务队`);
    }
    const saved = await withTransaction(async (tx) => {
      const doc = await tx.get('bookings', found._id);
      if (!doc || !isActive(doc.status)) throw new AppError('CONFLICT', '这个预约已经结束，不能再取消');
      const slot = await tx.get('slots', doc.slotId);
      const reason = input.reason;
      const cancellation = { by: 'resident' as const, byOpenid: actor.openid, at: ctx.now, reason };
      const change = { ...transition(doc, 'cancelled', actor.openid, ctx.now, reason), cancellation };
      // Set whole: update() writes a nested object field by field, which fails on a null one.
      await tx.update('bookings', doc._id, { ...change, cancellation: _.set(cancellation) });
      await decrementQuotaInTx(tx, doc);
      if (slot) {
        const { ledger, promoted } = release(ledgerOf(slot), doc.openid, doc._id);
        await saveLedgerInTx(tx, slot, ledger, ctx.now);
        await promoteInTx(tx, promoted, doc.needsApproval, ctx.now);
      }
      return { ...doc, ...change };
    });
    return toBooking(saved, actor, ctx.now, team);
  },

  async mine(input, ctx) {
    const actor = await loadActor(ctx);
    const { docs, cursorOf } = await pageOwnByTime('bookings', 'startsAt', actor.openid, input.scope, input.cursor, input.pageSize, ctx.now);
    const page = docs.slice(0, input.pageSize);
    const [teams, slots] = await Promise.all([
      getByIds(
        'teams',
        page.map((d) => d.teamId),
      ),
      getByIds(
        'slots',
        page.filter((d) => d.status === 'waitlisted').map((d) => d.slotId),
      ),
    ]);
    return pageFrom(
      docs,
      input.pageSize,
      (doc) => withWaitlistPosition(toBooking(doc, actor, ctx.now, teams.get(doc.teamId)), slots.get(doc.slotId)),
      cursorOf,
    );
  },

  async get(input, ctx) {
    const actor = await loadActor(ctx);
    const doc = await getById('bookings', input.bookingId);
    const team = doc ? await getById('teams', doc.teamId) : null;
    const mayRead = doc && (doc.openid === actor.openid || leadsTeam(actor, doc.teamId) || approvesFor(actor, doc.communityId));
    if (!doc || !mayRead) throw new AppError('NOT_FOUND', '没有找到这个预约');
    const slot = doc.status === 'waitlisted' ? await getById('slots', doc.slotId) : null;
    return withWaitlistPosition(toBooking(doc, actor, ctx.now, team), slot);
  },
};
