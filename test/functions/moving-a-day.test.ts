import { slotIdOf } from '../../cloudfunctions/_shared/bookings';
import { weekKey } from '../../rules/booking';
import { addDays, chinaDate, isoWeekday } from '../../rules/china-time';
import { dayWords, slotWords } from '../../rules/words';
import { createOpenTeam, createResidents, insertBooking } from '../helpers/booking-fixtures';
import { ActionAnswer, TestCloud, callAction, callFunction, expectOk, startCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { storedRoles } from '../helpers/roles';

/**
 * A leader moves a service day with ten bookings (service.moveOccurrence), through the function host:
 * each booking moves to the corresponding slot of the new day in booking order while places last, the
 * rest onto that slot's waitlist; one who already had a booking there keeps it and the moved one ends.
 * The test proves who is where (each booking's day, slot, status, place in line, ledgers, quotas) and
 * who was told what (in-app messages, WeChat subscribe messages and the page they open); that a re-run
 * of the move or of the job's steps changes nothing and tells nobody twice; and that residents booking
 * the new day while its bookings move never overfill it.
 */

let cloud: TestCloud;
type Sdk = typeof import('wx-server-sdk');
let db: ReturnType<Sdk['database']>;
const call = (fn: string, action: string, input: unknown, openid?: string) => callAction(cloud.url, fn, action, input, openid);
const ok = expectOk;

const TODAY = chinaDate(new Date());
const day = (n: number) => addDays(TODAY, n);
const COMMUNITY = 'c-moving-a-day';
const TEAM = 't-moving-a-day';
const TEAM_NAME = `测试服务队${TEAM}`;
const LEADER = 'moving-leader';
/** The one weekday without service: today + 3 (and + 10), where days are moved to. */
const FREE_WEEKDAY = isoWeekday(day(3));
/** Every day but FREE_WEEKDAY, 09:00–12:00 in three 1-hour slots of 3 places. */
const SCHEDULE = {
  recurrence: { kind: 'weekly' as const, weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== FREE_WEEKDAY) },
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 60,
  placesPerSlot: 3,
  opensDaysBefore: 14,
  weeklyLimit: 5,
  validFrom: day(-30),
};
const REASON = '场地被借用';

async function stored<T = any>(collection: string, id: string): Promise<T> {
  return ((await db.collection(collection).doc(id).get()) as unknown as { data: T }).data;
}
async function messagesOf(openid: string): Promise<any[]> {
  return ok(await call('messages', 'list', { pageSize: 50 }, openid)).items;
}
async function outboxOf(openids: string[]): Promise<any[]> {
  return (
    (await db
      .collection('outbox')
      .where({ openid: db.command.in(openids) })
      .get()) as { data: any[] }
  ).data;
}
/** The outbox timer's run, as WeChat's trigger makes it: it continues unfinished jobs. */
async function timerRun(): Promise<void> {
  const { body } = await callFunction<{ result: ActionAnswer; errMsg: string }>(cloud.url, 'outbox', { Type: 'Timer', TriggerName: 'deliver-outbox' });
  ok(body.result);
}
const move = (date: string, to: { date: string; startTime: string; endTime: string }) =>
  call('service', 'moveOccurrence', { teamId: TEAM, date, to, reason: REASON }, LEADER);

let inserted = 0;
/** A booking of the new day, written straight into the store as if made between the move and the job reaching its slot. */
function bookedMeanwhile(openid: string, date: string, startTime: string, capacity: number) {
  inserted++;
  const team = { id: TEAM, name: TEAM_NAME, communityId: COMMUNITY, address: '测试社区服务站' };
  return insertBooking(db, team, {
    id: `meanwhile-${inserted}`,
    openid,
    date,
    startTime,
    status: 'confirmed',
    checkInCode: `MVD${String(inserted).padStart(5, '2')}`,
    capacity,
  });
}

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database({ throwOnNotFound: false } as never);
  await createOpenTeam(db, TEAM, COMMUNITY, SCHEDULE);
  const now = new Date();
  await db
    .collection('users')
    .doc(LEADER)
    .set({ data: { name: '张队长', phone: '13700000001', communityId: COMMUNITY, ...storedRoles({ leaderOf: [TEAM] }), createdAt: now, updatedAt: now } });
}, 60_000);
afterAll(() => cloud?.stop());

describe('a day with ten bookings moves to another day with fewer places', () => {
  const FROM = day(2);
  // Two slots instead of three: 09:00 → 14:00, 10:00 → 15:00, and 11:00 (past the new day's end) → 15:00 too.
  const TO = { date: day(3), startTime: '14:00', endTime: '16:00' };
  const OUTSIDER = 'moving-outsider';
  let people: string[];
  let bookings: any[];
  let answer: any;

  beforeAll(async () => {
    people = await createResidents(db, 'moving', 10, COMMUNITY);
    const slotOf = ['09:00', '09:00', '09:00', '10:00', '10:00', '10:00', '11:00', '11:00', '11:00', '11:00'];
    const subscribers = new Set([4, 6, 9]);
    bookings = [];
    // One after another: booking order is the residents' order.
    for (const [i, openid] of people.entries()) {
      bookings.push(
        ok(await call('booking', 'book', { teamId: TEAM, date: FROM, startTime: slotOf[i], joinWaitlist: true, subscribe: subscribers.has(i) }, openid)),
      );
    }
    expect(bookings.map((b) => b.status)).toEqual([...Array(9).fill('confirmed'), 'waitlisted']);
    // The new day, had it been booked before the job reached it: an outsider holds one of 14:00's three
    // places, and people[3] already holds one at 15:00.
    await bookedMeanwhile(OUTSIDER, TO.date, '14:00', 3);
    await bookedMeanwhile(people[3], TO.date, '15:00', 3);
    answer = ok(await move(FROM, TO));
  }, 60_000);

  test('the leader learns what became of them: four moved with a place, five onto the waitlist, one ended; all told', () => {
    expect(answer).toEqual({ movedBookings: 4, waitlistedBookings: 5, cancelledBookings: 1, allTold: true });
  });

  test('who is where: each booking on its new day and slot, in booking order while places last, then in line', async () => {
    const where = await Promise.all(
      bookings.map(async (b, i) => {
        const got = ok(await call('booking', 'get', { bookingId: b.id }, people[i]));
        return [got.date, got.startTime, got.endTime, got.status, got.waitlistPosition];
      }),
    );
    expect(where).toEqual([
      [TO.date, '14:00', '15:00', 'confirmed', null],
      [TO.date, '14:00', '15:00', 'confirmed', null],
      [TO.date, '14:00', '15:00', 'waitlisted', 1],
      [FROM, '10:00', '11:00', 'cancelled', null],
      [TO.date, '15:00', '16:00', 'confirmed', null],
      [TO.date, '15:00', '16:00', 'confirmed', null],
      [TO.date, '15:00', '16:00', 'waitlisted', 1],
      [TO.date, '15:00', '16:00', 'waitlisted', 2],
      [TO.date, '15:00', '16:00', 'waitlisted', 3],
      [TO.date, '15:00', '16:00', 'waitlisted', 4],
    ]);
    // The ledgers agree: the new slots hold their places, the old ones nobody.
    expect(await stored('slots', slotIdOf(TEAM, TO.date, '14:00'))).toMatchObject({ capacity: 3, held: 3, waitlist: [bookings[2].id] });
    const at15 = await stored('slots', slotIdOf(TEAM, TO.date, '15:00'));
    expect(at15).toMatchObject({ capacity: 3, held: 3, waitlist: [6, 7, 8, 9].map((i) => bookings[i].id) });
    expect(at15.holders[people[3]]).toBe('meanwhile-2');
    for (const start of ['09:00', '10:00', '11:00'])
      expect(await stored('slots', slotIdOf(TEAM, FROM, start))).toMatchObject({ held: 0, waitlist: [], holders: {} });
  });

  test('a moved booking keeps its code, is due a reminder again, records the move, and counts in its new week', async () => {
    const doc = await stored('bookings', bookings[0].id);
    expect(doc).toMatchObject({ slotId: slotIdOf(TEAM, TO.date, '14:00'), weekKey: weekKey(TO.date), remindedAt: null, checkInCode: expect.any(String) });
    expect(doc.history.at(-1)).toEqual({ status: 'confirmed', at: expect.any(Date), by: LEADER, reason: REASON });
    const { data: quotas } = (await db.collection('booking_quotas').where({ openid: people[0] }).get()) as { data: any[] };
    expect(Object.fromEntries(quotas.map((q) => [q.weekKey, q.count]))).toEqual(
      weekKey(FROM) === weekKey(TO.date) ? { [weekKey(TO.date)]: 1 } : { [weekKey(FROM)]: 0, [weekKey(TO.date)]: 1 },
    );
    // The one that ended: cancelled by the team with the reason; the booking already there stands.
    expect(await stored('bookings', bookings[3].id)).toMatchObject({ status: 'cancelled', cancellation: { by: 'team', byOpenid: LEADER, reason: REASON } });
    expect(await stored('bookings', 'meanwhile-2')).toMatchObject({ status: 'confirmed' });
  });

  test('who was told what: everyone, once, in their words, the message opening the booking', async () => {
    const from = (i: number) => slotWords(FROM, bookings[i].startTime, bookings[i].endTime);
    const to = (start: string, end: string) => slotWords(TO.date, start, end);
    const told = await Promise.all(people.map(messagesOf));
    for (const [i, messages] of told.entries()) {
      // Told once, the message opening the booking.
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ bookingId: bookings[i].id, read: false });
    }
    const latest = told.map((messages) => messages[0]);
    expect(latest[0]).toMatchObject({
      title: '预约已改期',
      body: `您在 ${TEAM_NAME} ${from(0)} 的预约已随服务日改到 ${to('14:00', '15:00')}，名额保留。原因：${REASON}。不能来可在预约里取消。`,
    });
    expect(latest[2]).toMatchObject({ title: '预约已改期，转为候补', body: expect.stringContaining('您排在候补第 1 位') });
    expect(latest[3]).toMatchObject({ title: '服务日调整', body: expect.stringContaining('您在新时段已有预约，保留那一个，这个预约已取消') });
    expect(latest[6].body).toContain(`您在 ${TEAM_NAME} ${from(6)} 的预约已随服务日改到 ${to('15:00', '16:00')}，这个时段名额已满，您排在候补第 1 位`);
    expect(latest[9].body).toContain(`的候补已随服务日改到 ${to('15:00', '16:00')}，这个时段名额已满，您排在候补第 4 位`);
    // Those who allowed it get a WeChat message: what changed, where to, opening the booking.
    const card = `改到${dayWords(TO.date)} 下午3:00`;
    const cards = (await outboxOf(people)).map((o) => [o.openid, o.template, o.data.thing1, o.data.thing2, o.page]);
    expect(cards.sort()).toEqual(
      [
        [people[4], 'bookingStatus', '预约已改期', card, `pages/me/booking?id=${bookings[4].id}`],
        [people[6], 'bookingStatus', '预约已改期，转为候补', card, `pages/me/booking?id=${bookings[6].id}`],
        [people[9], 'bookingStatus', '预约已改期，转为候补', card, `pages/me/booking?id=${bookings[9].id}`],
      ].sort(),
    );
  });

  test('the booking the message opens offers to cancel; cancelling a moved place lets the first in line in', async () => {
    const moved = ok(await call('booking', 'get', { bookingId: bookings[1].id }, people[1]));
    expect(moved).toMatchObject({ canCancel: true, checkInCode: expect.stringMatching(/^XFJY1:/) });
    expect(ok(await call('booking', 'get', { bookingId: bookings[2].id }, people[2]))).toMatchObject({ canCancel: true });
    ok(await call('booking', 'cancel', { bookingId: bookings[1].id, reason: '改的时间来不了' }, people[1]));
    expect(ok(await call('booking', 'get', { bookingId: bookings[2].id }, people[2]))).toMatchObject({ status: 'confirmed', date: TO.date });
    expect((await messagesOf(people[2]))[0].title).toBe('候补成功：预约成功');
  });

  test('again: the same move, or its job re-run from the start, moves nothing more and tells nobody twice', async () => {
    const before = await Promise.all(bookings.map((b) => stored('bookings', b.id)));
    const toldBefore = (await Promise.all(people.map(messagesOf))).map((m) => m.length);
    expect(ok(await move(FROM, TO))).toEqual({ movedBookings: 0, waitlistedBookings: 0, cancelledBookings: 0, allTold: true });
    // The first job's steps run again, as after a failure: the timer continues it.
    await db
      .collection('jobs')
      .where({ done: true })
      .update({ data: { cursor: null, done: false, leaseUntil: new Date(0) } });
    await timerRun();
    const { data: unfinished } = (await db.collection('jobs').where({ done: false }).get()) as { data: any[] };
    expect(unfinished).toEqual([]);
    const after = await Promise.all(bookings.map((b) => stored('bookings', b.id)));
    expect(after.map((d) => [d.slotId, d.status, d.history.length])).toEqual(before.map((d) => [d.slotId, d.status, d.history.length]));
    expect((await Promise.all(people.map(messagesOf))).map((m) => m.length)).toEqual(toldBefore);
  });
});

describe('residents booking the new day while its bookings move', () => {
  test('never overfill it: each slot holds what its confirmed bookings hold, within its places; the rest wait in line', async () => {
    const FROM = day(9);
    const TO = { date: day(10), startTime: '09:00', endTime: '11:00' };
    const movers = await createResidents(db, 'moving-race', 6, COMMUNITY);
    for (const [i, openid] of movers.entries())
      ok(await call('booking', 'book', { teamId: TEAM, date: FROM, startTime: i < 3 ? '09:00' : '10:00', joinWaitlist: true }, openid));
    const bookers = await createResidents(db, 'moving-race-new', 6, COMMUNITY);
    /** Books the new day as soon as it is served (refused until the move has committed). */
    const bookWhenServed = async (openid: string, startTime: string): Promise<ActionAnswer> => {
      for (let tries = 0; ; tries++) {
        const answer = await call('booking', 'book', { teamId: TEAM, date: TO.date, startTime, joinWaitlist: true }, openid);
        if (answer.ok || tries > 100 || !['NOT_FOUND', 'CLOSED'].includes(answer.code)) return answer;
      }
    };
    const [moved, ...booked] = await Promise.all([move(FROM, TO), ...bookers.map((openid, i) => bookWhenServed(openid, i % 2 ? '10:00' : '09:00'))]);
    expect(ok(moved)).toMatchObject({ allTold: true });
    for (const answer of booked) expect(answer).toMatchObject({ ok: true });
    for (const start of ['09:00', '10:00']) {
      const slot = await stored('slots', slotIdOf(TEAM, TO.date, start));
      const { data: ofDay } = (await db.collection('bookings').where({ teamId: TEAM, date: TO.date }).get()) as { data: any[] };
      const docs = ofDay.filter((d) => d.slotId === slot._id);
      const holding = docs.filter((d) => d.status === 'confirmed');
      expect(holding.length).toBeLessThanOrEqual(slot.capacity);
      expect(slot.held).toBe(holding.length);
      expect([...slot.waitlist].sort()).toEqual(
        docs
          .filter((d) => d.status === 'waitlisted')
          .map((d) => d._id)
          .sort(),
      );
      expect(Object.values(slot.holders).sort()).toEqual(
        docs
          .filter((d) => ['confirmed', 'waitlisted'].includes(d.status))
          .map((d) => d._id)
          .sort(),
      );
      // Per slot, three moved and three new bookers for three places: a full slot, the rest in line. (Who
      // gets the places depends on the timing: a booker may come in before the job reaches those moved.)
      expect(slot.held).toBe(3);
    }
  }, 60_000);
});
