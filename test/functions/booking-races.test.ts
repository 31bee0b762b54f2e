import { slotIdOf } from '../../cloudfunctions/_shared/bookings';
import { ACTIVE_BOOKING_STATUSES } from '../../contract';
import { addDays, chinaDate } from '../../rules/china-time';
import { createOpenTeam, createResidents as createResidentsOf, insertBooking } from '../helpers/booking-fixtures';
import { ActionAnswer, TestCloud, callAction, expectOk, startCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { Outcomes, race } from '../helpers/races';

/**
 * Two people changing the same booking or service day at the same instant, through the function host:
 * every trial fires the pair with Promise.all, and the stored state must be the one some serial order
 * of the accepted actions leaves (a refused action changes nothing), while the refused one answers a
 * documented code, never INTERNAL.
 */

let cloud: TestCloud;
type Sdk = typeof import('wx-server-sdk');
let db: ReturnType<Sdk['database']>;
const call = (fn: string, action: string, input: unknown, openid?: string) => callAction(cloud.url, fn, action, input, openid);
const ok = expectOk;

const TODAY = chinaDate(new Date());
const TOMORROW = addDays(TODAY, 1);
const COMMUNITY = 'c-booking-races';
const STAFF = ['race-staff-a', 'race-staff-b'];
/** Every day 09:00–12:00, valid from a month ago whatever today is. */
const SERVED_DAILY = { validFrom: addDays(TODAY, -30), weeklyLimit: 50 };

async function stored(collection: string, id: string): Promise<any> {
  return ((await db.collection(collection).doc(id).get()) as { data: any }).data;
}

/** Whether staff's decision about one booking was taken (decide answers each booking of the batch on its own). */
const decided = (answer: ActionAnswer) => ok(answer).results[0].ok as boolean;

/** Teams `${prefix}-0…`, each serving daily and led by its own leader `${prefix}-leader-0…`. */
async function ledTeams(prefix: string, n: number): Promise<Array<{ teamId: string; leader: string }>> {
  const now = new Date();
  const teams = Array.from({ length: n }, (_x, i) => ({ teamId: `${prefix}-${i}`, leader: `${prefix}-leader-${i}` }));
  for (const { teamId } of teams) await createOpenTeam(db, teamId, COMMUNITY, SERVED_DAILY);
  const leader = ({ teamId, leader: openid }: { teamId: string; leader: string }) => ({
    _id: openid,
    name: '张队长',
    phone: '13700000001',
    communityId: COMMUNITY,
    role: 'leader',
    staffCommunityId: null,
    leaderTeamId: teamId,
    createdAt: now,
    updatedAt: now,
  });
  await db.collection('users').add({ data: teams.map(leader) } as never);
  return teams;
}

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database({ throwOnNotFound: false } as never);
  await db
    .collection('communities')
    .doc(COMMUNITY)
    .set({ data: { code: 'R1', name: '竞争社区', streetId: 's1', location: db.Geo.Point(121.26, 37.5), households: 100 } });
  const now = new Date();
  const staff = (openid: string) => ({
    _id: openid,
    name: '李社工',
    phone: '13700000000',
    communityId: COMMUNITY,
    role: 'staff',
    staffCommunityId: COMMUNITY,
    leaderTeamId: null,
    createdAt: now,
    updatedAt: now,
  });
  await db.collection('users').add({ data: STAFF.map(staff) } as never);
  await createOpenTeam(db, 't-races-approval', COMMUNITY, { ...SERVED_DAILY, needsApproval: true });
}, 60_000);
afterAll(() => cloud?.stop());

test('approve vs the resident cancelling, 20 trials: the cancellation always stands, with the approval before it or none', async () => {
  const outcomes = new Outcomes();
  const residents = await createResidentsOf(db, 'race-approve-cancel', 20, COMMUNITY);
  for (const resident of residents) {
    const booking = ok(await call('booking', 'book', { teamId: 't-races-approval', date: TOMORROW, startTime: '09:00' }, resident));
    const [approved, cancelled] = await race(
      () => call('booking', 'decide', { bookingIds: [booking.id], approve: true }, STAFF[0]),
      () => call('booking', 'cancel', { bookingId: booking.id }, resident),
      ['CONFLICT'],
    );
    outcomes.record(decided(approved) ? approved : { ok: false, code: 'SKIPPED', message: '' }, cancelled);
    expect(cancelled.ok).toBe(true);
    const doc = await stored('bookings', booking.id);
    expect(doc.status).toBe('cancelled');
    expect(doc.history.map((h: any) => h.status)).toEqual(['pending', ...(decided(approved) ? ['confirmed'] : []), 'cancelled']);
    expect((await stored('slots', slotIdOf('t-races-approval', TOMORROW, '09:00'))).holders[resident]).toBeUndefined();
  }
  outcomes.report('approve/cancel');
});

test('approve vs reject by two staff, 20 trials: exactly one decision is taken and stored', async () => {
  const outcomes = new Outcomes();
  const residents = await createResidentsOf(db, 'race-approve-reject', 20, COMMUNITY);
  for (const [trial, resident] of residents.entries()) {
    // Approved bookings keep their places: four slots of 10 places hold the 20.
    const startTime = ['10:00', '10:30', '11:00', '11:30'][trial % 4];
    const booking = ok(await call('booking', 'book', { teamId: 't-races-approval', date: TOMORROW, startTime }, resident));
    const [approved, rejected] = await race(
      () => call('booking', 'decide', { bookingIds: [booking.id], approve: true }, STAFF[0]),
      () => call('booking', 'decide', { bookingIds: [booking.id], approve: false, reason: '名额已留给他人' }, STAFF[1]),
      [],
    );
    outcomes.record(...[approved, rejected].map((a) => (decided(a) ? a : { ok: false as const, code: 'SKIPPED', message: '' })));
    expect(decided(approved)).not.toBe(decided(rejected));
    const doc = await stored('bookings', booking.id);
    expect(doc.status).toBe(decided(approved) ? 'confirmed' : 'rejected');
    expect(doc.decision).toMatchObject({ approved: decided(approved), by: decided(approved) ? STAFF[0] : STAFF[1] });
    expect(doc.history).toHaveLength(2);
  }
  outcomes.report('approve/reject');
});

test('booking vs the leader cancelling the day, 20 trials: no booking is left active on a cancelled day', async () => {
  const outcomes = new Outcomes();
  const teams = await ledTeams('t-race-day', 20);
  const residents = await createResidentsOf(db, 'race-book-day', 20, COMMUNITY);
  for (const [trial, { teamId, leader }] of teams.entries()) {
    // The first booking of the slot: there is no slot document yet for the cancellation to find.
    const [booked, cancelled] = await race(
      () => call('booking', 'book', { teamId, date: TOMORROW, startTime: '09:00' }, residents[trial]),
      () => call('service', 'cancelOccurrence', { teamId, date: TOMORROW, reason: '队员外出培训' }, leader),
      ['CLOSED'],
    );
    outcomes.record(booked, cancelled);
    expect(ok(cancelled).cancelledBookings).toBe(booked.ok ? 1 : 0);
    if (booked.ok) expect((await stored('bookings', booked.data.id)).status).toBe('cancelled');
    const slot = await stored('slots', slotIdOf(teamId, TOMORROW, '09:00'));
    expect(slot?.held ?? 0).toBe(0);
  }
  outcomes.report('book/cancelDay');
});

test('booking vs the leader moving the day to other hours, 10 trials: no booking is left in an hour the day no longer has; one in time moves', async () => {
  const outcomes = new Outcomes();
  const teams = await ledTeams('t-race-move', 10);
  const residents = await createResidentsOf(db, 'race-book-move', 10, COMMUNITY);
  for (const [trial, { teamId, leader }] of teams.entries()) {
    const [booked, moved] = await race(
      () => call('booking', 'book', { teamId, date: TOMORROW, startTime: '09:00' }, residents[trial]),
      () =>
        call('service', 'moveOccurrence', { teamId, date: TOMORROW, to: { date: TOMORROW, startTime: '14:00', endTime: '16:00' }, reason: '上午停水' }, leader),
      // NOT_FOUND when the move came before the booking looked at the day: 09:00 is no longer one of its hours.
      ['CLOSED', 'NOT_FOUND'],
    );
    outcomes.record(booked, moved);
    expect(ok(moved)).toMatchObject({ movedBookings: booked.ok ? 1 : 0, cancelledBookings: 0 });
    // 09:00 shifted as the day was (five hours later) is 14:00.
    if (booked.ok) expect(await stored('bookings', booked.data.id)).toMatchObject({ status: 'confirmed', startTime: '14:00' });
    expect((await stored('slots', slotIdOf(teamId, TOMORROW, '09:00')))?.held ?? 0).toBe(0);
  }
  outcomes.report('book/moveDay');
});

test('first booking vs the leader saving a schedule without its slot, 20 trials: no booking is left active on a slot no longer served', async () => {
  const outcomes = new Outcomes();
  const teams = await ledTeams('t-race-schedule', 20);
  const residents = await createResidentsOf(db, 'race-book-schedule', 20, COMMUNITY);
  // The open team's schedule moved to the afternoon (a leader's form allows 20 bookings a week at most):
  // tomorrow's 09:00 is no longer served.
  const afternoons = { ...(await stored('teams', teams[0].teamId)).schedule, weeklyLimit: 20, startTime: '14:00', endTime: '17:00' };
  for (const [trial, { teamId, leader }] of teams.entries()) {
    const [booked, saved] = await race(
      () => call('booking', 'book', { teamId, date: TOMORROW, startTime: '09:00' }, residents[trial]),
      () => call('service', 'saveSchedule', { teamId, schedule: afternoons }, leader),
      // CLOSED when the booking's transaction finds the new schedule (at once or on its retry);
      // NOT_FOUND when the schedule was saved before the booking looked at the day: 09:00 is no longer one of its slots.
      ['CLOSED', 'NOT_FOUND'],
    );
    outcomes.record(booked, saved);
    if (!booked.ok && booked.code === 'CLOSED') expect(booked.message).toBe('这个时段已不再提供服务，请刷新后重新选择');
    expect(ok(saved).schedule?.startTime).toBe('14:00');
    const activeOfTeam = { teamId, status: db.command.in([...ACTIVE_BOOKING_STATUSES]) };
    const { data: active } = (await db.collection('bookings').where(activeOfTeam).get()) as { data: any[] };
    expect(active).toEqual([]);
    if (booked.ok) {
      // Acknowledged, then ended by the schedule's change, with a notice to the resident.
      expect((await stored('bookings', booked.data.id)).cancellation).toMatchObject({ by: 'team', byOpenid: leader });
      const { data: notices } = (await db.collection('messages').where({ openid: residents[trial], bookingId: booked.data.id }).get()) as { data: any[] };
      expect(notices.map((m: any) => m.title)).toEqual(['服务时间调整']);
    }
    const slot = await stored('slots', slotIdOf(teamId, TOMORROW, '09:00'));
    expect(slot?.held ?? 0).toBe(0);
  }
  outcomes.report('book/saveSchedule');
});

test('check-in vs the leader cancelling today, 20 trials: a booking checked in stays attended, otherwise it is cancelled with the day', async () => {
  const outcomes = new Outcomes();
  const teams = await ledTeams('t-race-door', 20);
  for (const [trial, { teamId, leader }] of teams.entries()) {
    const team = { id: teamId, name: `测试服务队${teamId}`, communityId: COMMUNITY, address: '测试社区服务站' };
    const booking = await insertBooking(db, team, {
      id: `race-door-${trial}`,
      openid: `race-door-resident-${trial}`,
      date: TODAY,
      startTime: '09:00',
      status: 'confirmed',
      checkInCode: `DOOR${String(trial).padStart(4, '2')}`,
      capacity: 10,
    });
    const [checkedIn, cancelled] = await race(
      () => call('booking', 'checkIn', { teamId, bookingId: booking._id }, leader),
      () => call('service', 'cancelOccurrence', { teamId, date: TODAY, reason: '停电' }, leader),
      ['CONFLICT'],
    );
    outcomes.record(checkedIn, cancelled);
    expect(ok(cancelled).cancelledBookings).toBe(checkedIn.ok ? 0 : 1);
    expect((await stored('bookings', booking._id)).status).toBe(checkedIn.ok ? 'attended' : 'cancelled');
  }
  outcomes.report('checkIn/cancelDay');
});
