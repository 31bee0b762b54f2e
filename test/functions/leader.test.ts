import { BookingDoc } from '../../cloudfunctions/_shared/docs';
import { CHECK_IN_PREFIX, slotIdOf } from '../../cloudfunctions/_shared/bookings';
import { generateDemoData, seedDemoData } from '../../demo/seed';
import { addDays, chinaDate, isoWeekday } from '../../rules/china-time';
import { dayWords, slotWords } from '../../rules/words';
import { insertBooking as insertBookingOf } from '../helpers/booking-fixtures';
import { TestCloud, callAction, expectOk, startCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * A team leader's actions, through the function host as the app calls them, on a cloud seeded with the
 * demo data: the schedule and one-off changes of service days (`service`), and the day itself
 * (`booking`: session, check-in, no-shows, places). The functions read the real clock, so every date is
 * relative to today in China, and the leader first saves a schedule that serves on those days.
 */

let cloud: TestCloud;
type Sdk = typeof import('wx-server-sdk');
let db: ReturnType<Sdk['database']>;
const call = (fn: string, action: string, input: unknown, openid?: string) => callAction(cloud.url, fn, action, input, openid);
const ok = expectOk;

const SEEDED_AT = new Date();
const data = generateDemoData(SEEDED_AT);
const LEADER = 'demo-leader';
const TEAM = data.users.find((u) => u._id === LEADER)!.roles.leaderOf[0];
const TEAM_NAME = data.teams.find((t) => t._id === TEAM)!.name;
const OTHER_TEAM = data.teams.find((t) => t._id !== TEAM && t.schedule)!._id;
const OTHER_LEADER = 'other-leader';
const RESIDENT = 'demo-resident';
const STAFF = 'demo-staff';
const ADMIN = 'demo-admin';

const TODAY = chinaDate(SEEDED_AT);
const day = (n: number) => addDays(TODAY, n);
/** The one weekday without service: today + 3 (and + 10). */
const FREE_WEEKDAY = isoWeekday(day(3));

/** Serves every day but FREE_WEEKDAY, 09:00–12:00 in three 1-hour slots of 2 places, bookable two weeks ahead. */
const SCHEDULE = {
  recurrence: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== FREE_WEEKDAY) },
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 60,
  placesPerSlot: 2,
  place: { address: '福山区测试路1号', location: { lng: 121.26, lat: 37.5 }, stationId: null },
  needsApproval: false,
  opensDaysBefore: 14,
  closesHoursBefore: 0,
  cancelHoursBefore: 0,
  weeklyLimit: 20,
  validFrom: day(-30),
  validUntil: null,
};

const book = (openid: string, date: string, startTime: string, extra: object = {}) =>
  call('booking', 'book', { teamId: TEAM, date, startTime, ...extra }, openid);

async function residents(prefix: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_x, i) => `${prefix}-${i}`);
  for (const [i, id] of ids.entries())
    ok(await call('account', 'updateProfile', { name: `居民${i}`, phone: `1390000${String(i).padStart(4, '0')}`, communityId: null }, id));
  return ids;
}

let inserted = 0;
/** A booking of the team written straight into the store (see insertBookingOf): for days the real clock no longer lets anyone book. */
function insertBooking(openid: string, date: string, startTime: string, status: BookingDoc['status'], teamId = TEAM): Promise<BookingDoc> {
  inserted++;
  const team = { id: teamId, name: TEAM_NAME, communityId: data.teams.find((t) => t._id === teamId)!.communityId, address: SCHEDULE.place.address };
  return insertBookingOf(db, team, {
    id: `inserted-${inserted}`,
    openid,
    date,
    startTime,
    status,
    checkInCode: `TST${String(inserted).padStart(5, '2')}`,
    capacity: 2,
  });
}

async function stored<T = any>(collection: string, id: string): Promise<T> {
  return ((await db.collection(collection).doc(id).get()) as unknown as { data: T }).data;
}
async function messagesOf(openid: string): Promise<any[]> {
  return ok(await call('messages', 'list', { pageSize: 50 }, openid)).items;
}

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database({ throwOnNotFound: false } as never);
  await seedDemoData(db, SEEDED_AT);
  ok(await call('account', 'updateProfile', { name: '孙队长', phone: '13900008888', communityId: null }, OTHER_LEADER));
  ok(await call('account', 'grantRole', { openid: OTHER_LEADER, grant: { role: 'leader', teamId: OTHER_TEAM } }, ADMIN));
  ok(await call('service', 'saveSchedule', { teamId: TEAM, schedule: SCHEDULE }, LEADER));
}, 120_000);
afterAll(() => cloud?.stop());

/** Everyone who is not this team's leader. */
const NOT_THE_LEADER: Array<[string, string]> = [
  ['a resident', RESIDENT],
  ['community staff', STAFF],
  ['a district admin', ADMIN],
  ["another team's leader", OTHER_LEADER],
];

describe('service.saveSchedule', () => {
  test('the leader posts the schedule: stored with its position as a GeoJSON point, shown with the coming days', async () => {
    const detail = ok(await call('service', 'saveSchedule', { teamId: TEAM, schedule: SCHEDULE }, LEADER));
    expect(detail).toMatchObject({ id: TEAM, name: TEAM_NAME, schedule: SCHEDULE });
    expect(detail.upcoming).toHaveLength(6);
    expect(detail.upcoming.every((o: any) => isoWeekday(o.date) !== FREE_WEEKDAY && o.startTime === '09:00')).toBe(true);
    expect(ok(await call('service', 'getTeam', { teamId: TEAM }, RESIDENT))).toEqual(detail);
    const team = await stored('teams', TEAM);
    // Read back through the SDK a stored point is its Point class, whose JSON is the GeoJSON point.
    expect(JSON.parse(JSON.stringify(team.schedule.place.location))).toEqual({ type: 'Point', coordinates: [121.26, 37.5] });
  });

  test('a new recurrence replaces the old one whole', async () => {
    ok(
      await call(
        'service',
        'saveSchedule',
        { teamId: TEAM, schedule: { ...SCHEDULE, recurrence: { kind: 'monthlyDate', day: 15 }, place: { ...SCHEDULE.place, location: null } } },
        LEADER,
      ),
    );
    expect((await stored('teams', TEAM)).schedule).toMatchObject({ recurrence: { kind: 'monthlyDate', day: 15 }, place: { location: null } });
    ok(await call('service', 'saveSchedule', { teamId: TEAM, schedule: SCHEDULE }, LEADER));
    expect((await stored('teams', TEAM)).schedule.recurrence).toEqual(SCHEDULE.recurrence);
  });

  test('bookings of coming slots the new schedule drops end as cancelled by the team, and the residents are told', async () => {
    const [dropped, kept] = await residents('reschedule', 2);
    const date = day(12);
    const lost = ok(await book(dropped, date, '11:00'));
    const stays = ok(await book(kept, date, '09:00'));
    ok(await call('service', 'saveSchedule', { teamId: TEAM, schedule: { ...SCHEDULE, endTime: '11:00' } }, LEADER));
    expect(ok(await call('booking', 'get', { bookingId: lost.id }, dropped))).toMatchObject({
      status: 'cancelled',
      cancellation: { by: 'team', reason: '服务队调整了固定服务日' },
    });
    expect(ok(await call('booking', 'get', { bookingId: stays.id }, kept)).status).toBe('confirmed');
    expect((await messagesOf(dropped))[0]).toMatchObject({ title: '服务时间调整', bookingId: lost.id });
    ok(await call('service', 'saveSchedule', { teamId: TEAM, schedule: SCHEDULE }, LEADER));
  });

  test.each(NOT_THE_LEADER)('%s may not', async (_who, openid) => {
    expect(await call('service', 'saveSchedule', { teamId: TEAM, schedule: SCHEDULE }, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  test('no identity, bad input, an unknown station', async () => {
    expect(await call('service', 'saveSchedule', { teamId: TEAM, schedule: SCHEDULE })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call('service', 'saveSchedule', { teamId: TEAM, schedule: { ...SCHEDULE, endTime: '09:30' } }, LEADER)).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('服务时间至少要容纳一个时段'),
    });
    expect(await call('service', 'saveSchedule', { teamId: TEAM, schedule: { ...SCHEDULE, placesPerSlot: 0 } }, LEADER)).toMatchObject({ code: 'BAD_INPUT' });
    expect(
      await call('service', 'saveSchedule', { teamId: TEAM, schedule: { ...SCHEDULE, place: { ...SCHEDULE.place, stationId: 'station-nowhere' } } }, LEADER),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await stored('teams', TEAM)).schedule.endTime).toBe('12:00');
  });
});

describe('service.cancelOccurrence', () => {
  const DATE = day(2);
  const REASON = '社区停电检修';
  let people: string[];
  let bookings: any[];

  beforeAll(async () => {
    people = await residents('cancel', 4);
    bookings = [
      ok(await book(people[0], DATE, '09:00', { subscribe: true })),
      ok(await book(people[1], DATE, '09:00')),
      ok(await book(people[2], DATE, '09:00', { joinWaitlist: true })),
      ok(await book(people[3], DATE, '10:00', { subscribe: true })),
    ];
    expect(bookings.map((b) => b.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'confirmed']);
    // One that has already ended stays as it is.
    ok(await call('booking', 'cancel', { bookingId: bookings[3].id, reason: '有事' }, people[3]));
  });

  test.each(NOT_THE_LEADER)('%s may not', async (_who, openid) => {
    expect(await call('service', 'cancelOccurrence', { teamId: TEAM, date: DATE, reason: REASON }, openid)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('the reason is required; a day without service is not found; a past day is closed', async () => {
    expect(await call('service', 'cancelOccurrence', { teamId: TEAM, date: DATE, reason: ' ' }, LEADER)).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('请填写原因'),
    });
    expect(await call('service', 'cancelOccurrence', { teamId: TEAM, date: '2026-13-01x', reason: REASON }, LEADER)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('service', 'cancelOccurrence', { teamId: TEAM, date: day(3), reason: REASON }, LEADER)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('service', 'cancelOccurrence', { teamId: TEAM, date: day(-1), reason: REASON }, LEADER)).toMatchObject({ code: 'CLOSED' });
  });

  test('every active booking ends cancelled by the team with the reason; each resident is told; subscribers get a WeChat message', async () => {
    expect(ok(await call('service', 'cancelOccurrence', { teamId: TEAM, date: DATE, reason: REASON }, LEADER))).toEqual({
      movedBookings: 0,
      waitlistedBookings: 0,
      cancelledBookings: 3,
      allTold: true,
    });
    for (const [i, b] of bookings.slice(0, 3).entries()) {
      expect(ok(await call('booking', 'get', { bookingId: b.id }, people[i]))).toMatchObject({
        status: 'cancelled',
        cancellation: { by: 'team', reason: REASON },
        checkInCode: null,
      });
      const doc = await stored('bookings', b.id);
      expect(doc.cancellation).toEqual({ by: 'team', byOpenid: LEADER, at: expect.any(Date), reason: REASON });
      expect(doc.history.at(-1)).toEqual({ status: 'cancelled', at: expect.any(Date), by: LEADER, reason: REASON });
      const [told] = await messagesOf(people[i]);
      expect(told).toMatchObject({ title: '服务日取消', bookingId: b.id, read: false });
      expect(told.body).toEqual(expect.stringContaining(TEAM_NAME));
      expect(told.body).toEqual(expect.stringContaining(dayWords(DATE)));
      expect(told.body).toEqual(expect.stringContaining(REASON));
    }
    // The resident's own earlier cancellation is untouched.
    expect((await stored('bookings', bookings[3].id)).cancellation).toMatchObject({ by: 'resident', reason: '有事' });
    expect((await messagesOf(people[3])).map((m) => m.title)).not.toContain('服务日取消');
    const { data: outbox } = (await db
      .collection('outbox')
      .where({ openid: db.command.in(people) })
      .get()) as { data: any[] };
    expect(outbox.filter((o) => o.data.thing1 === '服务日取消')).toEqual([
      expect.objectContaining({ openid: people[0], template: 'bookingStatus', sentAt: null }),
    ]);
    // The ledger is empty (its places stay) and the week's quota given back.
    expect(await stored('slots', slotIdOf(TEAM, DATE, '09:00'))).toMatchObject({ capacity: 2, held: 0, waitlist: [], holders: {} });
    const { data: quotas } = (await db.collection('booking_quotas').where({ openid: people[0] }).get()) as { data: any[] };
    expect(quotas.map((q) => q.count)).toEqual([0]);
  });

  test('the day is gone from the team page and from the list; booking it is refused', async () => {
    const detail = ok(await call('service', 'getTeam', { teamId: TEAM }, RESIDENT));
    expect(detail.upcoming.map((o: any) => o.date)).not.toContain(DATE);
    expect(detail.upcoming).toHaveLength(6);
    const [again] = await residents('cancel-late', 1);
    expect(await book(again, DATE, '11:00')).toMatchObject({ ok: false, code: 'CLOSED' });
  });

  test('again: nothing more to cancel and nobody told twice; a booking that slipped in is ended by the re-run', async () => {
    expect(ok(await call('service', 'cancelOccurrence', { teamId: TEAM, date: DATE, reason: REASON }, LEADER))).toEqual({
      movedBookings: 0,
      waitlistedBookings: 0,
      cancelledBookings: 0,
      allTold: true,
    });
    expect((await messagesOf(people[0])).filter((m) => m.title === '服务日取消')).toHaveLength(1);
    // A booking whose transaction committed just after the day's was ended.
    const late = await insertBooking('cancel-slipped', DATE, '11:00', 'confirmed');
    expect(ok(await call('service', 'cancelOccurrence', { teamId: TEAM, date: DATE, reason: REASON }, LEADER))).toEqual({
      movedBookings: 0,
      waitlistedBookings: 0,
      cancelledBookings: 1,
      allTold: true,
    });
    expect(await stored('bookings', late._id)).toMatchObject({ status: 'cancelled', cancellation: { by: 'team' } });
    expect((await stored('teams', TEAM)).changes.filter((c: any) => c.date === DATE)).toHaveLength(1);
  });

  test('a different change of the same day is a conflict', async () => {
    const to = { date: day(3), startTime: '09:00', endTime: '12:00' };
    expect(await call('service', 'moveOccurrence', { teamId: TEAM, date: DATE, to, reason: REASON }, LEADER)).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('service.moveOccurrence', () => {
  const FROM = day(4);
  const TO = { date: day(3), startTime: '14:00', endTime: '16:00' };
  const REASON = '场地被借用';

  test.each(NOT_THE_LEADER)('%s may not', async (_who, openid) => {
    expect(await call('service', 'moveOccurrence', { teamId: TEAM, date: FROM, to: TO, reason: REASON }, openid)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('bad input; a move onto a day with service, into the past, or too short to hold a slot is refused', async () => {
    expect(await call('service', 'moveOccurrence', { teamId: TEAM, date: FROM, to: { ...TO, endTime: '13:00' }, reason: REASON }, LEADER)).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('结束时间要晚于开始时间'),
    });
    expect(await call('service', 'moveOccurrence', { teamId: TEAM, date: FROM, to: { ...TO, date: day(5) }, reason: REASON }, LEADER)).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await call('service', 'moveOccurrence', { teamId: TEAM, date: FROM, to: { ...TO, date: day(-1) }, reason: REASON }, LEADER)).toMatchObject({
      code: 'CLOSED',
    });
    expect(await call('service', 'moveOccurrence', { teamId: TEAM, date: FROM, to: { ...TO, endTime: '14:30' }, reason: REASON }, LEADER)).toMatchObject({
      code: 'BAD_INPUT',
    });
  });

  test("the old day's bookings move to the new day's slots; residents are told where they went; the new day appears", async () => {
    const people = await residents('move', 2);
    const a = ok(await book(people[0], FROM, '09:00'));
    const b = ok(await book(people[1], FROM, '11:00', { subscribe: true }));
    // 09:00 goes to 14:00, 11:00 (past the new day's end) to its last slot, 15:00.
    expect(ok(await call('service', 'moveOccurrence', { teamId: TEAM, date: FROM, to: TO, reason: REASON }, LEADER))).toEqual({
      movedBookings: 2,
      waitlistedBookings: 0,
      cancelledBookings: 0,
      allTold: true,
    });
    for (const [i, [booking, start, end]] of [
      [a, '14:00', '15:00'],
      [b, '15:00', '16:00'],
    ].entries()) {
      expect(ok(await call('booking', 'get', { bookingId: booking.id }, people[i]))).toMatchObject({
        status: 'confirmed',
        date: TO.date,
        startTime: start,
        canCancel: true,
      });
      const [told] = await messagesOf(people[i]);
      expect(told).toMatchObject({ title: '预约已改期', bookingId: booking.id });
      expect(told.body).toEqual(expect.stringContaining(`改到 ${slotWords(TO.date, start, end)}`));
      expect(told.body).toEqual(expect.stringContaining(REASON));
    }
    const { data: outbox } = (await db
      .collection('outbox')
      .where({ openid: db.command.in(people) })
      .get()) as { data: any[] };
    expect(outbox.filter((o) => o.data.thing1 === '预约已改期').map((o) => o.openid)).toEqual([people[1]]);
    const upcoming = ok(await call('service', 'getTeam', { teamId: TEAM }, RESIDENT)).upcoming;
    expect(upcoming).toContainEqual(TO);
    expect(upcoming.map((o: any) => o.date)).not.toContain(FROM);
    // The moved day takes bookings at its new time; the one moved there already has a place.
    expect(await book(people[0], TO.date, '14:00')).toMatchObject({ ok: false, code: 'CONFLICT' });
    const [newcomer] = await residents('move-new', 1);
    expect(ok(await book(newcomer, TO.date, '14:00'))).toMatchObject({ status: 'confirmed', date: TO.date, startTime: '14:00' });
    // A retry of the same move changes nothing more; the new day cannot be changed again.
    expect(ok(await call('service', 'moveOccurrence', { teamId: TEAM, date: FROM, to: TO, reason: REASON }, LEADER))).toEqual({
      movedBookings: 0,
      waitlistedBookings: 0,
      cancelledBookings: 0,
      allTold: true,
    });
    expect(await call('service', 'cancelOccurrence', { teamId: TEAM, date: TO.date, reason: REASON }, LEADER)).toMatchObject({ code: 'CONFLICT' });
  });

  test('moved to other hours of the same day: bookings of the hours still served stay, the others move to the nearest', async () => {
    const DATE = day(5);
    const people = await residents('same-day', 2);
    const early = ok(await book(people[0], DATE, '09:00'));
    const kept = ok(await book(people[1], DATE, '10:00'));
    const to = { date: DATE, startTime: '10:00', endTime: '13:00' };
    expect(ok(await call('service', 'moveOccurrence', { teamId: TEAM, date: DATE, to, reason: '上午前段有会' }, LEADER))).toEqual({
      movedBookings: 1,
      waitlistedBookings: 0,
      cancelledBookings: 0,
      allTold: true,
    });
    expect(ok(await call('booking', 'get', { bookingId: early.id }, people[0]))).toMatchObject({ status: 'confirmed', startTime: '10:00' });
    expect(ok(await call('booking', 'get', { bookingId: kept.id }, people[1]))).toMatchObject({ status: 'confirmed', startTime: '10:00' });
    expect((await messagesOf(people[1])).map((m) => m.title)).not.toContain('预约已改期');
    expect(ok(await call('service', 'getTeam', { teamId: TEAM }, RESIDENT)).upcoming).toContainEqual(to);
  });
});

describe('service.listTeams with changed days', () => {
  test("a team's next service day skips a cancelled one", async () => {
    const weekday = isoWeekday(day(1));
    ok(
      await call(
        'service',
        'saveSchedule',
        { teamId: OTHER_TEAM, schedule: { ...SCHEDULE, recurrence: { kind: 'weekly', weekdays: [weekday] } } },
        OTHER_LEADER,
      ),
    );
    const community = data.teams.find((t) => t._id === OTHER_TEAM)!.communityId;
    const next = async () =>
      ok(await call('service', 'listTeams', { communityId: community }, RESIDENT)).items.find((t: any) => t.id === OTHER_TEAM).nextOccurrence;
    expect(await next()).toEqual({ date: day(1), startTime: '09:00', endTime: '12:00' });
    ok(await call('service', 'cancelOccurrence', { teamId: OTHER_TEAM, date: day(1), reason: '队员外出培训' }, OTHER_LEADER));
    expect(await next()).toEqual({ date: day(8), startTime: '09:00', endTime: '12:00' });
  });
});

describe('booking.session', () => {
  const DATE = day(1);

  test('the leader sees every slot of the day with its numbers and everyone booked, phones whole, in booking order', async () => {
    const people = await residents('session', 3);
    const first = ok(await book(people[0], DATE, '09:00'));
    const second = ok(await book(people[1], DATE, '09:00'));
    const waiting = ok(await book(people[2], DATE, '09:00', { joinWaitlist: true }));
    const session = ok(await call('booking', 'session', { teamId: TEAM, date: DATE }, LEADER));
    expect(session).toMatchObject({ teamId: TEAM, teamName: TEAM_NAME, occurrence: { date: DATE, startTime: '09:00', endTime: '12:00' } });
    expect(session.slots.map((s: any) => [s.startTime, s.endTime, s.capacity, s.held, s.waitlisted, s.placesLeft])).toEqual([
      ['09:00', '10:00', 2, 2, 1, 0],
      ['10:00', '11:00', 2, 0, 0, 2],
      ['11:00', '12:00', 2, 0, 0, 2],
    ]);
    expect(session.slots[0].bookings.map((b: any) => [b.id, b.status, b.waitlistPosition, b.phone])).toEqual([
      [first.id, 'confirmed', null, '13900000000'],
      [second.id, 'confirmed', null, '13900000001'],
      [waiting.id, 'waitlisted', 1, '13900000002'],
    ]);
    // The leader checks people in by code: the code itself is only the resident's.
    expect(session.slots[0].bookings.every((b: any) => b.checkInCode === null)).toBe(true);
  });

  test.each(NOT_THE_LEADER)('%s may not', async (_who, openid) => {
    expect(await call('booking', 'session', { teamId: TEAM, date: DATE }, openid)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('a day without service is not found; bad input is refused', async () => {
    expect(await call('booking', 'session', { teamId: TEAM, date: day(10) }, LEADER)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('booking', 'session', { teamId: TEAM, date: 'tomorrow' }, LEADER)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('booking', 'session', { teamId: TEAM, date: DATE })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('booking.checkIn', () => {
  test('by the code the resident shows: attended, the ledger forgets the holder but keeps the count; a second scan answers the same', async () => {
    const booking = await insertBooking('checkin-a', TODAY, '09:00', 'confirmed');
    const checked = ok(await call('booking', 'checkIn', { teamId: TEAM, code: CHECK_IN_PREFIX + booking.checkInCode }, LEADER));
    expect(checked).toMatchObject({ id: booking._id, status: 'attended', phone: '13800009999' });
    const doc = await stored('bookings', booking._id);
    expect(doc).toMatchObject({ status: 'attended', checkedInAt: expect.any(Date) });
    expect(doc.history.at(-1)).toMatchObject({ status: 'attended', by: LEADER });
    const slot = await stored('slots', slotIdOf(TEAM, TODAY, '09:00'));
    expect(slot.holders['checkin-a']).toBeUndefined();
    expect(slot.held).toBe(1);
    expect(ok(await call('booking', 'checkIn', { teamId: TEAM, code: CHECK_IN_PREFIX + booking.checkInCode }, LEADER))).toEqual(checked);
  });

  test('by tapping the booking, or by the code read aloud without its prefix', async () => {
    const tapped = await insertBooking('checkin-b', TODAY, '10:00', 'confirmed');
    expect(ok(await call('booking', 'checkIn', { teamId: TEAM, bookingId: tapped._id }, LEADER)).status).toBe('attended');
    const spoken = await insertBooking('checkin-c', TODAY, '10:00', 'confirmed');
    expect(ok(await call('booking', 'checkIn', { teamId: TEAM, code: spoken.checkInCode.toLowerCase() }, LEADER)).status).toBe('attended');
  });

  test('a pending booking is refused until approved; an ended one is refused', async () => {
    const pending = await insertBooking('checkin-d', TODAY, '11:00', 'pending');
    expect(await call('booking', 'checkIn', { teamId: TEAM, bookingId: pending._id }, LEADER)).toMatchObject({ code: 'CONFLICT', message: '还没有通过审核' });
    const cancelled = await insertBooking('checkin-e', TODAY, '11:00', 'cancelled');
    expect(await call('booking', 'checkIn', { teamId: TEAM, bookingId: cancelled._id }, LEADER)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已取消'),
    });
    expect((await stored('bookings', pending._id)).status).toBe('pending');
  });

  test('only on the service day itself', async () => {
    const [resident] = await residents('checkin-tomorrow', 1);
    const tomorrow = ok(await book(resident, day(1), '11:00'));
    const code = ok(await call('booking', 'get', { bookingId: tomorrow.id }, resident)).checkInCode;
    expect(code).toMatch(new RegExp(`^${CHECK_IN_PREFIX}`));
    expect(await call('booking', 'checkIn', { teamId: TEAM, code }, LEADER)).toMatchObject({ code: 'CLOSED', message: '只能在服务当天签到' });
    const earlier = await insertBooking('checkin-f', day(-2), '09:00', 'confirmed');
    expect(await call('booking', 'checkIn', { teamId: TEAM, bookingId: earlier._id }, LEADER)).toMatchObject({ code: 'CLOSED' });
  });

  test("an unknown code, or another team's booking, is not found", async () => {
    expect(await call('booking', 'checkIn', { teamId: TEAM, code: `${CHECK_IN_PREFIX}NOSUCHCODE` }, LEADER)).toMatchObject({
      code: 'NOT_FOUND',
      message: '签到码无效，请让居民重新打开签到码',
    });
    const theirs = await insertBooking('checkin-g', TODAY, '09:00', 'confirmed', OTHER_TEAM);
    expect(await call('booking', 'checkIn', { teamId: TEAM, bookingId: theirs._id }, LEADER)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('booking', 'checkIn', { teamId: TEAM, code: theirs.checkInCode }, LEADER)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('booking', 'checkIn', { teamId: OTHER_TEAM, bookingId: theirs._id }, LEADER)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test.each(NOT_THE_LEADER)('%s may not', async (_who, openid) => {
    const booking = await insertBooking(`checkin-${openid}`, TODAY, '11:00', 'confirmed');
    expect(await call('booking', 'checkIn', { teamId: TEAM, bookingId: booking._id }, openid)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await stored('bookings', booking._id)).status).toBe('confirmed');
  });

  test('a code or a booking, exactly one', async () => {
    expect(await call('booking', 'checkIn', { teamId: TEAM }, LEADER)).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('请扫描签到码') });
    expect(await call('booking', 'checkIn', { teamId: TEAM, code: 'ABCDEFGH', bookingId: 'x' }, LEADER)).toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('booking.markNoShows', () => {
  test("after the day's last slot, everyone confirmed and not checked in becomes a no-show, with history", async () => {
    const DATE = day(-1);
    const absent = await insertBooking('noshow-a', DATE, '09:00', 'confirmed');
    const came = await insertBooking('noshow-b', DATE, '09:00', 'attended');
    const cancelled = await insertBooking('noshow-c', DATE, '10:00', 'cancelled');
    expect(ok(await call('booking', 'markNoShows', { teamId: TEAM, date: DATE }, LEADER))).toEqual({ marked: 1 });
    const doc = await stored('bookings', absent._id);
    expect(doc.status).toBe('noshow');
    expect(doc.history.map((h: any) => h.status)).toEqual(['confirmed', 'noshow']);
    expect((await stored('bookings', came._id)).status).toBe('attended');
    expect((await stored('bookings', cancelled._id)).status).toBe('cancelled');
    const slot = await stored('slots', slotIdOf(TEAM, DATE, '09:00'));
    expect(slot).toMatchObject({ held: 2, holders: {} });
    expect(ok(await call('booking', 'markNoShows', { teamId: TEAM, date: DATE }, LEADER))).toEqual({ marked: 0 });
  });

  test('not before the day has ended', async () => {
    expect(await call('booking', 'markNoShows', { teamId: TEAM, date: day(1) }, LEADER)).toMatchObject({
      code: 'CLOSED',
      message: expect.stringContaining('12:00'),
    });
  });

  test.each(NOT_THE_LEADER)('%s may not', async (_who, openid) => {
    expect(await call('booking', 'markNoShows', { teamId: TEAM, date: day(-1) }, openid)).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('booking.setCapacity', () => {
  const DATE = day(6);

  test('raising the places lets the waitlist in, in the order people joined, and tells them', async () => {
    const people = await residents('capacity', 4);
    const held = [ok(await book(people[0], DATE, '09:00')), ok(await book(people[1], DATE, '09:00'))];
    const waiting = [ok(await book(people[2], DATE, '09:00', { joinWaitlist: true })), ok(await book(people[3], DATE, '09:00', { joinWaitlist: true }))];
    expect(held.map((b) => b.status)).toEqual(['confirmed', 'confirmed']);
    expect(waiting.map((b) => b.waitlistPosition)).toEqual([1, 2]);

    expect(ok(await call('booking', 'setCapacity', { teamId: TEAM, date: DATE, startTime: '09:00', capacity: 3 }, LEADER))).toEqual({
      startTime: '09:00',
      endTime: '10:00',
      capacity: 3,
      held: 3,
      waitlisted: 1,
      placesLeft: 0,
    });
    expect(ok(await call('booking', 'get', { bookingId: waiting[0].id }, people[2])).status).toBe('confirmed');
    expect(ok(await call('booking', 'get', { bookingId: waiting[1].id }, people[3]))).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await messagesOf(people[2]))[0].title).toContain('候补成功');

    expect(ok(await call('booking', 'setCapacity', { teamId: TEAM, date: DATE, startTime: '09:00', capacity: 6 }, LEADER))).toMatchObject({
      held: 4,
      waitlisted: 0,
      placesLeft: 2,
    });
    expect(ok(await call('booking', 'get', { bookingId: waiting[1].id }, people[3])).status).toBe('confirmed');
  });

  test('lowering below the places held is refused; down to them is fine', async () => {
    expect(await call('booking', 'setCapacity', { teamId: TEAM, date: DATE, startTime: '09:00', capacity: 3 }, LEADER)).toMatchObject({
      code: 'CONFLICT',
      message: '已经有 4 人预约，名额不能少于 4',
    });
    expect(ok(await call('booking', 'setCapacity', { teamId: TEAM, date: DATE, startTime: '09:00', capacity: 4 }, LEADER))).toMatchObject({
      capacity: 4,
      placesLeft: 0,
    });
  });

  test('a slot nobody has booked yet gets its document; a time that is not a slot is not found', async () => {
    expect(ok(await call('booking', 'setCapacity', { teamId: TEAM, date: DATE, startTime: '11:00', capacity: 0 }, LEADER))).toEqual({
      startTime: '11:00',
      endTime: '12:00',
      capacity: 0,
      held: 0,
      waitlisted: 0,
      placesLeft: 0,
    });
    expect(await stored('slots', slotIdOf(TEAM, DATE, '11:00'))).toMatchObject({ teamId: TEAM, date: DATE, capacity: 0, held: 0, waitlist: [], holders: {} });
    const [resident] = await residents('capacity-zero', 1);
    expect(await book(resident, DATE, '11:00')).toMatchObject({ code: 'FULL' });
    expect(await call('booking', 'setCapacity', { teamId: TEAM, date: DATE, startTime: '09:30', capacity: 5 }, LEADER)).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('not on a cancelled or past day; bad input', async () => {
    expect(await call('booking', 'setCapacity', { teamId: TEAM, date: day(2), startTime: '09:00', capacity: 5 }, LEADER)).toMatchObject({ code: 'CLOSED' });
    expect(await call('booking', 'setCapacity', { teamId: TEAM, date: day(-1), startTime: '09:00', capacity: 5 }, LEADER)).toMatchObject({ code: 'CLOSED' });
    expect(await call('booking', 'setCapacity', { teamId: TEAM, date: DATE, startTime: '09:00', capacity: 501 }, LEADER)).toMatchObject({ code: 'BAD_INPUT' });
  });

  test.each(NOT_THE_LEADER)('%s may not', async (_who, openid) => {
    expect(await call('booking', 'setCapacity', { teamId: TEAM, date: DATE, startTime: '10:00', capacity: 9 }, openid)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
