import { addDays, chinaDate, chinaInstant } from '../../rules/china-time';
import { createOpenTeam, createResidents as createResidentsOf } from '../helpers/booking-fixtures';
import { TestCloud, callAction, expectOk, startCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * Residents book, cancel and wait; staff approve: the `booking` function through the function host,
 * as the app calls it, against the local cloud — including the races that must never overbook.
 */

let cloud: TestCloud;
type Sdk = typeof import('wx-server-sdk');
let db: ReturnType<Sdk['database']>;
const call = (fn: string, action: string, input: unknown, openid?: string) => callAction(cloud.url, fn, action, input, openid);
const ok = expectOk;
const book = (openid: string, teamId: string, startTime: string, extra: object = {}) =>
  call('booking', 'book', { teamId, date: TOMORROW, startTime, ...extra }, openid);

const TOMORROW = addDays(chinaDate(new Date()), 1);
const COMMUNITY = 'c-test';
const OTHER_COMMUNITY = 'c-other';

const createTeam = (id: string, rules: Record<string, unknown> = {}) => createOpenTeam(db, id, COMMUNITY, rules);
const createResidents = (prefix: string, n: number) => createResidentsOf(db, prefix, n, COMMUNITY);

async function slotState(teamId: string, startTime: string) {
  const { data } = (await db
    .collection('slots')
    .doc(`${teamId}_${TOMORROW.replace(/-/g, '')}_${startTime.replace(':', '')}`)
    .get()) as { data: any };
  const bookings: any[] = [];
  for (;;) {
    const { data: page } = (await db.collection('bookings').where({ slotId: data._id }).orderBy('_id', 'asc').skip(bookings.length).limit(100).get()) as {
      data: any[];
    };
    bookings.push(...page);
    if (page.length < 100) return { slot: data, bookings };
  }
}

/** The ledger agrees with the bookings: held = confirmed + pending, the waitlist = the waitlisted in order, one active booking per person. */
function expectConsistent(slot: any, bookings: any[]) {
  const holding = bookings.filter((b) => b.status === 'confirmed' || b.status === 'pending');
  const waiting = bookings.filter((b) => b.status === 'waitlisted');
  expect(slot.held).toBe(holding.length);
  expect(slot.held).toBeLessThanOrEqual(slot.capacity);
  expect([...slot.waitlist].sort()).toEqual(waiting.map((b) => b._id).sort());
  const active = [...holding, ...waiting];
  expect(new Set(active.map((b) => b.openid)).size).toBe(active.length);
  expect(Object.keys(slot.holders).sort()).toEqual(active.map((b) => b.openid).sort());
}

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database();
  await db
    .collection('communities')
    .doc(COMMUNITY)
    .set({ data: { code: 'T1', name: '测试社区', streetId: 's1', location: db.Geo.Point(121.26, 37.5), households: 100 } });
  await db
    .collection('communities')
    .doc(OTHER_COMMUNITY)
    .set({ data: { code: 'T2', name: '别的社区', streetId: 's1', location: db.Geo.Point(121.27, 37.5), households: 100 } });
  const now = new Date();
  const staff = (openid: string, communityId: string) => ({
    _id: openid,
    name: '李社工',
    phone: '13700000000',
    communityId,
    role: 'staff',
    staffCommunityId: communityId,
    leaderTeamId: null,
    createdAt: now,
    updatedAt: now,
  });
  await db.collection('users').add({ data: [staff('staff-here', COMMUNITY), staff('staff-there', OTHER_COMMUNITY)] } as never);
}, 60_000);
afterAll(() => cloud?.stop());

describe('booking a place', () => {
  beforeAll(() => createTeam('t-basic'));

  test('a resident books a slot in two taps: confirmed, with a check-in code, and the day shows it', async () => {
    const [me] = await createResidents('basic', 1);
    const day = ok(await call('booking', 'day', { teamId: 't-basic', date: TOMORROW }, me));
    expect(day).toMatchObject({ state: 'open', needsApproval: false, address: '测试社区服务站' });
    expect(day.slots.map((s: any) => s.startTime)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    const booking = ok(await book(me, 't-basic', '09:00'));
    expect(booking).toMatchObject({
      status: 'confirmed',
      teamName: '测试服务队t-basic',
      date: TOMORROW,
      startTime: '09:00',
      endTime: '09:30',
      name: '居民0',
      phone: '13900000000',
      canCancel: true,
    });
    expect(booking.checkInCode).toMatch(/^XFJY1:[2-9A-HJ-NP-Z]{8}$/);
    const after = ok(await call('booking', 'day', { teamId: 't-basic', date: TOMORROW }, me));
    expect(after.slots[0]).toMatchObject({ held: 1, placesLeft: 9, bookable: true, mine: { bookingId: booking.id, status: 'confirmed' } });
    expect(ok(await call('booking', 'mine', { scope: 'upcoming' }, me)).items.map((b: any) => b.id)).toEqual([booking.id]);
  });

  test('without a profile, with bad input, or on a day without service, the refusal is clear', async () => {
    expect(await book('no-profile', 't-basic', '09:00')).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('填写姓名') });
    const [me] = await createResidents('refusals', 1);
    expect(await call('booking', 'book', { teamId: 't-basic', date: '2026/11/30', startTime: '09:00' }, me)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await book(me, 't-basic', '09:10')).toMatchObject({ code: 'NOT_FOUND', message: '没有这个时段' });
    expect(await book(me, 'no-such-team', '09:00')).toMatchObject({ code: 'NOT_FOUND' });
    expect(await book(me, 't-basic', '09:00', { openid: 'someone-else' })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('booking', 'book', { teamId: 't-basic', date: TOMORROW, startTime: '09:00' })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('booking opens at 08:00 N days before and closes M hours before the slot', async () => {
    const [me] = await createResidents('window', 1);
    await createTeam('t-later', { opensDaysBefore: 0 });
    // Opening day is the service day itself, so tomorrow's slots are not open yet.
    expect(await book(me, 't-later', '09:00')).toMatchObject({ code: 'CLOSED', message: expect.stringContaining('开放预约') });
    expect(ok(await call('booking', 'day', { teamId: 't-later', date: TOMORROW }, me)).state).toBe('notYetOpen');
    await createTeam('t-closed', { closesHoursBefore: 48 });
    expect(await book(me, 't-closed', '09:00')).toMatchObject({ code: 'CLOSED', message: expect.stringContaining('截止') });
    const closed = ok(await call('booking', 'day', { teamId: 't-closed', date: TOMORROW }, me));
    expect(closed.slots.every((s: any) => s.bookable === false)).toBe(true);
  });

  test('the weekly limit per resident and team holds', async () => {
    await createTeam('t-limit', { weeklyLimit: 2 });
    const [me] = await createResidents('limit', 1);
    ok(await book(me, 't-limit', '09:00'));
    ok(await book(me, 't-limit', '09:30'));
    expect(await book(me, 't-limit', '10:00')).toMatchObject({ code: 'LIMIT', message: expect.stringContaining('每周最多预约 2 次') });
  });
});

describe('races: places are never exceeded', () => {
  test('200 concurrent attempts at a 10-place slot hold exactly 10; everyone else is told FULL, waitlisted or BUSY, never INTERNAL', async () => {
    await createTeam('t-race');
    const residents = await createResidents('race', 200);
    const outcomes = await Promise.all(residents.map((r, i) => book(r, 't-race', '10:00', { joinWaitlist: i % 2 === 0 })));
    const confirmed = outcomes.filter((o) => o.ok && o.data.status === 'confirmed');
    const waitlisted = outcomes.filter((o) => o.ok && o.data.status === 'waitlisted');
    const full = outcomes.filter((o) => !o.ok && o.code === 'FULL');
    // On a slow machine a caller may run out of retries: told BUSY, with nothing written (the app tries once more).
    const busy = outcomes.filter((o) => !o.ok && o.code === 'BUSY');
    expect(confirmed).toHaveLength(10);
    expect(confirmed.length + waitlisted.length + full.length + busy.length).toBe(200);
    for (const b of busy) expect((b as { message: string }).message).toBe('现在办理的人很多，请稍等片刻再试');
    for (const f of full) expect((f as { message: string }).message).toBe('这个时段已约满，可以排队候补');
    const { slot, bookings } = await slotState('t-race', '10:00');
    expect(slot).toMatchObject({ capacity: 10, held: 10 });
    expectConsistent(slot, bookings);
    // Only the booking that created the slot's document wrote the team (to conflict with a schedule saved meanwhile).
    const { data: team } = (await db.collection('teams').doc('t-race').get()) as { data: any };
    expect(team.slotsCreatedByBookings).toBe(1);
    // Waitlist positions are 1..n in the order people joined.
    const positions = waitlisted.map((w) => (w as { data: any }).data.waitlistPosition).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: waitlisted.length }, (_x, i) => i + 1));
  }, 120_000);

  test('one resident tapping fast holds one place; the weekly limit holds under concurrency too', async () => {
    await createTeam('t-taps', { weeklyLimit: 2 });
    const [me] = await createResidents('taps', 1);
    const taps = await Promise.all(Array.from({ length: 8 }, () => book(me, 't-taps', '11:00')));
    expect(taps.filter((t) => t.ok)).toHaveLength(1);
    expect(taps.filter((t) => !t.ok).every((t) => (t as { code: string }).code === 'CONFLICT')).toBe(true);
    const spread = await Promise.all(['09:00', '09:30', '10:00', '10:30'].map((s) => book(me, 't-taps', s)));
    expect(spread.filter((t) => t.ok)).toHaveLength(1); // 2 a week, one already used
    expect(spread.filter((t) => !t.ok && t.code === 'LIMIT')).toHaveLength(3);
  }, 60_000);

  test('cancellations racing new bookings lose nothing and duplicate nothing; the waitlist is promoted in order', async () => {
    await createTeam('t-churn', { placesPerSlot: 3 });
    const first = await createResidents('churn-a', 6);
    const held: any[] = [];
    for (const r of first) held.push(ok(await book(r, 't-churn', '09:00', { joinWaitlist: true })));
    expect(held.map((b) => b.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);
    const newcomers = await createResidents('churn-b', 6);
    await Promise.all([
      ...first.slice(0, 3).map((r, i) => call('booking', 'cancel', { bookingId: held[i].id, reason: '有事' }, r)),
      ...newcomers.map((r) => book(r, 't-churn', '09:00', { joinWaitlist: true })),
    ]);
    const { slot, bookings } = await slotState('t-churn', '09:00');
    expectConsistent(slot, bookings);
    expect(slot.held).toBe(3);
    // The three who waited first got the three freed places.
    const promoted = bookings.filter((b) => first.slice(3).includes(b.openid));
    expect(promoted.map((b) => b.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    for (const b of promoted) expect(b.history.at(-1)).toMatchObject({ status: 'confirmed', reason: '候补递补' });
    const { data: told } = (await db.collection('messages').where({ openid: first[3] }).get()) as { data: any[] };
    expect(told[0]).toMatchObject({ title: expect.stringContaining('候补成功'), bookingId: promoted.find((b) => b.openid === first[3])._id, read: false });
  }, 60_000);
});

describe('cancelling', () => {
  test('a resident cancels their own booking; the record stays with who and why', async () => {
    await createTeam('t-cancel');
    const [me, other] = await createResidents('cancel', 2);
    const booking = ok(await book(me, 't-cancel', '09:00'));
    expect(await call('booking', 'cancel', { bookingId: booking.id }, other)).toMatchObject({ code: 'NOT_FOUND' });
    const cancelled = ok(await call('booking', 'cancel', { bookingId: booking.id, reason: '临时有事' }, me));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'resident', reason: '临时有事' }, checkInCode: null, canCancel: false });
    expect(await call('booking', 'cancel', { bookingId: booking.id }, me)).toMatchObject({ code: 'CONFLICT' });
    const past = ok(await call('booking', 'get', { bookingId: booking.id }, me));
    expect(past.status).toBe('cancelled');
  });

  test('after the cutoff a cancellation is refused plainly', async () => {
    await createTeam('t-cutoff', { cancelHoursBefore: 48 });
    const [me] = await createResidents('cutoff', 1);
    const booking = ok(await book(me, 't-cutoff', '09:00'));
    expect(booking.canCancel).toBe(false);
    expect(booking.cancelBefore).toBe(new Date(chinaInstant(TOMORROW, '09:00').getTime() - 48 * 3600_000).toISOString());
    expect(await call('booking', 'cancel', { bookingId: booking.id }, me)).toMatchObject({ code: 'CLOSED', message: expect.stringContaining('48 小时') });
  });
});

describe('approval by community staff', () => {
  beforeAll(() => createTeam('t-approve', { needsApproval: true, placesPerSlot: 1 }));

  test('a pending booking holds its place; only staff of the community approve; the resident is told', async () => {
    const [first, second] = await createResidents('approve', 2);
    const pending = ok(await book(first, 't-approve', '09:00'));
    expect(pending.status).toBe('pending');
    // The pending booking holds the only place.
    expect(await book(second, 't-approve', '09:00')).toMatchObject({ code: 'FULL' });
    const waiting = ok(await book(second, 't-approve', '09:00', { joinWaitlist: true }));
    expect(waiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    expect(await call('booking', 'approvalQueue', {}, first)).toMatchObject({ code: 'FORBIDDEN' });
    expect(ok(await call('booking', 'approvalQueue', {}, 'staff-there')).items).toEqual([]);
    const queue = ok(await call('booking', 'approvalQueue', {}, 'staff-here'));
    expect(queue.items.map((b: any) => b.id)).toContain(pending.id);
    expect(queue.items.find((b: any) => b.id === pending.id).phone).toBe('13900000000');

    const wrongStaff = ok(await call('booking', 'decide', { bookingIds: [pending.id], approve: true }, 'staff-there'));
    expect(wrongStaff.results).toEqual([{ bookingId: pending.id, ok: false, message: expect.stringContaining('不归您审核') }]);
    expect(await call('booking', 'decide', { bookingIds: [pending.id], approve: false }, 'staff-here')).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('请填写不通过的原因'),
    });
    const approved = ok(await call('booking', 'decide', { bookingIds: [pending.id], approve: true }, 'staff-here'));
    expect(approved.results).toEqual([{ bookingId: pending.id, ok: true, message: '已通过' }]);
    const confirmed = ok(await call('booking', 'get', { bookingId: pending.id }, first));
    expect(confirmed).toMatchObject({ status: 'confirmed', decision: { approved: true, by: '李社工' } });
    const { data: messages } = (await db.collection('messages').where({ openid: first }).get()) as { data: any[] };
    expect(messages.map((m) => m.title)).toContain('预约已通过审核');
    const { slot, bookings } = await slotState('t-approve', '09:00');
    expect(slot.held).toBe(1);
    expectConsistent(slot, bookings);
  });

  test('a rejection frees the place for the next in line and tells both, with the reason', async () => {
    const [a, b] = await createResidents('reject', 2);
    const pending = ok(await book(a, 't-approve', '09:30'));
    const waiting = ok(await book(b, 't-approve', '09:30', { joinWaitlist: true }));
    const decided = ok(await call('booking', 'decide', { bookingIds: [pending.id, 'nonexistent'], approve: false, reason: '名额留给高龄老人' }, 'staff-here'));
    expect(decided.results.map((r: any) => r.ok)).toEqual([true, false]);
    expect(ok(await call('booking', 'get', { bookingId: pending.id }, a))).toMatchObject({
      status: 'rejected',
      decision: { approved: false, reason: '名额留给高龄老人' },
    });
    // The team needs approval, so the promoted booking waits for a decision in turn.
    expect(ok(await call('booking', 'get', { bookingId: waiting.id }, b)).status).toBe('pending');
    const { data: toA } = (await db.collection('messages').where({ openid: a }).get()) as { data: any[] };
    expect(toA[0].body).toContain('名额留给高龄老人');
  });

  test('a resident sees only their own bookings; others see masked phones', async () => {
    const [a, b] = await createResidents('privacy', 2);
    const booking = ok(await book(a, 't-approve', '10:00'));
    expect(await call('booking', 'get', { bookingId: booking.id }, b)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('booking', 'get', { bookingId: booking.id }, 'staff-there')).toMatchObject({ code: 'NOT_FOUND' });
    expect(ok(await call('booking', 'get', { bookingId: booking.id }, 'staff-here')).phone).toBe('13900000000');
  });
});
