import { OutboxDoc, outboxDocSchema, userDocSchema } from '../../cloudfunctions/_shared/docs';
import { ActionAnswer, callFunction, expectOk, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { storedRoles } from '../helpers/roles';
import type { Roles } from '../../contract';

/**
 * Delivering the WeChat subscribe messages queued in `outbox` (the `outbox` function, on a 5-minute
 * timer). Who may run it, and what it answers locally (NOTIFY_MODE=outbox: nothing sent), through the
 * function host; the delivery itself, which locally never reaches WeChat, runs in this process against
 * the same cloud with a stand-in for cloud.openapi.
 */

let cloud: TestCloud;
type Sdk = typeof import('wx-server-sdk');
let db: ReturnType<Sdk['database']>;
let outbox: typeof import('../../cloudfunctions/outbox');

const NOW = new Date();
const MINUTE = 60_000;

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database({ throwOnNotFound: false } as never);
  // The function's code, in this process, against the same cloud (the SDK reads its endpoint from the environment).
  outbox = require('../../cloudfunctions/outbox');
  const user = (openid: string, roles: Partial<Roles> = {}) =>
    userDocSchema.parse({ _id: openid, name: '王秀兰', phone: '13805351001', communityId: null, ...storedRoles(roles), createdAt: NOW, updatedAt: NOW });
  for (const { _id, ...fields } of [
    user('ob-resident'),
    user('ob-leader', { leaderOf: ['team-001'] }),
    user('ob-staff', { staffOf: ['community-370611001001'] }),
    user('ob-admin', { admin: true }),
  ]) {
    await db.collection('users').doc(_id).set({ data: fields });
  }
}, 120_000);
afterAll(() => cloud?.stop());

/** The timer trigger's call (no OPENID), or a person's by hand. */
async function run(event: unknown = { Type: 'Timer', TriggerName: 'deliver-outbox', Time: new Date().toISOString() }, openid?: string): Promise<ActionAnswer> {
  const { body } = await callFunction<{ result: ActionAnswer; errMsg: string }>(cloud.url, 'outbox', event, openid);
  if (body.errMsg !== 'cloud.callFunction:ok') throw new Error(body.errMsg);
  return body.result;
}

async function entries(): Promise<OutboxDoc[]> {
  return ((await db.collection('outbox').orderBy('_id', 'asc').limit(100).get()) as unknown as { data: OutboxDoc[] }).data;
}
const entry = async (id: string) => (await entries()).find((e) => e._id === id)!;

/** Empties the outbox and queues the given entries as notify() does, `createdAt` a minute apart in the order given unless `minute` says. */
async function queue(specs: Array<{ id: string; minute?: number } & Partial<OutboxDoc>>): Promise<void> {
  await db
    .collection('outbox')
    .where({ _id: db.command.exists(true) })
    .remove();
  for (const [i, { id, minute, ...rest }] of specs.entries()) {
    const { _id, ...fields } = outboxDocSchema.parse({
      _id: id,
      openid: `openid-${id}`,
      template: 'bookingStatus',
      page: 'pages/me/bookings',
      data: { thing1: '标题', thing2: '内容' },
      createdAt: new Date(Date.parse('2026-03-01T00:00:00Z') + (minute ?? i) * MINUTE),
      sentAt: null,
      error: null,
      ...rest,
    });
    await db.collection('outbox').doc(_id).set({ data: fields });
  }
}

const BOTH = { bookingStatus: 'TPL-BOOKING', reminder: 'TPL-REMIND' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('who may run it', () => {
  beforeAll(() => queue([{ id: 'who-1' }]));

  test('only a district admin may run it by hand; anyone else is refused, whatever they send', async () => {
    for (const openid of ['ob-resident', 'ob-leader', 'ob-staff', 'ob-nobody']) {
      expect(await run(undefined, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await run({ action: 'run' }, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    // An admin, and the trigger itself.
    for (const openid of ['ob-admin', undefined])
      expect(expectOk(await run(undefined, openid))).toEqual({ jobs: { continued: 0, finished: 0 }, sent: 0, failed: 0, unsent: 1 });
  });

  test('an event that is not the timer is refused', async () => {
    for (const event of [
      {},
      { action: 'run', input: {} },
      { Type: 'Http' },
      { Type: 'timer' },
      { Type: 'Timer', TriggerName: 'x'.repeat(65) },
      { Type: 'Timer', Time: 5 },
      'Timer',
    ]) {
      expect(await run(event)).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    }
    expect(await run({ Type: 'Http' }, 'ob-admin')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});

describe('locally (NOTIFY_MODE=outbox)', () => {
  test('nothing is sent or claimed: the run answers how many entries wait', async () => {
    await queue([
      { id: 'loc-1' },
      { id: 'loc-2', template: 'reminder' },
      { id: 'loc-3' },
      { id: 'loc-sent', sentAt: NOW },
      { id: 'loc-refused', error: 'errCode: 43101' },
    ]);
    const before = await entries();
    const runs = await Promise.all([run(), run(undefined, 'ob-admin')]);
    for (const answer of runs) expect(expectOk(answer)).toEqual({ jobs: { continued: 0, finished: 0 }, sent: 0, failed: 0, unsent: 3 });
    expect(await entries()).toEqual(before);
  });
});

describe('delivering (production mode, WeChat stood in for)', () => {
  test('each entry is sent oldest first and marked; a refusal is kept with its error, not retried; a template without an id waits', async () => {
    await queue([
      { id: 'd-a', minute: 2 },
      { id: 'd-b', template: 'reminder', minute: 1 },
      { id: 'd-refuses', minute: 3 },
      { id: 'd-c', template: 'reminder', minute: 0 },
    ]);
    const sent: Array<[string, string, Record<string, string>]> = [];
    const send = async (e: OutboxDoc, templateId: string) => {
      if (e._id === 'd-refuses') throw { errCode: 43101, errMsg: 'user refuse to accept the msg' };
      sent.push([e._id, templateId, e.data]);
    };
    const now = new Date();
    expect(await outbox.deliverOutbox({ now, send, templateIds: { bookingStatus: 'TPL-BOOKING' }, stopAt: Infinity })).toEqual({ sent: 1, failed: 1 });
    expect(sent).toEqual([['d-a', 'TPL-BOOKING', { thing1: '标题', thing2: '内容' }]]);
    expect(await entry('d-a')).toMatchObject({ sentAt: now, error: null, claimedAt: now, claimId: expect.any(String) });
    expect(await entry('d-refuses')).toMatchObject({ sentAt: null, error: expect.stringContaining('43101') });
    expect(await entry('d-b')).toMatchObject({ sentAt: null, error: null });
    expect((await entry('d-b')).claimedAt ?? null).toBeNull();
    // The function's answer counts what waits: the two reminders.
    expect(expectOk(await run())).toEqual({ jobs: { continued: 0, finished: 0 }, sent: 0, failed: 0, unsent: 2 });

    // With both templates: the reminders go, oldest first; nothing is sent twice and a refusal is not retried.
    sent.length = 0;
    expect(await outbox.deliverOutbox({ now, send, templateIds: BOTH, stopAt: Infinity })).toEqual({ sent: 2, failed: 0 });
    expect(sent.map(([id, templateId]) => [id, templateId])).toEqual([
      ['d-c', 'TPL-REMIND'],
      ['d-b', 'TPL-REMIND'],
    ]);
    expect(await outbox.deliverOutbox({ now, send, templateIds: BOTH, stopAt: Infinity })).toEqual({ sent: 0, failed: 0 });
    expect(sent).toHaveLength(2);
    expect(expectOk(await run())).toEqual({ jobs: { continued: 0, finished: 0 }, sent: 0, failed: 0, unsent: 0 });
  });

  test('runs at once send each entry exactly once, across more than one page', async () => {
    const ids = Array.from({ length: 150 }, (_x, i) => `c-${String(i).padStart(3, '0')}`);
    await queue(ids.map((id, i) => ({ id, template: i % 2 ? 'reminder' : 'bookingStatus' })));
    const times = new Map<string, number>();
    const send = async (e: OutboxDoc) => {
      times.set(e._id, (times.get(e._id) ?? 0) + 1);
      // WeChat takes a moment: the runs interleave.
      await sleep(Math.random() * 3);
    };
    const runs = await Promise.all([1, 2, 3].map(() => outbox.deliverOutbox({ now: new Date(), send, templateIds: BOTH, stopAt: Infinity })));
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(ids.length);
    expect(runs.every((r) => r.failed === 0)).toBe(true);
    expect([...times.keys()].sort()).toEqual(ids);
    expect([...times.values()].every((n) => n === 1)).toBe(true);
    for (const e of await entries()) expect(e.sentAt).toEqual(expect.any(Date));
  });

  test('a stale claim (its run died before recording) is sent again; a live one is left to its run', async () => {
    const now = new Date();
    await queue([
      { id: 's-stale', claimId: 'dead-run', claimedAt: new Date(now.getTime() - outbox.CLAIM_STALE_MS - MINUTE) },
      { id: 's-live', claimId: 'live-run', claimedAt: new Date(now.getTime() - MINUTE) },
    ]);
    const sent: string[] = [];
    const send = async (e: OutboxDoc) => void sent.push(e._id);
    expect(await outbox.deliverOutbox({ now, send, templateIds: BOTH, stopAt: Infinity })).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual(['s-stale']);
    expect(await entry('s-stale')).toMatchObject({ sentAt: now, claimedAt: now });
    expect((await entry('s-stale')).claimId).not.toBe('dead-run');
    expect(await entry('s-live')).toMatchObject({ sentAt: null, claimId: 'live-run' });

    // Once the live run's claim is stale too, a later run sends it.
    const later = new Date(now.getTime() + outbox.CLAIM_STALE_MS);
    expect(await outbox.deliverOutbox({ now: later, send, templateIds: BOTH, stopAt: Infinity })).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual(['s-stale', 's-live']);
  });

  test('a run out of time claims nothing more: the rest waits, unclaimed, for the next run', async () => {
    await queue([{ id: 't-1' }, { id: 't-2' }, { id: 't-3' }]);
    const sent: string[] = [];
    // The first send outlasts the run's time.
    const send = async (e: OutboxDoc) => {
      sent.push(e._id);
      if (sent.length === 1) await sleep(1_200);
    };
    expect(await outbox.deliverOutbox({ now: new Date(), send, templateIds: BOTH, stopAt: Date.now() + 1_000 })).toEqual({ sent: 1, failed: 0 });
    expect(sent).toEqual(['t-1']);
    for (const id of ['t-2', 't-3']) expect((await entry(id)).claimedAt ?? null).toBeNull();
    expect(await outbox.deliverOutbox({ now: new Date(), send, templateIds: BOTH, stopAt: Infinity })).toEqual({ sent: 2, failed: 0 });
    expect(sent).toEqual(['t-1', 't-2', 't-3']);
  });
});
