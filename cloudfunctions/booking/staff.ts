import { z } from 'zod';
import { bookingContract } from '../../contract';
import { release } from '../../rules/booking';
import { approvesFor, isStaffOrAdmin } from '../../rules/permissions';
import { loadActor } from '../_shared/auth';
import { decrementQuotaInTx, ledgerOf, promoteInTx, saveLedgerInTx, toBooking, transition } from '../_shared/bookings';
import { _ } from '../_shared/cloud';
import { collection } from '../_shared/collections';
import { AppError } from '../_shared/errors';
import { notify } from '../_shared/notify';
import { decodeCursorAs, pageFrom } from '../_shared/paging';
import { getByIds } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';
import { slotWords } from '../../rules/words';

const createdCursor = z.strictObject({ at: z.string(), id: z.string() });

/** Why a booking in a batch could not be decided, in words for the staff member. */
class Skip extends Error {}

export const staffHandlers: Pick<Handlers<typeof bookingContract>, 'approvalQueue' | 'decide'> = {
  async approvalQueue(input, ctx) {
    const actor = await loadActor(ctx);
    if (!isStaffOrAdmin(actor)) throw new AppError('FORBIDDEN', '只有社区工作者可以审核预约');
    const conditions: object[] = [{ status: 'pending' }];
    if (!actor.admin) conditions.push({ communityId: _.in(actor.staffOf) });
    if (input.cursor) {
      const last = decodeCursorAs(input.cursor, createdCursor);
      const at = new Date(last.at);
      conditions.push(_.or([{ createdAt: _.gt(at) }, { createdAt: at, _id: _.gt(last.id) }]));
    }
    const docs = await collection('bookings')
      .where(_.and(conditions))
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.pageSize + 1)
      .get();
    const teams = await getByIds(
      'teams',
      docs.map((d) => d.teamId),
    );
    return pageFrom(
      docs,
      input.pageSize,
      (doc) => toBooking(doc, actor, ctx.now, teams.get(doc.teamId)),
      (last) => ({ at: new Date(last.createdAt).toISOString(), id: last._id }),
    );
  },

  async decide(input, ctx) {
    const actor = await loadActor(ctx);
    if (!isStaffOrAdmin(actor)) throw new AppError('FORBIDDEN', '只有社区工作者可以审核预约');
    const byName = actor.user?.name ?? '社区工作者';
    const results: Array<{ bookingId: string; ok: boolean; message: string }> = [];
    // Each booking is decided in its own transaction: one refusal does not undo the others.
    for (const bookingId of Array.from(new Set(input.bookingIds))) {
      try {
        await withTransaction(async (tx) => {
          const doc = await tx.get('bookings', bookingId);
          if (!doc || !approvesFor(actor, doc.communityId)) throw new Skip('没有找到这个预约，或不归您审核');
          if (doc.status !== 'pending') throw new Skip('这个预约已经处理过了');
          // Set whole (update() would write the nested object field by field onto a null one).
          const decision = { approved: input.approve, by: actor.openid, byName, at: ctx.now, reason: input.reason };
          const when = `${doc.teamName} ${slotWords(doc.date, doc.startTime, doc.endTime)}`;
          if (input.approve) {
            // A pending booking already holds its place: approving never touches the slot's count.
            await tx.update('bookings', doc._id, { ...transition(doc, 'confirmed', actor.openid, ctx.now, input.reason), decision: _.set(decision) });
            await notify(tx, {
              openid: doc.openid,
              bookingId: doc._id,
              subscribe: doc.subscribe,
              now: ctx.now,
              title: '预约已通过审核',
              body: `${when} 的预约已通过，请按时到场。`,
            });
            return;
          }
          await tx.update('bookings', doc._id, { ...transition(doc, 'rejected', actor.openid, ctx.now, input.reason), decision: _.set(decision) });
          await decrementQuotaInTx(tx, doc);
          const slot = await tx.get('slots', doc.slotId);
          if (slot) {
            const { ledger, promoted } = release(ledgerOf(slot), doc.openid, doc._id);
            await saveLedgerInTx(tx, slot, ledger, ctx.now);
            await promoteInTx(tx, promoted, doc.needsApproval, ctx.now);
          }
          await notify(tx, {
            openid: doc.openid,
            bookingId: doc._id,
            subscribe: doc.subscribe,
            now: ctx.now,
            title: '预约未通过审核',
            body: `${when} 的预约未通过：${input.reason}`,
          });
        });
        results.push({ bookingId, ok: true, message: input.approve ? '已通过' : '已不通过' });
      } catch (err) {
        if (!(err instanceof Skip)) throw err;
        results.push({ bookingId, ok: false, message: err.message });
      }
    }
    return { results };
  },
};
