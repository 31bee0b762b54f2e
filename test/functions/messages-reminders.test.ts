import { BookingDoc, bookingDocSchema, EventDoc, eventDocSchema, SignUpDoc, signUpDocSchema } from '../../cloudfunctions/_shared/docs';
import { seedDemoData } from '../../demo/seed';
import { slotWords } from '../../rules/words';
import { addDays, chinaDate, chinaInstant } from '../../rules/china-time';
import { callFunction, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * A resident's messages (`messages`) and the daily reminders (`reminders`, a timer-triggered function),
 * through the function host on a seeded cloud. Delivering the outbox they queue: outbox.test.ts.
 */

let cloud: TestCloud;
type Sdk = typeof import('wx-server-sdk');
let db: ReturnType<Sdk['database']>;
type Result = { ok: true; data: any } | { ok: false; code: string; message: string };

async function call(action: string, input: unknown, openid?: string): Promise<Result> {
  const { body } = await callFunction<{ result: Result; errMsg: string }>(cloud.url, 'messages', { action, input }, openid);
  if (body.errMsg !== 'cloud.callFunction:ok') throw new Error(body.errMsg);
  return body.result;
}
/** The timer trigger's call (no OPENID), or a person's by hand. */
async function remind(event: unknown = { Type: 'Timer', TriggerName: 'daily-reminders', Time: new Date().toISOString() }, openid?: string): Promise<Result> {
  const { body } = await callFunction<{ result: Result; errMsg: string }>(cloud.url, 'reminders', event, openid);
  if (body.errMsg !== 'cloud.callFunction:ok') throw new Error(body.errMsg);
  return body.result;
}
const ok = (r: Result) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data;
};

const NOW = new Date();
const TODAY = chinaDate(NOW);
const TOMORROW = addDays(TODAY, 1);

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database({ throwOnNotFound: false } as never);
  await seedDemoData(db, NOW);
}, 120_000);
afterAll(() => cloud?.stop());

async function where<T = any>(collection: string, condition: object): Promise<T[]> {
  return ((await db.collection(collection).where(condition).limit(100).get()) as unknown as { data: T[] }).data;
}

/** Writes a document under its id, as the functions store it; answers it. */
async function writeDoc<T extends { _id: string }>(collection: string, doc: T): Promise<T> {
  const { _id, ...fields } = doc;
  await db.collection(collection).doc(_id).set({ data: fields });
  return doc;
}

/** What a booking and an event sign-up share: the resident holding it, its status with that one history entry, nothing decided, cancelled or checked in yet. */
function heldBy(openid: string, status: string) {
  return {
    openid,
    name: '王秀兰',
    phone: '13805351001',
    status,
    subscribe: false,
    decision: null,
    cancellation: null,
    checkedInAt: null,
    history: [{ status, at: NOW, by: openid, reason: '' }],
    createdAt: NOW,
    updatedAt: NOW,
  };
}

describe('messages', () => {
  const ME = 'msg-me';
  const OTHER = 'msg-other';
  const base = Date.parse('2026-03-01T00:00:00Z');
  let mine: string[];

  beforeAll(async () => {
    // Seven of mine (two at the same instant: the id breaks the tie), three of someone else's.
    const at = [0, 1, 2, 3, 3, 4, 5];
    mine = at.map((_x, i) => `m-me-${i}`);
    const docs = [
      ...at.map((minutes, i) => ({
        _id: mine[i],
        openid: ME,
        title: `消息${i}`,
        body: '内容',
        bookingId: null,
        read: false,
        createdAt: new Date(base + minutes * 60_000),
      })),
      ...[0, 1, 2].map((i) => ({
        _id: `m-other-${i}`,
        openid: OTHER,
        title: '别人的',
        body: '内容',
        bookingId: 'b1',
        read: false,
        createdAt: new Date(base + i * 60_000),
      })),
    ];
    await db.collection('messages').add({ data: docs } as never);
  });

  test('only my own, newest first, page by page, each once', async () => {
    const seen: any[] = [];
    let cursor: string | undefined;
    do {
      const page = ok(await call('list', { pageSize: 3, ...(cursor ? { cursor } : {}) }, ME));
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((m) => m.id)).toEqual(['m-me-6', 'm-me-5', 'm-me-4', 'm-me-3', 'm-me-2', 'm-me-1', 'm-me-0']);
    expect(seen[0]).toEqual({
      id: 'm-me-6',
      title: '消息6',
      body: '内容',
      createdAt: new Date(base + 5 * 60_000).toISOString(),
      read: false,
      bookingId: null,
      eventId: null,
    });
    expect(ok(await call('list', {}, 'msg-nobody'))).toEqual({ items: [], nextCursor: null });
  });

  test('unread count, and marking given ones read: ids of someone else change nothing', async () => {
    expect(ok(await call('unreadCount', {}, ME))).toEqual({ count: 7 });
    expect(ok(await call('markRead', { ids: ['m-me-0', 'm-me-1', 'm-other-0'] }, ME))).toEqual({ updated: 2 });
    expect(ok(await call('unreadCount', {}, ME))).toEqual({ count: 5 });
    expect(ok(await call('unreadCount', {}, OTHER))).toEqual({ count: 3 });
    // Already read: nothing more to update.
    expect(ok(await call('markRead', { ids: ['m-me-0'] }, ME))).toEqual({ updated: 0 });
    const items = ok(await call('list', { pageSize: 50 }, ME)).items;
    expect(
      items
        .filter((m: any) => m.read)
        .map((m: any) => m.id)
        .sort(),
    ).toEqual(['m-me-0', 'm-me-1']);
  });

  test('marking all read touches only mine', async () => {
    expect(ok(await call('markRead', {}, ME))).toEqual({ updated: 5 });
    expect(ok(await call('unreadCount', {}, ME))).toEqual({ count: 0 });
    expect(ok(await call('unreadCount', {}, OTHER))).toEqual({ count: 3 });
  });

  test('without a WeChat identity nothing is answered; bad input is refused', async () => {
    for (const [action, input] of [
      ['list', {}],
      ['unreadCount', {}],
      ['markRead', {}],
    ] as const) {
      expect(await call(action, input)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    expect(await call('markRead', { ids: [] }, ME)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('markRead', { ids: ['a b'] }, ME)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('list', { cursor: 'garbage' }, ME)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('list', { pageSize: 51 }, ME)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('unreadCount', { openid: 'msg-other' }, ME)).toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('reminders', () => {
  let n = 0;
  async function insertBooking(openid: string, date: string, status: BookingDoc['status'], extra: Partial<BookingDoc> = {}): Promise<BookingDoc> {
    n++;
    const doc = bookingDocSchema.parse({
      _id: `remind-${n}`,
      slotId: `team-001_${date.replace(/-/g, '')}_0900`,
      teamId: 'team-001',
      teamName: '福老汇理发队',
      communityId: 'community-370611001001',
      date,
      startTime: '09:00',
      endTime: '09:30',
      startsAt: chinaInstant(date, '09:00'),
      address: '福山区河滨路1号',
      needsApproval: false,
      checkInCode: `RMD${String(n).padStart(5, '2')}`,
      weekKey: '2026-W01',
      ...heldBy(openid, status),
      ...extra,
    });
    // Bookings written before `remindedAt` existed have no such field: `extra` may leave it out.
    return writeDoc('bookings', doc);
  }

  let due: BookingDoc[];
  let notDue: BookingDoc[];
  beforeAll(async () => {
    due = [
      await insertBooking('rem-a', TOMORROW, 'confirmed', { subscribe: true, remindedAt: null }),
      await insertBooking('rem-b', TOMORROW, 'confirmed', { remindedAt: null }),
      await insertBooking('rem-c', TOMORROW, 'confirmed'),
    ];
    notDue = [
      await insertBooking('rem-d', TOMORROW, 'pending'),
      await insertBooking('rem-e', TOMORROW, 'cancelled'),
      await insertBooking('rem-f', TOMORROW, 'waitlisted'),
      await insertBooking('rem-g', TODAY, 'confirmed'),
      await insertBooking('rem-h', addDays(TODAY, 2), 'confirmed'),
    ];
  });

  test('only a district admin may run it by hand; anyone else is refused, whatever they send', async () => {
    for (const openid of ['demo-resident', 'demo-leader', 'demo-staff', 'msg-me']) {
      expect(await remind(undefined, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await remind({ action: 'run' }, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await where('messages', { bookingId: db.command.in(due.map((b) => b._id)) })).toEqual([]);
  });

  test('an event that is not the timer is refused', async () => {
    expect(await remind({})).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await remind({ action: 'run', input: {} })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await remind({ Type: 'Http' }, 'demo-admin')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await where('messages', { bookingId: db.command.in(due.map((b) => b._id)) })).toEqual([]);
  });

  test('the timer reminds everyone confirmed for tomorrow, once; subscribers also get a WeChat reminder queued', async () => {
    // Seeded sign-ups of an event tomorrow may be reminded too; nothing is delivered here (the `outbox` function does).
    expect(ok(await remind())).toEqual({ reminded: 3, remindedSignUps: expect.any(Number), finished: true });
    for (const b of due) {
      const [message] = await where('messages', { bookingId: b._id });
      expect(message).toMatchObject({ openid: b.openid, title: '明天有您预约的服务', read: false });
      expect(message.body).toEqual(expect.stringContaining(`福老汇理发队 明天（${slotWords(TOMORROW, '09:00', '09:30')}）`));
      expect(message.body).toMatch(/明天（\d+月\d+日 周. 上午9:00–9:30）/);
      expect(message.body).toEqual(expect.stringContaining('福山区河滨路1号'));
      expect((await where('bookings', { _id: b._id }))[0].remindedAt).toEqual(expect.any(Date));
    }
    for (const b of notDue) {
      expect(await where('messages', { bookingId: b._id })).toEqual([]);
      expect((await where('bookings', { _id: b._id }))[0].remindedAt ?? null).toBeNull();
    }
    const outbox = await where('outbox', { openid: db.command.in(['rem-a', 'rem-b', 'rem-c']) });
    const remA = due.find((b) => b.openid === 'rem-a')!;
    // The WeChat reminder opens the booking it is about.
    expect(outbox).toEqual([
      expect.objectContaining({ openid: 'rem-a', template: 'reminder', page: `pages/me/booking?id=${remA._id}`, sentAt: null, error: null }),
    ]);
  });

  test('a second run reminds nobody twice; a booking confirmed since is reminded then', async () => {
    expect(ok(await remind())).toMatchObject({ reminded: 0 });
    const late = await insertBooking('rem-late', TOMORROW, 'confirmed', { remindedAt: null });
    expect(ok(await remind(undefined, 'demo-admin'))).toMatchObject({ reminded: 1 });
    expect(await where('messages', { bookingId: db.command.in([...due, late].map((b) => b._id)) })).toHaveLength(4);
  });

  test('a run stops at its budget with people left; the next run resumes with them, and nobody is reminded twice', async () => {
    // More than one run may write (REMINDERS_PER_RUN, 150): as if a run had been cut short.
    const many = [];
    for (let i = 0; i < 160; i++)
      many.push(await insertBooking(`rem-many-${i}`, TOMORROW, 'confirmed', { remindedAt: null, checkInCode: `MANY${String(i).padStart(4, '0')}` }));
    expect(ok(await remind())).toEqual({ reminded: 150, remindedSignUps: 0, finished: false });
    expect(ok(await remind())).toEqual({ reminded: 10, remindedSignUps: 0, finished: true });
    expect(ok(await remind())).toEqual({ reminded: 0, remindedSignUps: 0, finished: true });
    // A get() answers at most 100: the messages of the two halves.
    const told = [
      ...(await where('messages', { bookingId: db.command.in(many.slice(0, 80).map((b) => b._id)) })),
      ...(await where('messages', { bookingId: db.command.in(many.slice(80).map((b) => b._id)) })),
    ];
    const perBooking = new Map<string, number>();
    for (const m of told) perBooking.set(m.bookingId, (perBooking.get(m.bookingId) ?? 0) + 1);
    expect(perBooking.size).toBe(160);
    expect([...perBooking.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});

describe('event reminders', () => {
  const EVENT_TOMORROW = 'remind-event-tomorrow';
  const EVENT_LATER = 'remind-event-later';
  const EVENT_CANCELLED = 'remind-event-cancelled';

  async function insertEvent(_id: string, date: string, status: EventDoc['status']): Promise<EventDoc> {
    const doc = eventDocSchema.parse({
      _id,
      type: 'banquet',
      title: '清洋社区邻里百家宴',
      description: '',
      communityId: 'community-370611001001',
      place: { address: '清洋社区中心花园', location: null, stationId: null },
      startAt: chinaInstant(date, '17:30'),
      endAt: chinaInstant(date, '20:00'),
      deadline: chinaInstant(addDays(date, -1), '12:00'),
      capacity: 50,
      taken: 0,
      status,
      createdAt: NOW,
    });
    return writeDoc('events', doc);
  }

  let n = 0;
  async function insertSignUp(openid: string, event: EventDoc, status: SignUpDoc['status'], extra: Partial<SignUpDoc> = {}): Promise<SignUpDoc> {
    n++;
    const doc = signUpDocSchema.parse({
      _id: `remind-signup-${n}`,
      eventId: event._id,
      eventType: event.type,
      eventTitle: event.title,
      communityId: event.communityId,
      startAt: event.startAt,
      kind: 'household',
      headcount: 3,
      dish: { kind: 'hot', name: '红烧肉' },
      stall: null,
      entryCode: `RMDSU${String(n).padStart(3, '2')}`,
      ...heldBy(openid, status),
      ...extra,
    });
    return writeDoc('sign_ups', doc);
  }

  const messagesOf = (openids: string[]) => where('messages', { openid: db.command.in(openids), title: '明天有您报名的活动' });

  let due: SignUpDoc[];
  let notDue: SignUpDoc[];
  beforeAll(async () => {
    const tomorrow = await insertEvent(EVENT_TOMORROW, TOMORROW, 'published');
    const later = await insertEvent(EVENT_LATER, addDays(TODAY, 2), 'published');
    const cancelled = await insertEvent(EVENT_CANCELLED, TOMORROW, 'cancelled');
    due = [
      await insertSignUp('ev-rem-a', tomorrow, 'confirmed', { subscribe: true }),
      await insertSignUp('ev-rem-b', tomorrow, 'confirmed', { remindedAt: null }),
      await insertSignUp('ev-rem-c', tomorrow, 'confirmed', { kind: 'stall', headcount: 0, dish: null, stall: { kind: 'repair', description: '修小家电' } }),
    ];
    notDue = [
      await insertSignUp('ev-rem-d', tomorrow, 'waitlisted'),
      await insertSignUp('ev-rem-e', tomorrow, 'pending', { kind: 'stall', headcount: 0, dish: null, stall: { kind: 'food', description: '水饺' } }),
      await insertSignUp('ev-rem-f', tomorrow, 'cancelled'),
      await insertSignUp('ev-rem-g', later, 'confirmed'),
      // Confirmed, but its event has since been cancelled (a record left behind): no reminder.
      await insertSignUp('ev-rem-h', cancelled, 'confirmed'),
    ];
  });

  test('the timer reminds every confirmed sign-up of an event tomorrow with when, where and what to bring; subscribers get a WeChat reminder opening the event', async () => {
    const run = ok(await remind());
    expect(run).toMatchObject({ reminded: 0, remindedSignUps: 3 });
    const messages = await messagesOf(due.map((s) => s.openid));
    expect(messages.map((m) => m.openid).sort()).toEqual(['ev-rem-a', 'ev-rem-b', 'ev-rem-c']);
    const body = (openid: string) => messages.find((m) => m.openid === openid)!.body;
    const when = slotWords(TOMORROW, '17:30', '20:00');
    expect(body('ev-rem-a')).toBe(
      `清洋社区邻里百家宴 明天（${when}），地点：清洋社区中心花园。您报名了 3 人，请带上热菜“红烧肉”。入场时出示签到码；去不了请提前在“我的报名”里取消。`,
    );
    expect(body('ev-rem-c')).toContain('您的维修摊位已通过审核');
    for (const s of due) expect((await where('sign_ups', { _id: s._id }))[0].remindedAt).toEqual(expect.any(Date));
    for (const s of notDue) expect((await where('sign_ups', { _id: s._id }))[0].remindedAt ?? null).toBeNull();
    expect(await where('messages', { openid: db.command.in(notDue.map((s) => s.openid)) })).toEqual([]);
    const outbox = await where('outbox', { openid: db.command.in(due.map((s) => s.openid)) });
    expect(outbox).toEqual([
      expect.objectContaining({ openid: 'ev-rem-a', template: 'reminder', page: `pages/events/detail?id=${EVENT_TOMORROW}`, sentAt: null, error: null }),
    ]);
    // The in-app message opens the event too.
    expect(messages.every((m) => m.eventId === EVENT_TOMORROW && m.bookingId === null)).toBe(true);
  });

  test('never twice for one sign-up, even when the timer runs twice at once; one confirmed since is reminded once', async () => {
    expect(ok(await remind())).toMatchObject({ remindedSignUps: 0 });
    const tomorrow = (await where<EventDoc>('events', { _id: EVENT_TOMORROW }))[0];
    const late = [await insertSignUp('ev-rem-late-1', tomorrow, 'confirmed'), await insertSignUp('ev-rem-late-2', tomorrow, 'confirmed', { subscribe: true })];
    const runs = await Promise.all([remind(), remind(), remind(undefined, 'demo-admin')]);
    expect(runs.map((r) => ok(r).remindedSignUps).reduce((a, b) => a + b, 0)).toBe(2);
    const all = [...due, ...late].map((s) => s.openid);
    const messages = await messagesOf(all);
    expect(messages.map((m) => m.openid).sort()).toEqual([...all].sort());
    expect(await where('outbox', { openid: db.command.in(all) })).toHaveLength(2);
  });
});
