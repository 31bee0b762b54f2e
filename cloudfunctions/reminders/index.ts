import { ActionResult, DISH_KIND_LABELS, GLOSSARY, STALL_KIND_LABELS } from '../../contract';
import { addDays, chinaDate, chinaInstant } from '../../rules/china-time';
import { _ } from '../_shared/cloud';
import { collection, Condition } from '../_shared/collections';
import { SignUpDoc } from '../_shared/docs';
import { notify } from '../_shared/notify';
import { allOf, GET_LIMIT } from '../_shared/query';
import * as clock from '../_shared/clock';
import { runByTimer } from '../_shared/timer';
import { withTransaction } from '../_shared/transaction';
import { slotWords, spanWords } from '../../rules/words';

/**
 * `reminders`: run by WeChat's timer trigger (config.json: every 10 minutes from 18:00 to 20:50 China
 * time). Reminds everyone confirmed for tomorrow (service-day bookings and event sign-ups), once. A run
 * stops within its time budget and its count (which bound its calls); the next run resumes with whoever
 * is not yet reminded, so the first run of the evening usually does it all and the rest find nothing.
 * The WeChat subscribe messages it queues go out with the next run of the `outbox` function.
 */

export interface ReminderRun {
  /** Reminders of service-day bookings written this run. */
  reminded: number;
  /** Reminders of event sign-ups written this run. */
  remindedSignUps: number;
  /** False when the run stopped at its budget with people left: the next run goes on. */
  finished: boolean;
}

/** Reminders one run writes at most: six calls each, so a run keeps to its call budget and its 60 s timeout. */
export const REMINDERS_PER_RUN = 150;
/** A run starts no reminder after this long (of its 60 s timeout). */
const RUN_BUDGET_MS = 40_000;

/** What is left of a run: reminders it may still write, and the instant it stops. */
export interface RunAllowance {
  left: number;
  stopAt: number;
}

const spent = (allowance: RunAllowance) => allowance.left <= 0 || clock.now().getTime() >= allowance.stopAt;

/**
 * Each document of the collection matching `condition` (which includes `remindedAt: null`), a page at
 * a time in id order, handed to `remindOne`, which re-reads it in a transaction and answers whether it
 * reminded; until the allowance is spent. A second run (or two at once) finds `remindedAt` set and
 * reminds nobody twice.
 */
async function remindEach(
  name: 'bookings' | 'sign_ups',
  condition: Condition,
  allowance: RunAllowance,
  remindOne: (id: string) => Promise<boolean>,
): Promise<number> {
  let reminded = 0;
  for (let lastId: string | undefined; !spent(allowance);) {
    const page = await collection(name)
      .where(lastId ? allOf([condition, { _id: _.gt(lastId) }]) : condition)
      .field({ _id: true })
      .orderBy('_id', 'asc')
      .limit(GET_LIMIT)
      .get();
    for (const seen of page) {
      if (spent(allowance)) break;
      if (await remindOne(seen._id)) {
        reminded++;
        allowance.left--;
      }
    }
    if (page.length < GET_LIMIT) break;
    lastId = page[page.length - 1]._id;
  }
  return reminded;
}

/** Confirmed bookings of tomorrow (China date) not yet reminded, each reminded once, in its own transaction. */
export async function remindTomorrow(now: Date, allowance: RunAllowance): Promise<number> {
  const tomorrow = addDays(chinaDate(now), 1);
  // `remindedAt: null` also matches bookings made before the field existed.
  return remindEach('bookings', { date: tomorrow, status: 'confirmed', remindedAt: null }, allowance, (id) =>
    withTransaction(async (tx) => {
      const doc = await tx.get('bookings', id);
      // Cancelled or reminded since the query: nothing to do.
      if (!doc || doc.status !== 'confirmed' || doc.remindedAt) return false;
      await tx.update('bookings', doc._id, { remindedAt: now });
      await notify(tx, {
        openid: doc.openid,
        bookingId: doc._id,
        subscribe: doc.subscribe,
        template: 'reminder',
        title: '明天有您预约的服务',
        body: `${doc.teamName} 明天（${slotWords(doc.date, doc.startTime, doc.endTime)}），地点：${doc.address}。请按时到场，签到时出示${GLOSSARY.checkInCode.word}；去不了请提前取消。`,
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
 * Confirmed sign-ups of the published events that start tomorrow (China date), not yet reminded, each
 * reminded once, in its own transaction, with the event's place read there too (it may have moved
 * since the sign-up).
 */
export async function remindEventsTomorrow(now: Date, allowance: RunAllowance): Promise<number> {
  const tomorrow = addDays(chinaDate(now), 1);
  // The events first (a few a day in the district), then each one's sign-ups by the event's index.
  const events = await collection('events')
    .where(
      allOf([{ status: 'published' }, { startAt: _.gte(chinaInstant(tomorrow, '00:00')) }, { startAt: _.lt(chinaInstant(addDays(tomorrow, 1), '00:00')) }]),
    )
    .orderBy('startAt', 'asc')
    .orderBy('_id', 'asc')
    .field({ _id: true })
    .limit(GET_LIMIT)
    .get();
  let reminded = 0;
  for (const event of events) {
    if (spent(allowance)) break;
    reminded += await remindSignUpsOf(event._id, now, allowance);
  }
  return reminded;
}

async function remindSignUpsOf(eventId: string, now: Date, allowance: RunAllowance): Promise<number> {
  return remindEach('sign_ups', { eventId, status: 'confirmed', remindedAt: null }, allowance, (id) =>
    withTransaction(async (tx) => {
      const doc = await tx.get('sign_ups', id);
      if (!doc || doc.status !== 'confirmed' || doc.remindedAt) return false;
      const event = await tx.get('events', doc.eventId);
      if (!event || event.status !== 'published') return false;
      await tx.update('sign_ups', doc._id, { remindedAt: now });
      await notify(tx, {
        openid: doc.openid,
        bookingId: null,
        subscribe: doc.subscribe,
        template: 'reminder',
        eventId: doc.eventId,
        title: '明天有您报名的活动',
        body: `${doc.eventTitle} 明天（${spanWords(new Date(event.startAt), new Date(event.endAt))}），地点：${event.place.address}。${signUpLine(doc)}。入场时出示${GLOSSARY.checkInCode.word}；去不了请提前在“我的报名”里取消。`,
        now,
      });
      return true;
    }),
  );
}

export async function main(event: unknown): Promise<ActionResult<ReminderRun>> {
  return runByTimer('reminders', event, async (now) => {
    const allowance: RunAllowance = { left: REMINDERS_PER_RUN, stopAt: now.getTime() + RUN_BUDGET_MS };
    const reminded = await remindTomorrow(now, allowance);
    const remindedSignUps = await remindEventsTomorrow(now, allowance);
    return { reminded, remindedSignUps, finished: !spent(allowance) };
  });
}
