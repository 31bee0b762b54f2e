import { access, ActionAccess, EVERY_ACTION_ERRORS } from '../../contract/access';
import { contracts, type ActionContract, type Contracts, type FunctionContract, type FunctionName, type InputOf } from '../../contract';
import { chinaDate } from '../../rules/china-time';
import { createOpenTeam, OPEN_SCHEDULE } from '../helpers/booking-fixtures';
import { ActionAnswer } from '../helpers/cloud';
import { eventInput, household, useEventsCloud } from '../helpers/events-fixtures';
import { storedRoles } from '../helpers/roles';
import { localPhoneCode } from '../../localcloud/src/openapi';

/**
 * contract/access.ts (and so docs/API.md) against the functions: every action called the way the app
 * calls it, with an input its schema takes, answers UNAUTHENTICATED without a WeChat identity unless it
 * serves visitors (and then answers), FORBIDDEN
 * to a plain resident unless it serves residents, and not FORBIDDEN to a holder of each role it names;
 * and whatever it refuses, it refuses with a code access.ts declares for it.
 */

const COMMUNITY = 'c-access';
const TEAM = 't-access';
const ADMIN = 'access-admin';
const STAFF = 'access-staff';
const LEADER = 'access-leader';
const RESIDENT = 'access-resident';
const NOBODY = 'access-nobody';
const SETUP_CODE = 'fushan-local-setup';

const { db, call, callFunction } = useEventsCloud({ communities: { [COMMUNITY]: '访问社区' }, staff: { [STAFF]: COMMUNITY }, admin: ADMIN });

/** An input each action's schema takes, on the fixtures below (ids of things that exist where an action looks them up before it checks the caller). */
type Samples = { [F in FunctionName]: { [A in keyof Contracts[F]]: Contracts[F][A] extends ActionContract ? InputOf<Contracts[F][A]> : never } };
function samples(fx: { eventId: string; signUpId: string; date: string }): Samples {
  const page = { pageSize: 1 };
  const schedule = OPEN_SCHEDULE;
  const location = { lng: 121.26, lat: 37.5 };
  const active = { active: true, reason: '' };
  return {
    account: {
      whoami: {},
      phoneFromWeChat: { code: localPhoneCode('13800000001') },
      updateProfile: { name: '周居民', phone: '13800000001', communityId: COMMUNITY },
      grantRole: { openid: NOBODY, grant: { role: 'admin' } },
      revokeRole: { openid: NOBODY, grant: { role: 'leader', teamId: TEAM } },
      claimFirstAdmin: { setupCode: SETUP_CODE },
      listUsers: page,
      searchPeople: { keyword: '周', ...page },
    },
    directory: { listStreets: {}, listCommunities: {}, nearestCompound: { position: location } },
    service: {
      listTeams: page,
      getTeam: { teamId: TEAM },
      saveSchedule: { teamId: TEAM, schedule },
      cancelOccurrence: { teamId: TEAM, date: fx.date, reason: '测试' },
      moveOccurrence: { teamId: TEAM, date: fx.date, to: { date: fx.date, startTime: '10:00', endTime: '11:00' }, reason: '测试' },
    },
    events: {
      listUpcoming: page,
      listMonth: { month: fx.date.slice(0, 7) },
      getEvent: { eventId: fx.eventId },
      signUp: household(fx.eventId, 2, 'hot') as InputOf<Contracts['events']['signUp']>,
      changeSignUp: { signUpId: fx.signUpId, headcount: 3 },
      cancelSignUp: { signUpId: fx.signUpId },
      mySignUps: { scope: 'upcoming', ...page },
      createEvent: eventInput(COMMUNITY, 'banquet') as InputOf<Contracts['events']['createEvent']>,
      updateEvent: { eventId: fx.eventId },
      publishEvent: { eventId: fx.eventId },
      cancelEvent: { eventId: fx.eventId, reason: '测试' },
      reviewSignUp: { signUpId: fx.signUpId, approve: true, reason: '' },
      roster: { eventId: fx.eventId },
      checkIn: { eventId: fx.eventId, signUpId: fx.signUpId },
      communityEvents: { communityId: COMMUNITY, ...page },
      exportRoster: { eventId: fx.eventId },
    },
    stations: {
      nearest: { from: location, ...page },
      get: { stationId: 'no-such-station' },
      listForStaff: { communityId: COMMUNITY, ...page },
      save: {
        name: '访问社区服务站',
        level: 'community',
        communityId: COMMUNITY,
        streetId: null,
        address: '测试路 1 号',
        location,
        phone: '0535-1234567',
        services: [],
        openingHours: { '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] },
      },
      setActive: { stationId: 'no-such-station', ...active },
      coverage: { communityId: COMMUNITY },
    },
    booking: {
      day: { teamId: TEAM, date: fx.date },
      book: { teamId: TEAM, date: fx.date, startTime: '09:00' },
      cancel: { bookingId: 'no-such-booking' },
      mine: { scope: 'upcoming', ...page },
      get: { bookingId: 'no-such-booking' },
      approvalQueue: page,
      decide: { bookingIds: ['no-such-booking'], approve: true },
      session: { teamId: TEAM, date: fx.date },
      checkIn: { teamId: TEAM, bookingId: 'no-such-booking' },
      markNoShows: { teamId: TEAM, date: fx.date },
      setCapacity: { teamId: TEAM, date: fx.date, startTime: '09:00', capacity: 10 },
    },
    messages: { list: page, unreadCount: {}, markRead: {} },
    registry: {
      listDistricts: {},
      listStreets: {},
      listCommunities: {},
      listCompounds: { communityId: COMMUNITY, ...page },
      listTeams: { communityId: COMMUNITY, ...page },
      saveDistrict: { code: 'ACCESS', name: '访问区' },
      saveStreet: { code: 'ACCESS-S', name: '访问街道', districtId: 'no-such-district' },
      saveCommunity: { code: 'ACCESS-C', name: '另一社区', streetId: 'no-such-street', location, households: 10 },
      saveCompound: { name: '访问小区', communityId: COMMUNITY, location, households: 10 },
      saveTeam: { name: '访问服务队', serviceClass: 'repair', communityId: COMMUNITY, description: '测试', services: ['维修'], contactPhone: '', leaders: [] },
      updateTeamProfile: { teamId: TEAM, description: '测试', contactPhone: '' },
      setDistrictActive: { districtId: 'no-such-district', ...active },
      setStreetActive: { streetId: 'no-such-street', ...active },
      setCommunityActive: { communityId: COMMUNITY, ...active },
      setCompoundActive: { compoundId: 'no-such-compound', ...active },
      setTeamActive: { teamId: TEAM, ...active },
      listChanges: page,
    },
    imports: {
      template: {},
      exportRegistry: { districtId: 'no-such-district' },
      preview: { districtId: 'no-such-district', fileID: 'cloud://env.bucket/imports/nobody/x.xlsx', fileName: 'x.xlsx' },
      rows: { importId: 'no-such-import', ...page },
      apply: { importId: 'no-such-import' },
    },
    invitations: {
      create: { grant: { role: 'leader', teamId: TEAM } },
      list: page,
      revoke: { invitationId: 'no-such-invitation' },
      preview: { inviteCode: '23456789' },
      accept: { inviteCode: '23456789' },
    },
  };
}

const actions = Object.entries(contracts).flatMap(([fn, contract]) => Object.keys(contract).map((action) => [fn as FunctionName, action] as const));
const rightsOf = (fn: FunctionName, action: string) => (access[fn] as Record<string, ActionAccess>)[action];
const servesResidents = (rights: ActionAccess) => rights.roles.includes('anyone') || rights.roles.includes('registered');
const servesVisitors = (rights: ActionAccess) => rights.roles.includes('visitor');

let inputs: Samples;
const inputOf = (fn: FunctionName, action: string) => (inputs[fn] as Record<string, unknown>)[action];

/** The action called as `openid`; a refusal must be one access.ts declares for it. */
async function callAs(fn: FunctionName, action: string, openid: string | undefined): Promise<ActionAnswer> {
  const input = inputOf(fn, action);
  const parsed = (contracts[fn] as FunctionContract)[action].input.safeParse(input);
  if (!parsed.success) throw new Error(`${fn}.${action}: the test's sample input is refused by its schema: ${parsed.error.message}`);
  const answer = await callFunction(fn, action, input, openid);
  if (!answer.ok) {
    const declared = [...rightsOf(fn, action).errors, ...EVERY_ACTION_ERRORS];
    if (!declared.includes(answer.code as never))
      throw new Error(`${fn}.${action} answered ${answer.code} (${answer.message}), not declared in contract/access.ts`);
  }
  return answer;
}

beforeAll(async () => {
  const now = new Date();
  const person = (openid: string, name: string, roles: Parameters<typeof storedRoles>[0]) => ({
    _id: openid,
    name,
    phone: '13800000000',
    communityId: COMMUNITY,
    ...storedRoles(roles),
    createdAt: now,
    updatedAt: now,
  });
  await db.collection('users').add({ data: [person(RESIDENT, '周居民', {}), person(LEADER, '张队长', { leaderOf: [TEAM] })] } as never);
  await createOpenTeam(db, TEAM, COMMUNITY);
  // The environment's first admin is claimed, so that a resident's claim is refused (and changes nothing).
  expect((await callFunction('account', 'claimFirstAdmin', { setupCode: SETUP_CODE }, ADMIN)).ok).toBe(true);
  const created = await call('createEvent', eventInput(COMMUNITY, 'banquet'), ADMIN);
  if (!created.ok) throw new Error(created.message);
  expect((await call('publishEvent', { eventId: created.data.id }, ADMIN)).ok).toBe(true);
  const signedUp = await call('signUp', household(created.data.id, 2, 'hot'), RESIDENT);
  if (!signedUp.ok) throw new Error(signedUp.message);
  inputs = samples({ eventId: created.data.id, signUpId: signedUp.data.id, date: chinaDate(new Date(Date.now() + 86_400_000)) });
});

test('without a WeChat identity an action answers exactly when contract/access.ts names visitors among its callers, and UNAUTHENTICATED otherwise', async () => {
  const wrong: string[] = [];
  for (const [fn, action] of actions) {
    const answer = await callAs(fn, action, undefined);
    const expected = servesVisitors(rightsOf(fn, action)) ? 'ok' : 'UNAUTHENTICATED';
    const answered = answer.ok ? 'ok' : answer.code;
    if (answered !== expected) wrong.push(`${fn}.${action}: ${answered}`);
  }
  expect(wrong).toEqual([]);
});

test('an action refuses a plain resident FORBIDDEN exactly when contract/access.ts names no resident among its callers', async () => {
  const wrong: string[] = [];
  for (const [fn, action] of actions) {
    const answer = await callAs(fn, action, RESIDENT);
    const forbidden = !answer.ok && answer.code === 'FORBIDDEN';
    if (forbidden === servesResidents(rightsOf(fn, action))) wrong.push(`${fn}.${action}: ${answer.ok ? 'ok' : `${answer.code} ${answer.message}`}`);
  }
  expect(wrong).toEqual([]);
});

test('an action does not refuse FORBIDDEN a holder of a role contract/access.ts names for it', async () => {
  const holders = { admin: ADMIN, staff: STAFF, leader: LEADER } as const;
  const wrong: string[] = [];
  for (const [fn, action] of actions) {
    for (const role of rightsOf(fn, action).roles) {
      if (role === 'visitor' || role === 'anyone' || role === 'registered') continue;
      const answer = await callAs(fn, action, holders[role]);
      if (!answer.ok && answer.code === 'FORBIDDEN') wrong.push(`${fn}.${action} as ${role}: ${answer.message}`);
    }
  }
  expect(wrong).toEqual([]);
});
