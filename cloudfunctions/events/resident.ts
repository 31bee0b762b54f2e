import { EVENT_TYPE_LABELS, eventsContract, SIGN_UP_KINDS_OF } from '../../contract';
import { admit, amend, release } from '../../rules/ledger';
import { approvesFor } from '../../rules/permissions';
import { loadActor, loadViewer } from '../_shared/auth';
import { newCheckInCode, newRequestFields } from '../_shared/bookings';
import { _ } from '../_shared/cloud';
import { getById } from '../_shared/collections';
import { SignUpDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { newId } from '../_shared/ids';
import { pageFrom } from '../_shared/paging';
import { getByIds, pageOwnByTime } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';
import {
  claimOf,
  DEFAULT_MAX_HEADCOUNT,
  holderKey,
  isActive,
  ledgerInTx,
  ledgerOf,
  loadEvent,
  needsApproval,
  promoteInTx,
  requireOpen,
  saveLedgerInTx,
  shortageMessage,
  toDetail,
  toSignUp,
  transition,
} from './common';

/** Residents sign up for an event, change their headcount or dish before the deadline, cancel, and list theirs. */

type ResidentActions = 'getEvent' | 'signUp' | 'changeSignUp' | 'cancelSignUp' | 'mySignUps';

/** The caller's own sign-up: someone else's is not found, not forbidden. */
async function ownSignUp(openid: string, signUpId: string): Promise<SignUpDoc> {
  const doc = await getById('sign_ups', signUpId);
  if (!doc || doc.openid !== openid) throw new AppError('NOT_FOUND', '没有找到这个报名');
  return doc;
}

export const residentHandlers: Pick<Handlers<typeof eventsContract>, ResidentActions> = {
  async getEvent(input, ctx) {
    // Visitors (no WeChat identity: a page opened from 朋友圈) see a published or cancelled event, with no sign-ups of theirs.
    const viewer = await loadViewer(ctx);
    const event = await loadEvent(input.eventId);
    // A draft is its community staff's business only.
    if (event.status === 'draft' && !(viewer && approvesFor(viewer, event.communityId))) throw new AppError('NOT_FOUND', '没有找到这个活动');
    const [community, ledger] = await Promise.all([getById('communities', event.communityId), getById('event_ledgers', event._id)]);
    const mineIds =
      ledger && viewer
        ? [ledger.holders[holderKey(viewer.openid, 'visitor')], ledger.holders[holderKey(viewer.openid, 'stall')]].filter((id): id is string => Boolean(id))
        : [];
    const mine = await getByIds('sign_ups', mineIds);
    return toDetail(
      event,
      community?.name ?? '',
      ledger,
      ctx.now,
      viewer ? mineIds.flatMap((id) => (mine.get(id) ? [toSignUp(mine.get(id)!, viewer, ctx.now, event, ledger)] : [])) : [],
    );
  },

  async signUp(input, ctx) {
    const actor = await loadActor(ctx);
    if (!actor.user) throw new AppError('BAD_INPUT', '请先在“我的”里填写姓名和手机号，再来报名');
    const user = actor.user;
    const event = await loadEvent(input.eventId);
    requireOpen(event, ctx.now);
    if (!SIGN_UP_KINDS_OF[event.type].includes(input.kind)) throw new AppError('BAD_INPUT', `${EVENT_TYPE_LABELS[event.type]}不能这样报名`);
    const headcount = input.kind === 'stall' ? 0 : input.headcount;
    const maxHeadcount = event.maxHeadcount ?? DEFAULT_MAX_HEADCOUNT;
    if (headcount > maxHeadcount) throw new AppError('BAD_INPUT', `每户最多报 ${maxHeadcount} 人`);
    const fields = {
      kind: input.kind,
      headcount,
      dish: input.kind === 'household' ? input.dish : null,
      stall: input.kind === 'stall' ? input.stall : null,
    };
    const joinWaitlist = input.kind === 'stall' ? false : input.joinWaitlist;
    const signUpId = newId();
    const saved = await withTransaction(async (tx) => {
      // Read the event in the transaction too: one cancelled meanwhile takes no sign-ups.
      const fresh = await tx.get('events', event._id);
      if (!fresh) throw new AppError('NOT_FOUND', '没有找到这个活动');
      requireOpen(fresh, ctx.now);
      const ledgerDoc = await ledgerInTx(tx, fresh, ctx.now);
      const ledger = ledgerOf(ledgerDoc);
      const outcome = admit(ledger, holderKey(actor.openid, input.kind), signUpId, {
        needsApproval: needsApproval(fresh, input.kind),
        joinWaitlist,
        claim: claimOf(fields),
      });
      if ('refused' in outcome && outcome.refused === 'ALREADY_BOOKED') throw new AppError('CONFLICT', '您已经报名了，可以在“我的报名”里修改');
      if ('refused' in outcome) throw new AppError('FULL', shortageMessage(outcome, fresh, ledger.capacity - ledger.held));
      const doc: SignUpDoc = {
        _id: signUpId,
        eventId: fresh._id,
        eventType: fresh.type,
        eventTitle: fresh.title,
        communityId: fresh.communityId,
        startAt: fresh.startAt,
        ...newRequestFields(actor.openid, user, outcome.admission, input.subscribe, ctx.now),
        ...fields,
        entryCode: newCheckInCode(),
      };
      await saveLedgerInTx(tx, ledgerDoc, outcome.ledger, ctx.now);
      const { _id: _signUp, ...docFields } = doc;
      await tx.set('sign_ups', signUpId, docFields);
      return { doc, event: fresh, waitlist: outcome.ledger.waitlist };
    });
    return toSignUp(saved.doc, actor, ctx.now, saved.event, saved);
  },

  async changeSignUp(input, ctx) {
    const actor = await loadActor(ctx);
    const found = await ownSignUp(actor.openid, input.signUpId);
    if (!isActive(found.status)) throw new AppError('CONFLICT', '这个报名已经结束，不能再修改');
    if (input.dish && found.kind !== 'household') throw new AppError('BAD_INPUT', '这个报名不带菜');
    if (input.headcount !== undefined && found.kind === 'stall') throw new AppError('BAD_INPUT', '摊位报名没有人数');
    const event = await loadEvent(found.eventId);
    requireOpen(event, ctx.now);
    const maxHeadcount = event.maxHeadcount ?? DEFAULT_MAX_HEADCOUNT;
    if ((input.headcount ?? 0) > maxHeadcount) throw new AppError('BAD_INPUT', `每户最多报 ${maxHeadcount} 人`);
    const saved = await withTransaction(async (tx) => {
      const doc = await tx.get('sign_ups', found._id);
      const fresh = await tx.get('events', found.eventId);
      if (!doc || !isActive(doc.status)) throw new AppError('CONFLICT', '这个报名已经结束，不能再修改');
      if (!fresh) throw new AppError('NOT_FOUND', '没有找到这个活动');
      requireOpen(fresh, ctx.now);
      const next = { kind: doc.kind, headcount: input.headcount ?? doc.headcount, dish: input.dish ?? doc.dish, stall: doc.stall };
      const ledgerDoc = await ledgerInTx(tx, fresh, ctx.now);
      const ledger = ledgerOf(ledgerDoc);
      // All or nothing: the new headcount and dish must fit once the old ones are given back.
      const outcome = amend(ledger, doc._id, claimOf(next));
      if ('refused' in outcome && outcome.refused === 'NOT_ACTIVE') throw new AppError('CONFLICT', '这个报名已经结束，不能再修改');
      if ('refused' in outcome) {
        const own = doc.status === 'waitlisted' ? 0 : doc.headcount;
        throw new AppError('FULL', shortageMessage(outcome, fresh, ledger.capacity - ledger.held + own));
      }
      const promotedSelf = outcome.promoted.includes(doc._id);
      const change = `${doc.headcount}人${doc.dish ? `·${doc.dish.name}` : ''} → ${next.headcount}人${next.dish ? `·${next.dish.name}` : ''}`;
      const status = promotedSelf ? (needsApproval(fresh, doc.kind) ? 'pending' : 'confirmed') : doc.status;
      const patch = {
        headcount: next.headcount,
        // Set whole: update() writes a nested object field by field.
        dish: next.dish ? _.set(next.dish) : null,
        status,
        history: [...doc.history, { status, at: ctx.now, by: actor.openid, reason: promotedSelf ? '修改后候补递补' : '修改报名', change }],
        updatedAt: ctx.now,
      };
      await tx.update('sign_ups', doc._id, patch);
      await saveLedgerInTx(tx, ledgerDoc, outcome.ledger, ctx.now);
      await promoteInTx(
        tx,
        fresh,
        outcome.promoted.filter((id) => id !== doc._id),
        ctx.now,
      );
      return { doc: { ...doc, ...patch, dish: next.dish }, event: fresh, waitlist: outcome.ledger.waitlist };
    });
    return toSignUp(saved.doc, actor, ctx.now, saved.event, saved);
  },

  async cancelSignUp(input, ctx) {
    const actor = await loadActor(ctx);
    const found = await ownSignUp(actor.openid, input.signUpId);
    if (!isActive(found.status)) throw new AppError('CONFLICT', '这个报名已经结束，不能再取消');
    const event = await loadEvent(found.eventId);
    requireOpen(event, ctx.now);
    const saved = await withTransaction(async (tx) => {
      const doc = await tx.get('sign_ups', found._id);
      const fresh = await tx.get('events', found.eventId);
      if (!doc || !isActive(doc.status)) throw new AppError('CONFLICT', '这个报名已经结束，不能再取消');
      if (!fresh) throw new AppError('NOT_FOUND', '没有找到这个活动');
      requireOpen(fresh, ctx.now);
      const cancellation = { by: 'resident' as const, byOpenid: actor.openid, at: ctx.now, reason: input.reason };
      const change = { ...transition(doc, 'cancelled', actor.openid, ctx.now, input.reason), cancellation };
      await tx.update('sign_ups', doc._id, { ...change, cancellation: _.set(cancellation) });
      const ledgerDoc = await ledgerInTx(tx, fresh, ctx.now);
      const { ledger, promoted } = release(ledgerOf(ledgerDoc), holderKey(doc.openid, doc.kind), doc._id);
      await saveLedgerInTx(tx, ledgerDoc, ledger, ctx.now);
      await promoteInTx(tx, fresh, promoted, ctx.now);
      return { doc: { ...doc, ...change }, event: fresh };
    });
    return toSignUp(saved.doc, actor, ctx.now, saved.event);
  },

  async mySignUps(input, ctx) {
    const actor = await loadActor(ctx);
    const { docs, cursorOf } = await pageOwnByTime('sign_ups', 'startAt', actor.openid, input.scope, input.cursor, input.pageSize, ctx.now);
    const page = docs.slice(0, input.pageSize);
    const [events, ledgers] = await Promise.all([
      getByIds(
        'events',
        page.map((d) => d.eventId),
      ),
      getByIds(
        'event_ledgers',
        page.filter((d) => d.status === 'waitlisted').map((d) => d.eventId),
      ),
    ]);
    return pageFrom(docs, input.pageSize, (doc) => toSignUp(doc, actor, ctx.now, events.get(doc.eventId), ledgers.get(doc.eventId)), cursorOf);
  },
};
