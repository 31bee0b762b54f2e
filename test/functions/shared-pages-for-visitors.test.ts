import { chinaDate } from '../../rules/china-time';
import { createOpenTeam } from '../helpers/booking-fixtures';
import { expectOk } from '../helpers/cloud';
import { eventInput, household, useEventsCloud } from '../helpers/events-fixtures';
import { storedRoles } from '../helpers/roles';

/**
 * A page shared to 朋友圈 opens there in single-page mode, with no login: its function calls carry no
 * OPENID. The three reads the shared pages make (a team, a service day, an event) answer such a visitor
 * the public data, none of anyone's own parts, no drafts, and create nothing; everything else still
 * answers UNAUTHENTICATED.
 */

const COMMUNITY = 'c-visitor';
const TEAM = 't-visitor';
const STAFF = 'visitor-staff';
const ADMIN = 'visitor-admin';
const RESIDENT = 'visitor-resident';
/** No WeChat identity: what the local cloud's host passes on when the call has no OPENID. */
const VISITOR = undefined;

const { db, call, callFunction } = useEventsCloud({ communities: { [COMMUNITY]: '分享社区' }, staff: { [STAFF]: COMMUNITY }, admin: ADMIN });

let date: string;
let eventId: string;
let draftId: string;

async function userCount(): Promise<number> {
  const { total } = (await db.collection('users').count()) as unknown as { total: number };
  return total;
}

beforeAll(async () => {
  const now = new Date();
  await db.collection('users').add({
    data: { _id: RESIDENT, name: '周居民', phone: '13800000001', communityId: COMMUNITY, ...storedRoles({}), createdAt: now, updatedAt: now },
  } as never);
  await createOpenTeam(db, TEAM, COMMUNITY);
  date = chinaDate(new Date(Date.now() + 86_400_000));
  expectOk(await callFunction('booking', 'book', { teamId: TEAM, date, startTime: '09:00' }, RESIDENT));

  eventId = expectOk(await call('createEvent', eventInput(COMMUNITY, 'banquet'), STAFF)).id;
  expectOk(await call('publishEvent', { eventId }, STAFF));
  expectOk(await call('signUp', household(eventId, 2, 'hot'), RESIDENT));
  draftId = expectOk(await call('createEvent', eventInput(COMMUNITY, 'market'), STAFF)).id;
});

test("a visitor reads a team's page", async () => {
  const team = expectOk(await callFunction('service', 'getTeam', { teamId: TEAM }, VISITOR));
  expect(team).toMatchObject({ id: TEAM, name: `测试服务队${TEAM}`, communityName: '分享社区', active: true });
  expect(team.upcoming.length).toBeGreaterThan(0);
});

test("a visitor reads a service day's places, with nobody's booking marked as theirs", async () => {
  const day = expectOk(await callFunction('booking', 'day', { teamId: TEAM, date }, VISITOR));
  expect(day.state).toBe('open');
  const first = day.slots.find((s: { startTime: string }) => s.startTime === '09:00');
  expect(first.placesLeft).toBe(9);
  expect(day.slots.every((s: { mine: unknown }) => s.mine === null)).toBe(true);
  // The resident who booked still sees theirs.
  const theirs = expectOk(await callFunction('booking', 'day', { teamId: TEAM, date }, RESIDENT));
  expect(theirs.slots.find((s: { startTime: string }) => s.startTime === '09:00').mine).toMatchObject({ status: 'confirmed' });
});

test('a visitor reads a published event without any sign-up, and no draft', async () => {
  const event = expectOk(await call('getEvent', { eventId }, VISITOR));
  expect(event).toMatchObject({ id: eventId, status: 'published', placesLeft: 18, mine: [] });
  expect(expectOk(await call('getEvent', { eventId }, RESIDENT)).mine).toHaveLength(1);
  expect(await call('getEvent', { eventId: draftId }, VISITOR)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
});

test('a visitor reading creates no account', async () => {
  const before = await userCount();
  expectOk(await callFunction('service', 'getTeam', { teamId: TEAM }, VISITOR));
  expectOk(await callFunction('booking', 'day', { teamId: TEAM, date }, VISITOR));
  expectOk(await call('getEvent', { eventId }, VISITOR));
  expect(await userCount()).toBe(before);
});

test("a visitor cannot book, sign up, or read anyone's own data", async () => {
  const refused = [
    await callFunction('booking', 'book', { teamId: TEAM, date, startTime: '09:30' }, VISITOR),
    await call('signUp', household(eventId, 1, 'cold'), VISITOR),
    await callFunction('account', 'whoami', {}, VISITOR),
    await callFunction('booking', 'mine', { scope: 'upcoming' }, VISITOR),
    await callFunction('service', 'listTeams', {}, VISITOR),
  ];
  expect(refused.map((answer) => (answer.ok ? 'ok' : answer.code))).toEqual(Array(refused.length).fill('UNAUTHENTICATED'));
});
