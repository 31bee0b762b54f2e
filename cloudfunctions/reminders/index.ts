import { z } from 'zod';
import { ActionResult } from '../../contract';
import { addDays, chinaDate } from '../../rules/china-time';
import { requireRole } from '../_shared/auth';
import { _, callerOpenid, cloud, db, getList } from '../_shared/cloud';
import { BookingDoc, OutboxDoc } from '../_shared/docs';
import { AppError, sdkErrorText } from '../_shared/errors';
import { notify } from '../_shared/notify';
import { after, allOf, GET_LIMIT } from '../_shared/query';
import { answer, describeIssues } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';

/**
 * `reminders`: run daily by WeChat's timer trigger (config.json, 18:00 China time). Reminds everyone
 * confirmed for tomorrow, once, then delivers the outbox of subscribe messages. Not a router: the
 * trigger's event is `{Type: 'Timer', TriggerName, Time}`. Without an OPENID the caller is the trigger
 * (or another function); with one, only a district admin may run it by hand.
 */

const timerEventSchema = z.object({
  Type: z.literal('Timer'),
  TriggerName: z.string().max(64).optional(),
  Time: z.string().max(64).optional(),
});

export interface ReminderRun {
  /** Reminders written this run. */
  reminded: number;
  /** Subscribe messages sent / refused by WeChat this run. */
  sent: number;
  failed: number;
  /** Subscribe messages left in the outbox (locally all of them: NOTIFY_MODE=outbox). */
  unsent: number;
}

type Template = OutboxDoc['template'];
/** Sends one subscribe message; throws when WeChat refuses it. */
export type SubscribeSender = (entry: OutboxDoc, templateId: string) => Promise<void>;

/** Confirmed bookings of tomorrow (China date) not yet reminded, each reminded once, in its own transaction. */
export async function remindTomorrow(now: Date): Promise<number> {
  const tomorrow = addDays(chinaDate(now), 1);
  // `remindedAt: null` also matches bookings made before the field existed.
  const condition = { date: tomorrow, status: 'confirmed', remindedAt: null };
  let reminded = 0;
  for (let last: BookingDoc | undefined; ; ) {
    const page = await getList<BookingDoc>(
      db.collection('bookings').where(last ? allOf([condition, { _id: _.gt(last._id) }]) : condition).orderBy('_id', 'asc').limit(GET_LIMIT),
    );
    for (const seen of page) {
      const done = await withTransaction(async (tx) => {
        const doc = await tx.get<BookingDoc>('bookings', seen._id);
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
      });
      if (done) reminded++;
    }
    if (page.length < GET_LIMIT) return reminded;
    last = page[page.length - 1];
  }
}

/**
 * Sends every unsent, unfailed subscribe message, oldest first, and records the outcome on it: sentAt,
 * or the error (not retried: WeChat refuses for good when the resident has not allowed it). A message
 * whose template has no id configured waits in the outbox.
 */
export async function deliverOutbox(now: Date, send: SubscribeSender, templateIds: Partial<Record<Template, string>>): Promise<Omit<ReminderRun, 'reminded'>> {
  const condition = { sentAt: null, error: null };
  let sent = 0;
  let failed = 0;
  let unsent = 0;
  for (let last: OutboxDoc | undefined; ; ) {
    const page = await getList<OutboxDoc>(
      db
        .collection('outbox')
        .where(last ? allOf([condition, after('createdAt', last.createdAt, last._id)]) : condition)
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(GET_LIMIT),
    );
    for (const entry of page) {
      const templateId = templateIds[entry.template];
      if (!templateId) {
        unsent++;
        continue;
      }
      try {
        await send(entry, templateId);
        await db.collection('outbox').doc(entry._id).update({ data: { sentAt: now } });
        sent++;
      } catch (err) {
        await db.collection('outbox').doc(entry._id).update({ data: { error: sdkErrorText(err).slice(0, 200) } });
        failed++;
      }
    }
    if (page.length < GET_LIMIT) return { sent, failed, unsent };
    last = page[page.length - 1];
  }
}

/** WeChat's subscribeMessage.send: each field as `{value}`. */
const sendByOpenapi: SubscribeSender = async (entry, templateId) => {
  const openapi = cloud.openapi as { subscribeMessage: { send(params: object): Promise<unknown> } };
  await openapi.subscribeMessage.send({
    touser: entry.openid,
    templateId,
    page: entry.page,
    data: Object.fromEntries(Object.entries(entry.data).map(([key, value]) => [key, { value }])),
  });
};

async function countUnsent(): Promise<number> {
  const { total } = (await db.collection('outbox').where({ sentAt: null, error: null }).count()) as unknown as { total: number };
  return total;
}

export async function main(event: unknown): Promise<ActionResult<ReminderRun>> {
  const openid = callerOpenid();
  const now = new Date();
  return answer('reminders', { openid, event }, async () => {
    if (openid) await requireRole({ openid, now }, 'admin');
    const parsed = timerEventSchema.safeParse(event);
    if (!parsed.success) throw new AppError('BAD_INPUT', describeIssues(parsed.error));
    const reminded = await remindTomorrow(now);
    // Locally the outbox is only looked at: nothing is sent to WeChat.
    if (process.env.NOTIFY_MODE === 'outbox') return { reminded, sent: 0, failed: 0, unsent: await countUnsent() };
    const delivered = await deliverOutbox(now, sendByOpenapi, {
      bookingStatus: process.env.SUBSCRIBE_TEMPLATE_BOOKING,
      reminder: process.env.SUBSCRIBE_TEMPLATE_REMINDER,
    });
    return { reminded, ...delivered };
  });
}
