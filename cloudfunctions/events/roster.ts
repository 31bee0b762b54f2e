import { eventsContract, GLOSSARY, Roster, SIGN_UP_STATUS_LABELS } from '../../contract';
import { chinaDate } from '../../rules/china-time';
import { forget, release } from '../../rules/ledger';
import { Actor } from '../../rules/permissions';
import { checkInCodeOf } from '../_shared/bookings';
import { _ } from '../_shared/cloud';
import { collection, getById } from '../_shared/collections';
import { EventDoc, SignUpDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { notify } from '../_shared/notify';
import { writeWorkbook } from '../_shared/spreadsheet';
import { getAll } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';
import { detailOf, holderKey, ledgerInTx, ledgerOf, loadEvent, promoteInTx, requireEventStaff, saveLedgerInTx, toSignUp, transition } from './common';
import { rosterFileName, rosterSheets } from './rosterWorkbook';

/** Community staff (and district admins) with an event's sign-ups: review pending ones, the roster and its export, check-in. */

type RosterActions = 'reviewSignUp' | 'roster' | 'exportRoster' | 'checkIn';

/** Everyone signed up for the event, in sign-up order, phones whole, with the totals. */
async function rosterOf(event: EventDoc, actor: Actor, now: Date): Promise<Roster> {
  const [ledger, docs] = await Promise.all([getById('event_ledgers', event._id), getAll('sign_ups', { eventId: event._id }, 'createdAt')]);
  const active = docs.filter((d) => d.status === 'confirmed' || d.status === 'pending' || d.status === 'attended');
  return {
    event: await detailOf(event, now, ledger),
    totals: {
      people: active.reduce((n, d) => n + d.headcount, 0),
      signUps: active.filter((d) => d.kind !== 'stall').length,
      waitlisted: docs.filter((d) => d.status === 'waitlisted').length,
      stalls: active.filter((d) => d.kind === 'stall').length,
      attended: docs.filter((d) => d.status === 'attended').length,
    },
    signUps: docs.map((d) => toSignUp(d, actor, now, event, ledger)),
  };
}

export const rosterHandlers: Pick<Handlers<typeof eventsContract>, RosterActions> = {
  async reviewSignUp(input, ctx) {
    const found = await getById('sign_ups', input.signUpId);
    if (!found) throw new AppError('NOT_FOUND', '没有找到这个报名');
    const actor = await requireEventStaff(ctx, found.communityId);
    const byName = actor.user?.name ?? '社区工作者';
    const what = found.kind === 'stall' ? '摊位申请' : '报名';
    const saved = await withTransaction(async (tx) => {
      const doc = await tx.get('sign_ups', found._id);
      if (!doc) throw new AppError('NOT_FOUND', '没有找到这个报名');
      if (doc.status !== 'pending')
        throw new AppError('CONFLICT', `这个${what}${doc.decision ? '已经处理过了' : `不用审核（${SIGN_UP_STATUS_LABELS[doc.status]}）`}`);
      const event = await tx.get('events', doc.eventId);
      if (!event) throw new AppError('NOT_FOUND', '没有找到这个活动');
      const decision = { approved: input.approve, by: actor.openid, byName, at: ctx.now, reason: input.reason };
      const status = input.approve ? 'confirmed' : 'rejected';
      const change = { ...transition(doc, status, actor.openid, ctx.now, input.reason), decision };
      // Set whole (update() would write the nested object field by field onto a null one).
      await tx.update('sign_ups', doc._id, { ...change, decision: _.set(decision) });
      if (!input.approve) {
        // A pending sign-up holds its places and kind: a rejection gives them back, to the waitlist first.
        const ledgerDoc = await ledgerInTx(tx, event, ctx.now);
        const { ledger, promoted } = release(ledgerOf(ledgerDoc), holderKey(doc.openid, doc.kind), doc._id);
        await saveLedgerInTx(tx, ledgerDoc, ledger, ctx.now);
        await promoteInTx(tx, event, promoted, ctx.now);
      }
      const welcome = doc.kind === 'stall' ? '请按时出摊。' : `活动当天请出示${GLOSSARY.checkInCode.word}（${doc.headcount} 人）。`;
      await notify(tx, {
        openid: doc.openid,
        bookingId: null,
        eventId: doc.eventId,
        subscribe: doc.subscribe,
        now: ctx.now,
        title: `${what}${input.approve ? '已通过' : '未通过'}`,
        body: input.approve ? `${doc.eventTitle} 的${what}已通过，${welcome}` : `${doc.eventTitle} 的${what}未通过：${input.reason}`,
      });
      return { doc: { ...doc, ...change }, event };
    });
    return toSignUp(saved.doc, actor, ctx.now, saved.event);
  },

  async roster(input, ctx) {
    const event = await loadEvent(input.eventId);
    const actor = await requireEventStaff(ctx, event.communityId);
    return rosterOf(event, actor, ctx.now);
  },

  async exportRoster(input, ctx) {
    const event = await loadEvent(input.eventId);
    const actor = await requireEventStaff(ctx, event.communityId);
    const roster = await rosterOf(event, actor, ctx.now);
    // Deflated by the writer: stored, a roster of 2,000 sign-ups would be about 1.7 MB in base64, over callFunction's 1 MB answer.
    const bytes = await writeWorkbook(rosterSheets(roster, ctx.now), { createdAt: ctx.now });
    return { fileName: rosterFileName(roster.event), base64: bytes.toString('base64') };
  },

  async checkIn(input, ctx) {
    const event = await loadEvent(input.eventId);
    const actor = await requireEventStaff(ctx, event.communityId);
    let found: SignUpDoc | null;
    if (input.signUpId) {
      found = await getById('sign_ups', input.signUpId);
      if (!found || found.eventId !== event._id) throw new AppError('NOT_FOUND', '没有找到这个报名');
    } else {
      const code = checkInCodeOf(input.code ?? '');
      [found] = await collection('sign_ups').where({ eventId: event._id, entryCode: code }).limit(1).get();
      if (!found) throw new AppError('NOT_FOUND', '签到码无效，请让居民重新打开签到码');
    }
    if (event.status === 'cancelled') throw new AppError('CLOSED', '活动已取消');
    if (chinaDate(ctx.now) !== chinaDate(new Date(event.startAt))) throw new AppError('CLOSED', '只能在活动当天签到');
    const id = found._id;
    const saved = await withTransaction(async (tx) => {
      const doc = await tx.get('sign_ups', id);
      if (!doc) throw new AppError('NOT_FOUND', '没有找到这个报名');
      // A second scan of the same code answers as the first did.
      if (doc.status === 'attended') return doc;
      if (doc.status === 'pending') throw new AppError('CONFLICT', `${doc.kind === 'stall' ? '摊位申请' : '这个报名'}还没有通过审核`);
      if (doc.status !== 'confirmed') throw new AppError('CONFLICT', `这个报名${SIGN_UP_STATUS_LABELS[doc.status]}，不能签到`);
      const change = { ...transition(doc, 'attended', actor.openid, ctx.now), checkedInAt: ctx.now };
      await tx.update('sign_ups', doc._id, change);
      // Attended keeps its places in the count but no longer counts as the resident's active sign-up.
      const ledgerDoc = await tx.get('event_ledgers', doc.eventId);
      if (ledgerDoc) {
        const { _id, ...fields } = ledgerDoc;
        const ledger = forget(ledgerOf(ledgerDoc), holderKey(doc.openid, doc.kind), doc._id);
        await tx.set('event_ledgers', _id, { ...fields, ...ledger, updatedAt: ctx.now });
      }
      return { ...doc, ...change };
    });
    return toSignUp(saved, actor, ctx.now, event);
  },
};
