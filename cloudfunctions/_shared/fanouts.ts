import { ACTIVE_SIGN_UP_STATUSES, SignUpStatus } from '../../contract';
import { cancelSlotBookingsInTx, moveSlotBookingsInTx } from './bookings';
import { applyImportStep } from './import-apply';
import { _ } from './cloud';
import { collection } from './collections';
import { JobHandlers, JobStep } from './jobs';
import { notifyOnce } from './notify';
import { allOf } from './query';
import { withTransaction } from './transaction';

/** The fan-outs (jobs.ts): ending an event's sign-ups, the bookings of a service day's slots, and applying an import (import-apply.ts). */

/** Sign-ups one step ends: one read, one multi-document update and the notices' four calls. */
export const SIGN_UPS_PER_STEP = 100;

const isActiveSignUp = (status: SignUpStatus) => (ACTIVE_SIGN_UP_STATUSES as readonly SignUpStatus[]).includes(status);

/**
 * The next sign-ups of a cancelled event (its ledger was emptied when it was cancelled), in id order:
 * those still active are told first, then ended in one update. Re-run after a failure, the notices'
 * ids make sure nobody is told twice, and what already ended is left as it is.
 */
async function cancelEventSignUpsStep(job: Parameters<JobHandlers['cancelEventSignUps']>[0]): Promise<JobStep> {
  const { eventId, eventTitle, byOpenid, reason, at } = job.params;
  const batch = await collection('sign_ups')
    .where(job.cursor ? allOf([{ eventId }, { _id: _.gt(job.cursor) }]) : { eventId })
    .orderBy('_id', 'asc')
    .limit(SIGN_UPS_PER_STEP)
    .get();
  const active = batch.filter((doc) => isActiveSignUp(doc.status));
  await notifyOnce(
    active.map((doc) => ({
      id: `cancel-${doc._id}`,
      openid: doc.openid,
      bookingId: null,
      eventId,
      subscribe: doc.subscribe,
      title: '活动取消',
      body: `${eventTitle} 已取消：${reason}。给您带来不便，敬请谅解。`,
      now: at,
    })),
  );
  let processed = 0;
  if (active.length) {
    processed = await collection('sign_ups')
      .where({ _id: _.in(active.map((doc) => doc._id)), status: _.in([...ACTIVE_SIGN_UP_STATUSES]) })
      .update({
        status: 'cancelled',
        cancellation: _.set({ by: 'staff', byOpenid, at, reason }),
        history: _.push([{ status: 'cancelled', at, by: byOpenid, reason }]),
        updatedAt: at,
      });
  }
  return { cursor: batch.length ? batch[batch.length - 1]._id : job.cursor, done: batch.length < SIGN_UPS_PER_STEP, processed };
}

/**
 * One transaction's worth of the current slot's bookings, ended (BOOKINGS_PER_TRANSACTION) or, for a
 * moved day, moved to the new day (MOVES_PER_TRANSACTION); the next slot once it has none.
 */
async function endSlotBookingsStep(job: Parameters<JobHandlers['endSlotBookings']>[0]): Promise<JobStep> {
  const { slots, byOpenid, reason, at } = job.params;
  const index = Number(job.cursor ?? 0);
  const entry = slots[index];
  if (!entry) return { cursor: String(index), done: true, processed: 0 };
  const { moveTo } = entry;
  const { remaining, ...outcomes } = await withTransaction((tx) =>
    moveTo
      ? moveSlotBookingsInTx(tx, entry.slot, {
          to: moveTo.slot,
          needsApproval: moveTo.needsApproval,
          byOpenid,
          reason,
          now: at,
          alreadyBookedNotice: entry.notice,
        })
      : cancelSlotBookingsInTx(tx, entry.slot, { by: 'team', byOpenid, reason, now: at, notice: () => entry.notice }),
  );
  const next = remaining ? index : index + 1;
  const processed = Object.values(outcomes).reduce((sum, n) => sum + n, 0);
  return { cursor: String(next), done: next >= slots.length, processed, outcomes };
}

export const JOB_HANDLERS: JobHandlers = {
  applyImport: applyImportStep,
  cancelEventSignUps: cancelEventSignUpsStep,
  endSlotBookings: endSlotBookingsStep,
};
