import { ActionResult } from '../../contract';
import { _, cloud } from '../_shared/cloud';
import { collection } from '../_shared/collections';
import * as clock from '../_shared/clock';
import { OutboxDoc } from '../_shared/docs';
import { sdkErrorText } from '../_shared/errors';
import { JOB_HANDLERS } from '../_shared/fanouts';
import { newId } from '../_shared/ids';
import { continueJobs } from '../_shared/jobs';
import { after, allOf, GET_LIMIT } from '../_shared/query';
import { runByTimer } from '../_shared/timer';

/**
 * `outbox`: run every 5 minutes by WeChat's timer trigger (config.json). First it continues the
 * unfinished fan-outs (jobs.ts: a cancelled event's or service day's bookings), whose notices it then
 * delivers with the rest: the WeChat subscribe messages every notice queues in the `outbox`
 * collection (cloudfunctions/_shared/notify.ts). A function of its own because WeChat allows one
 * trigger per function, and the reminders' runs in the evening.
 */

export interface OutboxRun {
  /** Unfinished jobs this run continued, and how many of them it finished. */
  jobs: { continued: number; finished: number };
  /** Subscribe messages sent / refused by WeChat this run. */
  sent: number;
  failed: number;
  /** Entries left in the outbox after the run (locally all of them: NOTIFY_MODE=outbox). */
  unsent: number;
}

type Template = OutboxDoc['template'];
/** Sends one subscribe message; throws when WeChat refuses it. */
export type SubscribeSender = (entry: OutboxDoc, templateId: string) => Promise<void>;

/**
 * A claim older than this was left by a run that died between claiming and recording (a run lasts at
 * most its 60 s timeout): the entry is sent by a later run.
 */
export const CLAIM_STALE_MS = 10 * 60_000;
/** A run claims nothing more after this long, so it records every send before its 60 s timeout. */
const RUN_BUDGET_MS = 45_000;
/** The part of a run the jobs may take, and the steps each job may take in it (what bounds the run's calls). */
const JOBS_BUDGET_MS = 25_000;
const JOB_STEPS_PER_RUN = 20;
/** Subscribe messages one run sends at most (two calls each): the run's calls stay within its budget. */
const SENDS_PER_RUN = 300;

export interface Delivery {
  now: Date;
  send: SubscribeSender;
  templateIds: Partial<Record<Template, string>>;
  /** From this instant (ms since the epoch) no entry is claimed: the rest waits for the next run. */
  stopAt: number;
}

/** Unsent, unrefused, and not held by a live run. */
function deliverable(now: Date): object {
  return allOf([{ sentAt: null, error: null }, _.or([{ claimedAt: null }, { claimedAt: _.lt(new Date(now.getTime() - CLAIM_STALE_MS)) }])]);
}

/**
 * Takes the entry for this run if it is still deliverable: one conditional update, atomic per
 * document in the database (and in the local cloud), so of two runs at once only one gets it.
 */
async function claim(id: string, claimId: string, now: Date): Promise<boolean> {
  const updated = await collection('outbox')
    .where(allOf([{ _id: id }, deliverable(now)]))
    .update({ claimId, claimedAt: now });
  return updated === 1;
}

/**
 * Sends every deliverable subscribe message whose template has an id, oldest first, each claimed
 * first, and records the outcome on it: sentAt, or the error (not retried: WeChat refuses for good when
 * the resident has not allowed it). A message whose template has no id configured waits.
 */
export async function deliverOutbox({ now, send, templateIds, stopAt }: Delivery): Promise<Pick<OutboxRun, 'sent' | 'failed'>> {
  const claimId = newId();
  const templates = (Object.keys(templateIds) as Template[]).filter((t) => templateIds[t]);
  let sent = 0;
  let failed = 0;
  if (!templates.length) return { sent, failed };
  const spent = () => sent + failed >= SENDS_PER_RUN || clock.now().getTime() >= stopAt;
  const condition = allOf([deliverable(now), { template: _.in(templates) }]);
  for (let last: OutboxDoc | undefined; ;) {
    const page = await collection('outbox')
      .where(last ? allOf([condition, after('createdAt', last.createdAt, last._id)]) : condition)
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(GET_LIMIT)
      .get();
    for (const entry of page) {
      if (spent()) return { sent, failed };
      // Taken by another run since the query.
      if (!(await claim(entry._id, claimId, now))) continue;
      try {
        await send(entry, templateIds[entry.template]!);
      } catch (err) {
        await collection('outbox')
          .doc(entry._id)
          .update({ error: sdkErrorText(err).slice(0, 200) });
        failed++;
        continue;
      }
      await collection('outbox').doc(entry._id).update({ sentAt: now });
      sent++;
    }
    if (page.length < GET_LIMIT) return { sent, failed };
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
  const total = await collection('outbox').where({ sentAt: null, error: null }).count();
  return total;
}

export async function main(event: unknown): Promise<ActionResult<OutboxRun>> {
  return runByTimer('outbox', event, async (now) => {
    const jobs = await continueJobs(JOB_HANDLERS, { stopAt: now.getTime() + JOBS_BUDGET_MS, maxSteps: JOB_STEPS_PER_RUN });
    // Locally the outbox is only looked at: nothing is sent to WeChat.
    const delivered =
      process.env.NOTIFY_MODE === 'outbox'
        ? { sent: 0, failed: 0 }
        : await deliverOutbox({
            now,
            send: sendByOpenapi,
            templateIds: { bookingStatus: process.env.SUBSCRIBE_TEMPLATE_BOOKING, reminder: process.env.SUBSCRIBE_TEMPLATE_REMINDER },
            stopAt: now.getTime() + RUN_BUDGET_MS,
          });
    return { jobs, ...delivered, unsent: await countUnsent() };
  });
}
