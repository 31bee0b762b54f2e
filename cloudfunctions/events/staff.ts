import { DISH_KIND_LABELS, EVENT_TOO_LONG, MAX_EVENT_MS, eventsContract, LngLat, Place, STALL_KIND_LABELS } from '../../contract';
import { resize } from '../../rules/ledger';
import { _ } from '../_shared/cloud';
import { getById } from '../_shared/collections';
import { EventDoc, EventLedgerDoc, PlaceDoc, placeDocOf, toLngLat, toPlace } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { newId } from '../_shared/ids';
import { notify } from '../_shared/notify';
import { expectStatusInTx, StateRefusals } from '../_shared/state';
import { actionRunLimits, jobIdOf, newJob, runJob, startJobInTx } from '../_shared/jobs';
import { JOB_HANDLERS } from '../_shared/fanouts';
import { Handlers } from '../_shared/router';
import { Tx, withTransaction } from '../_shared/transaction';
import { detailOf, emptyLedgerDoc, isActive, ledgerInTx, ledgerOf, loadEvent, poolCapsOf, promoteInTx, requireEventStaff } from './common';
import { spanWords } from '../../rules/words';

/** Community staff (and district admins) run events: create, publish, change and cancel them (their sign-ups: roster.ts). */

type StaffActions = 'createEvent' | 'updateEvent' | 'publishEvent' | 'cancelEvent';

/** What residents signed up for and must know of when it changes: when and where it happens. */
function whenWhereChange(before: EventDoc, after: EventDoc): string | null {
  const time = (e: EventDoc) => spanWords(new Date(e.startAt), new Date(e.endAt));
  const changes: string[] = [];
  if (time(before) !== time(after)) changes.push(`时间改为 ${time(after)}`);
  if (before.place.address !== after.place.address) changes.push(`地点改为 ${after.place.address}`);
  return changes.length ? changes.join('；') : null;
}

/**
 * Inside a transaction: every active sign-up (those the ledger lists) learns the event's new time or
 * place, and carries the new start and title (the order of "my sign-ups" and the reminders go by them).
 */
async function tellChangeInTx(tx: Tx, ledger: Pick<EventLedgerDoc, 'holders' | 'waitlist'>, event: EventDoc, change: string, now: Date): Promise<void> {
  for (const id of new Set([...Object.values(ledger.holders), ...ledger.waitlist])) {
    const doc = await tx.get('sign_ups', id);
    if (!doc || !isActive(doc.status)) continue;
    await tx.update('sign_ups', id, { startAt: new Date(event.startAt), eventTitle: event.title, updatedAt: now });
    await notify(tx, {
      openid: doc.openid,
      bookingId: null,
      eventId: event._id,
      subscribe: doc.subscribe,
      title: '活动时间地点有变',
      body: `您报名的${event.title}有变动：${change}。如不能参加，请在报名截止前取消报名。`,
      now,
    });
  }
}

const samePosition = (a: LngLat | null, b: LngLat | null) => a?.lng === b?.lng && a?.lat === b?.lat;

/**
 * The place as stored, checked: a station must exist, be open and serve the event's community (one of
 * the community's own, or a district or street station of its street), and the place stands where the
 * station does. A place already stored is not checked again (its station may have closed since).
 */
async function placeDocFor(place: Place, communityId: string, stored?: PlaceDoc): Promise<PlaceDoc> {
  const doc = placeDocOf(place);
  if (place.stationId === null || (stored && stored.stationId === place.stationId && samePosition(toPlace(stored).location, place.location))) return doc;
  const station = await getById('stations', place.stationId);
  if (!station) throw new AppError('BAD_INPUT', '没有找到所选的服务站，请重新选择活动地点');
  if (!station.active) throw new AppError('BAD_INPUT', `${station.name}已停用，请另选活动地点`);
  if (station.communityId !== communityId) {
    const community = station.communityId === null ? await getById('communities', communityId) : null;
    if (!community || station.streetId !== community.streetId) throw new AppError('BAD_INPUT', `${station.name}不是本社区或本街道的服务站，请另选活动地点`);
  }
  if (!samePosition(place.location, toLngLat(station.location)))
    throw new AppError('BAD_INPUT', `活动地点的位置要和${station.name}的位置一致，请重新选择服务站`);
  return doc;
}

/** Staff change a draft or a published event; a cancellation is final, even one made a moment ago. */
const unlessCancelled = (change: string): StateRefusals<EventDoc> => ({
  notFound: '没有找到这个活动',
  moved: () => new AppError('CLOSED', `活动已取消，不能再${change}`),
});

/** Dish caps belong to banquets and stall counts to markets. */
function checkCaps(type: EventDoc['type'], input: { dishCaps?: unknown; stallCaps?: unknown }): void {
  if (type === 'market' && input.dishCaps) throw new AppError('BAD_INPUT', '幸福集市没有菜品');
  if (type === 'banquet' && input.stallCaps) throw new AppError('BAD_INPUT', '百家宴没有摊位');
}

export const staffHandlers: Pick<Handlers<typeof eventsContract>, StaffActions> = {
  async createEvent(input, ctx) {
    const actor = await requireEventStaff(ctx, input.communityId);
    if (!(await getById('communities', input.communityId))) throw new AppError('NOT_FOUND', '没有找到这个社区');
    checkCaps(input.type, input);
    const event: EventDoc = {
      _id: newId(),
      type: input.type,
      title: input.title,
      description: input.description,
      communityId: input.communityId,
      place: await placeDocFor(input.place, input.communityId),
      startAt: new Date(input.startAt),
      endAt: new Date(input.endAt),
      deadline: new Date(input.deadline),
      capacity: input.capacity,
      taken: 0,
      status: 'draft',
      createdAt: ctx.now,
      maxHeadcount: input.maxHeadcount,
      dishCaps: input.type === 'banquet' ? input.dishCaps : null,
      stallCaps: input.type === 'market' ? input.stallCaps : null,
      visitorsNeedApproval: input.visitorsNeedApproval,
      contactPhone: input.contactPhone || null,
      cancellation: null,
      createdBy: actor.openid,
      updatedAt: ctx.now,
    };
    const ledger = emptyLedgerDoc(event, ctx.now);
    await withTransaction(async (tx) => {
      const { _id, ...fields } = event;
      await tx.set('events', _id, fields);
      const { _id: _ledger, ...ledgerFields } = ledger;
      await tx.set('event_ledgers', _id, ledgerFields);
    });
    return detailOf(event, ctx.now, ledger);
  },

  async updateEvent(input, ctx) {
    const found = await loadEvent(input.eventId);
    await requireEventStaff(ctx, found.communityId);
    if (found.status === 'cancelled') throw unlessCancelled('修改').moved(found);
    checkCaps(found.type, input);
    const place = input.place && (await placeDocFor(input.place, found.communityId, found.place));
    const saved = await withTransaction(async (tx) => {
      const event = await expectStatusInTx(tx, 'events', found._id, ['draft', 'published'], unlessCancelled('修改'));
      const next: EventDoc = {
        ...event,
        ...(input.title !== undefined && { title: input.title }),
        ...(input.description !== undefined && { description: input.description }),
        ...(place && { place }),
        ...(input.startAt !== undefined && { startAt: new Date(input.startAt) }),
        ...(input.endAt !== undefined && { endAt: new Date(input.endAt) }),
        ...(input.deadline !== undefined && { deadline: new Date(input.deadline) }),
        ...(input.maxHeadcount !== undefined && { maxHeadcount: input.maxHeadcount }),
        ...(input.capacity !== undefined && { capacity: input.capacity }),
        ...(input.dishCaps !== undefined && { dishCaps: input.dishCaps }),
        ...(input.stallCaps !== undefined && { stallCaps: input.stallCaps }),
        // Sign-ups holding places keep their state: the flag applies to those getting places from now on.
        ...(input.visitorsNeedApproval !== undefined && { visitorsNeedApproval: input.visitorsNeedApproval }),
        ...(input.contactPhone !== undefined && { contactPhone: input.contactPhone || null }),
        updatedAt: ctx.now,
      };
      if (new Date(next.startAt) >= new Date(next.endAt)) throw new AppError('BAD_INPUT', '结束时间要晚于开始时间（endAt）');
      if (new Date(next.endAt).getTime() - new Date(next.startAt).getTime() > MAX_EVENT_MS) throw new AppError('BAD_INPUT', `${EVENT_TOO_LONG}（endAt）`);
      if (new Date(next.deadline) > new Date(next.startAt)) throw new AppError('BAD_INPUT', '报名截止不能晚于开始时间（deadline）');
      // Places and caps never below what is taken; raising them lets the waitlist in, in order.
      const ledgerDoc = await ledgerInTx(tx, event, ctx.now);
      const outcome = resize(ledgerOf(ledgerDoc), next.capacity, poolCapsOf(next));
      if ('refused' in outcome) {
        const labels: Record<string, string> = { ...DISH_KIND_LABELS, ...STALL_KIND_LABELS };
        const pool = outcome.pools?.[0];
        throw new AppError(
          'CONFLICT',
          pool && next.capacity >= ledgerDoc.held
            ? `${labels[pool]}已经有 ${ledgerDoc.pools[pool]?.held ?? 0} 份报名，不能少于这个数`
            : `已经有 ${ledgerDoc.held} 人报名，名额不能少于 ${ledgerDoc.held}`,
        );
      }
      const { _id, ...fields } = next;
      await tx.set('events', _id, { ...fields, taken: outcome.ledger.held });
      const { _id: _ledger, ...ledgerFields } = ledgerDoc;
      await tx.set('event_ledgers', _id, { ...ledgerFields, ...outcome.ledger, updatedAt: ctx.now });
      await promoteInTx(tx, next, outcome.promoted, ctx.now);
      const change = whenWhereChange(event, next);
      if (change) await tellChangeInTx(tx, outcome.ledger, next, change, ctx.now);
      return { event: { ...next, taken: outcome.ledger.held }, ledger: { ...ledgerDoc, ...outcome.ledger } as EventLedgerDoc };
    });
    return detailOf(saved.event, ctx.now, saved.ledger);
  },

  async publishEvent(input, ctx) {
    const found = await loadEvent(input.eventId);
    await requireEventStaff(ctx, found.communityId);
    const published = await withTransaction(async (tx) => {
      const event = await expectStatusInTx(tx, 'events', found._id, ['draft', 'published'], unlessCancelled('发布'));
      if (event.status === 'published') return event;
      await tx.update('events', event._id, { status: 'published', updatedAt: ctx.now });
      return { ...event, status: 'published' as const, updatedAt: ctx.now };
    });
    return detailOf(published, ctx.now);
  },

  async cancelEvent(input, ctx) {
    const found = await loadEvent(input.eventId);
    const actor = await requireEventStaff(ctx, found.communityId);
    const jobId = jobIdOf('cancel-event', found._id);
    // At once, in one small transaction: the event is cancelled, its places given back (nobody holds or
    // waits any more), and the job that ends and tells its sign-ups is recorded.
    await withTransaction(async (tx) => {
      const event = await tx.get('events', found._id);
      if (!event) throw new AppError('NOT_FOUND', '没有找到这个活动');
      if (event.status === 'cancelled') return;
      const cancellation = { by: actor.openid, at: ctx.now, reason: input.reason };
      await tx.update('events', event._id, { status: 'cancelled', cancellation: _.set(cancellation), taken: 0, updatedAt: ctx.now });
      const { _id, ...ledger } = await ledgerInTx(tx, event, ctx.now);
      const pools = Object.fromEntries(Object.entries(ledger.pools).map(([k, p]) => [k, { cap: p.cap, held: 0 }]));
      await tx.set('event_ledgers', _id, { ...ledger, held: 0, waitlist: [], holders: {}, claims: {}, pools, updatedAt: ctx.now });
      const params = { eventId: event._id, eventTitle: event.title, byOpenid: actor.openid, reason: input.reason, at: ctx.now };
      await startJobInTx(tx, newJob(jobId, 'cancelEventSignUps', params, ctx.now));
    });
    // A retry of the cancellation continues the job where it stands.
    const progress = await runJob(jobId, JOB_HANDLERS, actionRunLimits(ctx.now));
    return { cancelledSignUps: progress.processed, allTold: progress.done };
  },
};
