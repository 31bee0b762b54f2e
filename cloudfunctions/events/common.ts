import { ACTIVE_SIGN_UP_STATUSES, DISH_KIND_LABELS, DISH_KINDS, EventDetail, SignUp, SignUpStatus, STALL_KIND_LABELS, STALL_KINDS } from '../../contract';
import { Ledger, roomLeft, Shortage } from '../../rules/ledger';
import { Actor, approvesFor } from '../../rules/permissions';
import { maskPhone } from '../../rules/privacy';
import { Caller, loadActor } from '../_shared/auth';
import { CHECK_IN_PREFIX, transition } from '../_shared/bookings';
import { getById } from '../_shared/collections';
import { EventDoc, EventLedgerDoc, isoString, SignUpDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { notify } from '../_shared/notify';
import { Tx } from '../_shared/transaction';
import { emptyLedgerDoc, ledgerOf } from './ledger';
import { toSummary } from '../_shared/event-summary';

/** What every `events` action shares: sign-ups as the app sees them, and the event's places ledger. */

export { toSummary, transition };
export { claimOf, emptyLedgerDoc, holderKey, ledgerOf, poolCapsOf } from './ledger';

export const DEFAULT_MAX_HEADCOUNT = 6;

/** Inside a transaction: the event's ledger, or an empty one for an event nobody has signed up for yet. */
export async function ledgerInTx(tx: Tx, event: EventDoc, now: Date): Promise<EventLedgerDoc> {
  return (await tx.get('event_ledgers', event._id)) ?? emptyLedgerDoc(event, now);
}

/**
 * Inside a transaction: writes the ledger whole (update() would merge nested objects field by field
 * and keep a holder that left) and the event's places taken beside it, for the events list.
 */
export async function saveLedgerInTx(tx: Tx, doc: EventLedgerDoc, ledger: Ledger, now: Date): Promise<void> {
  const { _id, ...fields } = doc;
  await tx.set('event_ledgers', _id, { ...fields, ...ledger, claims: ledger.claims ?? {}, pools: ledger.pools ?? {}, updatedAt: now });
  await tx.update('events', _id, { taken: ledger.held, capacity: ledger.capacity });
}

export async function loadEvent(eventId: string): Promise<EventDoc> {
  const event = await getById('events', eventId);
  if (!event) throw new AppError('NOT_FOUND', '没有找到这个活动');
  return event;
}

/** Whether the event takes sign-ups, changes and cancellations now: published and before its deadline. */
export function openAt(event: EventDoc, now: Date): boolean {
  return event.status === 'published' && now < new Date(event.deadline);
}

/** Refuses a sign-up, change or cancellation when the event does not take them. */
export function requireOpen(event: EventDoc, now: Date): void {
  if (event.status === 'cancelled') throw new AppError('CLOSED', `活动已取消${event.cancellation ? `：${event.cancellation.reason}` : ''}`);
  if (event.status !== 'published') throw new AppError('NOT_FOUND', '没有找到这个活动');
  if (now >= new Date(event.deadline)) throw new AppError('CLOSED', '已过报名截止时间，如有变化请联系社区');
}

/** What is full, in the resident's words. */
export function shortageMessage(short: Shortage, event: EventDoc, left: number): string {
  const labels: Record<string, string> = event.type === 'banquet' ? DISH_KIND_LABELS : STALL_KIND_LABELS;
  const pools = (short.pools ?? []).map((p) => labels[p] ?? p).join('、');
  if (short.refused === 'FULL') return left > 0 ? `名额不够了，只剩 ${left} 个，可以减少人数或排队候补` : '名额已满，可以排队候补';
  return event.type === 'banquet' ? `${pools}已经够了，请换一类菜` : `${pools}类摊位已满`;
}

/** Whether a sign-up of this kind waits for staff approval once it has its places: stalls always, visitors and households when the event says so. */
export function needsApproval(event: Pick<EventDoc, 'visitorsNeedApproval'>, kind: SignUpDoc['kind']): boolean {
  return kind === 'stall' || event.visitorsNeedApproval === true;
}

export const isActive = (status: SignUpStatus) => (ACTIVE_SIGN_UP_STATUSES as readonly SignUpStatus[]).includes(status);

export function toSignUp(
  doc: SignUpDoc,
  viewer: Actor,
  now: Date,
  event: EventDoc | null | undefined,
  ledger?: Pick<EventLedgerDoc, 'waitlist'> | null,
): SignUp {
  const own = doc.openid === viewer.openid;
  // A cancelled event's sign-ups are ended by a job (jobs.ts) in the minutes after; until then each
  // already reads as ended by the organiser, as it will be stored.
  const endedWithEvent = event?.status === 'cancelled' && event.cancellation && isActive(doc.status);
  const status = endedWithEvent ? 'cancelled' : doc.status;
  const cancellation = endedWithEvent ? { by: 'staff' as const, at: event.cancellation!.at, reason: event.cancellation!.reason } : doc.cancellation;
  const position = status === 'waitlisted' && ledger ? ledger.waitlist.indexOf(doc._id) : -1;
  return {
    id: doc._id,
    eventId: doc.eventId,
    eventTitle: doc.eventTitle,
    eventType: doc.eventType,
    startAt: isoString(doc.startAt),
    kind: doc.kind,
    headcount: doc.headcount,
    dish: doc.dish,
    stall: doc.stall,
    status,
    waitlistPosition: position >= 0 ? position + 1 : null,
    name: doc.name,
    phone: own || approvesFor(viewer, doc.communityId) ? doc.phone : maskPhone(doc.phone),
    createdAt: isoString(doc.createdAt),
    decision: doc.decision ? { approved: doc.decision.approved, by: doc.decision.byName, at: isoString(doc.decision.at), reason: doc.decision.reason } : null,
    cancellation: cancellation ? { by: cancellation.by, at: isoString(cancellation.at), reason: cancellation.reason } : null,
    entryCode: own && status === 'confirmed' ? CHECK_IN_PREFIX + doc.entryCode : null,
    canChange: own && isActive(status) && Boolean(event && openAt(event, now)),
  };
}

export function toDetail(doc: EventDoc, communityName: string, ledgerDoc: EventLedgerDoc | null, now: Date, mine: SignUp[]): EventDetail {
  const ledger = ledgerDoc ?? emptyLedgerDoc(doc, now);
  const room = roomLeft(ledgerOf(ledger));
  const counts = <K extends string>(kinds: readonly K[]) =>
    Object.fromEntries(kinds.map((k) => [k, { cap: ledger.pools[k]?.cap ?? 0, taken: ledger.pools[k]?.held ?? 0, left: room.pools[k] ?? 0 }])) as Record<
      K,
      { cap: number; taken: number; left: number }
    >;
  return {
    ...toSummary(doc, communityName),
    capacity: ledger.capacity,
    placesLeft: room.places,
    maxHeadcount: doc.maxHeadcount ?? DEFAULT_MAX_HEADCOUNT,
    visitorsNeedApproval: doc.visitorsNeedApproval ?? false,
    waitlisted: ledger.waitlist.length,
    dishes: doc.type === 'banquet' ? counts(DISH_KINDS) : null,
    stalls: doc.type === 'market' ? counts(STALL_KINDS) : null,
    contactPhone: doc.contactPhone ?? null,
    notice: doc.status === 'cancelled' ? `活动已取消：${doc.cancellation?.reason ?? ''}` : null,
    open: openAt(doc, now),
    mine,
  };
}

/**
 * Inside a transaction: the sign-ups promoted from the waitlist get their places (confirmed, or pending
 * when the event now needs approval) and are told at once.
 */
export async function promoteInTx(tx: Tx, event: Pick<EventDoc, 'visitorsNeedApproval'>, promotedIds: string[], now: Date): Promise<void> {
  for (const id of promotedIds) {
    const doc = await tx.get('sign_ups', id);
    if (!doc || doc.status !== 'waitlisted') continue;
    // Stalls never wait (they are approved one by one): a promoted sign-up is a visitor's or a household's.
    const waits = needsApproval(event, doc.kind);
    await tx.update('sign_ups', id, transition(doc, waits ? 'pending' : 'confirmed', 'system', now, '候补递补'));
    await notify(tx, {
      openid: doc.openid,
      bookingId: null,
      eventId: doc.eventId,
      subscribe: doc.subscribe,
      title: waits ? '候补成功：等待社区审核' : '候补成功：报名成功',
      body: waits
        ? `${doc.eventTitle} 有了空位，已为您留出名额（${doc.headcount} 人），等待社区审核，审核后会通知您。`
        : `${doc.eventTitle} 有了空位，您已从候补转为报名成功（${doc.headcount} 人）。`,
      now,
    });
  }
}

/** The caller, when they run events for the community; FORBIDDEN for anyone else. */
export async function requireEventStaff(ctx: Parameters<typeof loadActor>[0], communityId: string): Promise<Caller> {
  const actor = await loadActor(ctx);
  if (!approvesFor(actor, communityId)) throw new AppError('FORBIDDEN', '只有本社区的社区工作者可以这样操作');
  return actor;
}

/** An event as its staff see it. */
export async function detailOf(event: EventDoc, now: Date, ledger?: EventLedgerDoc | null) {
  const community = await getById('communities', event.communityId);
  const stored = ledger === undefined ? await getById('event_ledgers', event._id) : ledger;
  return toDetail(event, community?.name ?? '', stored, now, []);
}
