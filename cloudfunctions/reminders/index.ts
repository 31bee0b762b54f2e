import { ActionResult, DISH_KIND_LABELS, STALL_KIND_LABELS } from '../../contract';
import { addDays, chinaDate, chinaInstant, formatInChina } from '../../rules/china-time';
import { _, db, getList } from '../_shared/cloud';
import { BookingDoc, EventDoc, SignUpDoc } from '../_shared/docs';
import { notify, SIGN_UPS_PAGE } from '../_shared/notify';
import { allOf, GET_LIMIT } from '../_shared/query';
import { runByTimer } from '../_shared/timer';
import { withTransaction } from '../_shared/transaction';

/**
 * `reminders`: run daily by WeChat's timer trigger (config.json, 18:00 China time). Reminds everyone
 * confirmed for tomorrow (service-day bookings and event sign-ups), once. The WeChat subscribe messages
 * it queues go out with the next run of the `outbox` function.
 */

export interface ReminderRun {
  /** Reminders of service-day bookings written this run. */
  reminded: number;
  /** Reminders of event sign-ups written this run. */
  remindedSignUps: number;
}

/**
 * Each document of `collection` matching `condition` (which includes `remindedAt: null`), GET_LIMIT at
 * a time in id order, handed to `remindOne`, which re-reads it in a transaction and answers whether it
 * reminded. A second run (or two at once) finds `remindedAt` set and reminds nobody twice.
 */
async function remindEach(collection: string, condition: object, remindOne: (id: string) => Promise<boolean>): Promise<number> {
  let reminded = 0;
  for (let lastId: string | undefined; ;) {
    const page = await getList<{ _id: string }>(
      db
        .collection(collection)
        .where(lastId ? allOf([condition, { _id: _.gt(lastId) }]) : condition)
        .field({ _id: true })
        .orderBy('_id', 'asc')
        .limit(GET_LIMIT),
    );
    for (const seen of page) if (await remindOne(seen._id)) reminded++;
    if (page.length < GET_LIMIT) return reminded;
    lastId = page[page.length - 1]._id;
  }
}

/** Confirmed bookings of tomorrow (China date) not yet reminded, each reminded once, in its own transaction. */
export async function remindTomorrow(now: Date): Promise<number> {
  const tomorrow = addDays(chinaDate(now), 1);
  // `remindedAt: null` also matches bookings made before the field existed.
  return remindEach('bookings', { date: tomorrow, status: 'confirmed', remindedAt: null }, (id) =>
    withTransaction(async (tx) => {
      const doc = await tx.get<BookingDoc>('bookings', id);
      // Cancelled or reminded since the query: nothing to do.
      if (!doc || doc.status !== 'confirmed' || doc.remindedAt) return false;
      await tx.update('bookings', doc._id, { remindedAt: now });
      await notify(tx, {
        openid: doc.openid,
        bookingId: doc._id,
        subscribe: doc.subscribe,
        template: 'reminder',
        title: '明天有您预约的服务',
        body: `${doc.teamName} 明天（${doc.date}）${doc.startTime}–${doc.endTime}，地点：${doc.address}。请按时到场，签到时出示签到码；去不了请提前取消。`,
        now,
      });
      return true;
    }),
  );
}

/** What a confirmed sign-up brings: its people and dish, or its stall. */
function signUpLine(doc: SignUpDoc): string {
  if (doc.kind === 'stall' && doc.stall) return `您的${STALL_KIND_LABELS[doc.stall.kind]}摊位已通过审核，请提前到场布置`;
  const dish = doc.dish ? `，请带上${DISH_KIND_LABELS[doc.dish.kind]}“${doc.dish.name}”` : '';
  return `您报名了 ${doc.headcount} 人${dish}`;
}

/**
 * Confirmed event sign-ups whose event starts tomorrow (China date), not yet reminded, each reminded
 * once, in its own transaction, with the event's place read there too (it may have moved since the
 * sign-up). A cancelled event's sign-ups are cancelled with it, so they are not confirmed here.
 */
export async function remindEventsTomorrow(now: Date): Promise<number> {
  const tomorrow = addDays(chinaDate(now), 1);
  const condition = allOf([
    { status: 'confirmed', remindedAt: null },
    { startAt: _.gte(chinaInstant(tomorrow, '00:00')) },
    { startAt: _.lt(chinaInstant(addDays(tomorrow, 1), '00:00')) },
  ]);
  return remindEach('sign_ups', condition, (id) =>
    withTransaction(async (tx) => {
      const doc = await tx.get<SignUpDoc>('sign_ups', id);
      if (!doc || doc.status !== 'confirmed' || doc.remindedAt) return false;
      const event = await tx.get<EventDoc>('events', doc.eventId);
      if (!event || event.status !== 'published') return false;
      await tx.update('sign_ups', doc._id, { remindedAt: now });
      await notify(tx, {
        openid: doc.openid,
        bookingId: null,
        subscribe: doc.subscribe,
        template: 'reminder',
        page: SIGN_UPS_PAGE,
        title: '明天有您报名的活动',
        body: `${doc.eventTitle} 明天（${formatInChina(event.startAt, 'M月D日')}）${formatInChina(event.startAt, 'HH:mm')}–${formatInChina(event.endAt, 'HH:mm')}，地点：${event.place.address}。${signUpLine(doc)}。入场时出示报名码；去不了请提前在“我的报名”里取消。`,
        now,
      });
      return true;
    }),
  );
}

export async function main(event: unknown): Promise<ActionResult<ReminderRun>> {
  return runByTimer('reminders', event, async (now) => ({ reminded: await remindTomorrow(now), remindedSignUps: await remindEventsTomorrow(now) }));
}
