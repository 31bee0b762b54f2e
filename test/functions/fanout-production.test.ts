import { CALL_BUDGETS } from '../../cloudfunctions/call-budgets';
import { EventDoc, EventLedgerDoc, SignUpDoc } from '../../cloudfunctions/_shared/docs';
import { claimOf, emptyLedgerDoc, holderKey, ledgerOf } from '../../cloudfunctions/events/ledger';
import { ledgerDisagreement } from '../../demo/event-signups';
import { PRODUCTION_PROFILE } from '../../localcloud/src/profile';
import { admit, Ledger } from '../../rules/ledger';
import { callFunction } from '../helpers/cloud';
import { eventInput, useEventsCloud } from '../helpers/events-fixtures';

/**
 * Cancelling a 百家宴 that 2,000 households signed up for, on a local cloud with the production
 * profile (30 database QPS, 20 connections, a delay per call, at most 50 operations per transaction,
 * 256 MB per instance): the event is cancelled at once, and a job ends and tells every sign-up in
 * small steps, continued by the `outbox` timer. No invocation exceeds its call budget or its timeout.
 */

type Answer = { ok: true; data: any } | { ok: false; code: string; message: string };

const COMMUNITY = 'community-fanout';
const STAFF = 'fanout-staff';
const HOUSEHOLDS = 2000;
/** The events function's timeout (config.json), which production enforces. */
const EVENTS_TIMEOUT_MS = 20_000;

const { db, url } = useEventsCloud(
  { communities: { [COMMUNITY]: '福山测试社区' }, staff: { [STAFF]: COMMUNITY }, admin: 'fanout-admin' },
  { LOCALCLOUD_PROFILE: 'production' },
);

/** Calls an action as the app does, checking the invocation kept its budget and its timeout. */
async function call(fn: string, action: string, input: unknown, openid?: string): Promise<Answer> {
  const started = performance.now();
  const { body, calls } = await callFunction<{ result: Answer; errMsg: string }>(url(), fn, { action, input }, openid);
  if (body.errMsg !== 'cloud.callFunction:ok') throw new Error(body.errMsg);
  expect(calls.total - calls.rolledBack).toBeLessThanOrEqual(CALL_BUDGETS[`${fn}.${action}`]);
  expect(performance.now() - started).toBeLessThan(EVENTS_TIMEOUT_MS);
  return body.result;
}
const ok = (answer: Answer) => {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.code}: ${answer.message}`);
  return answer.data;
};

/** The outbox timer's run, as WeChat's trigger makes it; its calls within budget too. */
async function timerRun(): Promise<any> {
  const { body, calls } = await callFunction<{ result: Answer; errMsg: string }>(url(), 'outbox', { Type: 'Timer', TriggerName: 'deliver-outbox' });
  if (body.errMsg !== 'cloud.callFunction:ok') throw new Error(body.errMsg);
  expect(calls.total - calls.rolledBack).toBeLessThanOrEqual(CALL_BUDGETS.outbox);
  return ok(body.result);
}

/** 2,000 households signed up through the same places ledger the functions keep, written in bulk. */
async function signUpHouseholds(event: EventDoc): Promise<void> {
  let ledgerDoc: EventLedgerDoc = emptyLedgerDoc(event, event.createdAt);
  let ledger: Ledger = ledgerOf(ledgerDoc);
  const signUps: SignUpDoc[] = [];
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const openid = `fanout-${String(i).padStart(4, '0')}`;
    const fields = { kind: 'household' as const, headcount: 1, dish: { kind: 'hot' as const, name: '红烧肉' }, stall: null };
    const id = `fanout-signup-${String(i).padStart(4, '0')}`;
    const outcome = admit(ledger, holderKey(openid, 'household'), id, { needsApproval: false, joinWaitlist: true, claim: claimOf(fields) });
    if ('refused' in outcome) throw new Error(`sign-up ${i} refused: ${outcome.refused}`);
    ledger = outcome.ledger;
    const at = event.createdAt;
    signUps.push({
      _id: id,
      eventId: event._id,
      eventType: event.type,
      eventTitle: event.title,
      communityId: event.communityId,
      startAt: event.startAt,
      openid,
      name: '王秀兰',
      phone: '13805351001',
      ...fields,
      status: outcome.admission,
      entryCode: `E${String(i).padStart(7, '0')}`,
      subscribe: i % 2 === 0,
      decision: null,
      cancellation: null,
      checkedInAt: null,
      history: [{ status: outcome.admission, at, by: openid, reason: '' }],
      createdAt: at,
      updatedAt: at,
    });
  }
  for (let from = 0; from < signUps.length; from += 500) await db.collection('sign_ups').add({ data: signUps.slice(from, from + 500) } as never);
  ledgerDoc = { ...ledgerDoc, ...ledger, claims: ledger.claims ?? {}, pools: ledger.pools ?? {} };
  const { _id, ...fields } = ledgerDoc;
  await db.collection('event_ledgers').doc(_id).set({ data: fields });
  await db
    .collection('events')
    .doc(event._id)
    .update({ data: { taken: ledger.held } });
}

/** Every match, a page of 100 (a cloud function's most) at a time. */
async function all<T>(collection: string, condition: object): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 100) {
    const { data } = (await db.collection(collection).where(condition).orderBy('_id', 'asc').skip(skip).limit(100).get()) as unknown as { data: T[] };
    out.push(...data);
    if (data.length < 100) return out;
  }
}

test('the production profile is the one the local cloud runs here', () => {
  expect(PRODUCTION_PROFILE).toMatchObject({ databaseQps: 30, databaseConnections: 20, functionMemoryMb: 256 });
});

test('cancelling an event with 2,000 sign-ups: cancelled at once, every sign-up ended and told once, every place given back', async () => {
  const eventId = ok(await call('events', 'createEvent', eventInput(COMMUNITY, 'banquet', { capacity: HOUSEHOLDS }), STAFF)).id;
  ok(await call('events', 'publishEvent', { eventId }, STAFF));
  const { data: event } = (await db.collection('events').doc(eventId).get()) as unknown as { data: EventDoc };
  await signUpHouseholds(event);

  const answer = ok(await call('events', 'cancelEvent', { eventId, reason: '场地临时维修' }, STAFF));
  // The action took its share of steps and answered; the timer goes on.
  expect(answer.cancelledSignUps).toBeGreaterThan(0);
  expect(answer.cancelledSignUps).toBeLessThan(HOUSEHOLDS);
  expect(answer.allTold).toBe(false);
  // Residents see the cancellation at once, whoever the job has not reached yet.
  const { data: afterCancel } = (await db.collection('events').doc(eventId).get()) as unknown as { data: EventDoc };
  expect(afterCancel).toMatchObject({ status: 'cancelled', taken: 0 });
  const mine = ok(await call('events', 'mySignUps', { scope: 'upcoming' }, `fanout-${HOUSEHOLDS - 1}`));
  expect(mine.items[0]).toMatchObject({ status: 'cancelled', cancellation: { by: 'staff', reason: '场地临时维修' }, entryCode: null, canChange: false });

  let runs = 0;
  for (let run = await timerRun(); run.jobs.continued > 0; run = await timerRun()) runs++;
  expect(runs).toBeGreaterThanOrEqual(1);

  const signUps = await all<SignUpDoc>('sign_ups', { eventId });
  expect(signUps).toHaveLength(HOUSEHOLDS);
  expect(signUps.filter((s) => s.status !== 'cancelled')).toEqual([]);
  expect(signUps.every((s) => s.cancellation?.by === 'staff' && s.history.at(-1)?.status === 'cancelled')).toBe(true);
  const messages = await all<{ openid: string; title: string }>('messages', { openid: db.command.in(signUps.slice(0, 1000).map((s) => s.openid)) });
  const messagesRest = await all<{ openid: string; title: string }>('messages', { openid: db.command.in(signUps.slice(1000).map((s) => s.openid)) });
  const told = [...messages, ...messagesRest].filter((m) => m.title === '活动取消');
  expect(told).toHaveLength(HOUSEHOLDS);
  expect(new Set(told.map((m) => m.openid)).size).toBe(HOUSEHOLDS);
  const queued = await all<{ openid: string }>('outbox', { openid: db.command.in(signUps.filter((s) => s.subscribe).map((s) => s.openid)) });
  expect(queued).toHaveLength(HOUSEHOLDS / 2);

  const { data: ledger } = (await db.collection('event_ledgers').doc(eventId).get()) as unknown as { data: EventLedgerDoc };
  const { data: cancelled } = (await db.collection('events').doc(eventId).get()) as unknown as { data: EventDoc };
  expect(ledgerDisagreement(cancelled, ledger, signUps)).toBeNull();
  expect(ledger).toMatchObject({ held: 0, waitlist: [], holders: {} });

  // A step that ran again (its cursor lost, as if the run died before writing it) tells nobody twice.
  const [job] = await all<{ _id: string; done: boolean; processed: number }>('jobs', { done: true });
  expect(job.processed).toBe(HOUSEHOLDS);
  await db
    .collection('jobs')
    .doc(job._id)
    .update({ data: { done: false, cursor: null, leaseUntil: new Date(0) } });
  while ((await timerRun()).jobs.continued > 0);
  expect((await all<{ processed: number }>('jobs', { _id: job._id }))[0].processed).toBe(HOUSEHOLDS);
  const again = await all<{ title: string }>('messages', { openid: db.command.in(signUps.slice(0, 1000).map((s) => s.openid)) });
  expect(again.filter((m) => m.title === '活动取消')).toHaveLength(1000);
}, 240_000);
