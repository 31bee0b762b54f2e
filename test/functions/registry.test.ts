import type { LngLat } from '../../contract';
import { addDays, chinaDate } from '../../rules/china-time';
import { EARTH_RADIUS_METRES } from '../../rules/geo';
import { createOpenTeam, insertBooking } from '../helpers/booking-fixtures';
import { ActionAnswer, callAction, expectOk, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { storedRoles } from '../helpers/roles';

/**
 * The `registry` function called as the app calls it: every action by every role (admin, staff of the
 * community, staff of another, a leader, a resident, someone without a profile), refusals with their codes,
 * nothing half-written, the audit log, and what residents see once something is deactivated.
 */

let cloud: TestCloud;
type Database = ReturnType<(typeof import('wx-server-sdk'))['database']>;
let db: Database;

const ADMIN = 'reg-admin';
const STAFF_A = 'reg-staff-a';
const STAFF_B = 'reg-staff-b';
const LEADER = 'reg-leader';
const RESIDENT = 'reg-resident';
const STRANGER = 'reg-stranger';
const EVERYONE = [ADMIN, STAFF_A, STAFF_B, LEADER, RESIDENT, STRANGER] as const;

function offset(from: LngLat, north: number, east: number): LngLat {
  const toDegrees = (metres: number) => ((metres / EARTH_RADIUS_METRES) * 180) / Math.PI;
  return { lng: from.lng + toDegrees(east) / Math.cos((from.lat * Math.PI) / 180), lat: from.lat + toDegrees(north) };
}
const A = { lng: 121.26, lat: 37.5 };
const B = offset(A, 0, 3000);
const FAR = { lng: 121.4, lat: 37.4 };

const call = (action: string, input: unknown, openid: string) => callAction(cloud.url, 'registry', action, input, openid);
const callFn = (fn: string, action: string, input: unknown, openid: string) => callAction(cloud.url, fn, action, input, openid);
const outcome = (answer: ActionAnswer) => (answer.ok ? 'ok' : answer.code);
const message = (answer: ActionAnswer) => (answer.ok ? '' : answer.message);

async function count(collection: string, where: object = {}): Promise<number> {
  const { total } = (await db.collection(collection).where(where).count()) as unknown as { total: number };
  return total;
}
async function doc(collection: string, id: string): Promise<any> {
  const { data } = (await db.collection(collection).doc(id).get()) as unknown as { data: any };
  return data;
}
async function auditOf(target: string): Promise<any[]> {
  const { data } = (await db.collection('audit_log').where({ target }).orderBy('at', 'asc').get()) as unknown as { data: any[] };
  return data;
}

let serial = 0;
/** A name no other test used, so successful creations never clash. */
const fresh = (prefix: string) => `${prefix}${++serial}`;

const teamFields = (overrides: Record<string, unknown> = {}) => ({
  name: fresh('测试服务队'),
  serviceClass: 'repair',
  communityId: 'c-a',
  description: '上门维修小家电',
  services: ['家电维修'],
  contactPhone: '0535-6400001',
  leaders: [{ name: '孙师傅', phone: '13905350011' }],
  ...overrides,
});
const compoundFields = (overrides: Record<string, unknown> = {}) => ({
  name: fresh('测试小区'),
  communityId: 'c-a',
  location: offset(A, 300, 0),
  households: 300,
  ...overrides,
});

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database({ throwOnNotFound: false } as never);
  const point = (p: LngLat) => db.Geo.Point(p.lng, p.lat);
  const add = (collection: string, docs: object[]) => db.collection(collection).add({ data: docs as never });
  const now = new Date();
  await add('districts', [{ _id: 'd-1', code: '370611', name: '福山区', active: true }]);
  await add('streets', [
    { _id: 's-n', code: 'N', name: '清洋街道', districtId: 'd-1', active: true },
    { _id: 's-s', code: 'S', name: '门楼街道', districtId: 'd-1', active: true },
    // Stored before `active` existed: counts as in use.
    { _id: 's-old', code: 'O', name: '老街道', districtId: 'd-1' },
  ]);
  await add('communities', [
    { _id: 'c-a', code: 'A', name: '清洋社区', streetId: 's-n', location: point(A), households: 1500, active: true },
    { _id: 'c-b', code: 'B', name: '河滨社区', streetId: 's-n', location: point(B), households: 1000, active: true },
    { _id: 'c-far', code: 'F', name: '门楼社区', streetId: 's-s', location: point(FAR), households: 800, active: true },
  ]);
  await add('compounds', [
    { _id: 'k-1', name: '东苑小区', communityId: 'c-a', streetId: 's-n', location: point(offset(A, 100, 0)), households: 500, active: true },
    { _id: 'k-b', name: '河滨小区', communityId: 'c-b', streetId: 's-n', location: point(offset(B, 100, 0)), households: 500, active: true },
  ]);
  await add('stations', [
    {
      _id: 'st-a',
      name: '清洋社区党群服务站',
      level: 'community',
      streetId: 's-n',
      communityId: 'c-a',
      address: '清洋社区',
      location: point(A),
      phone: '0535-6300000',
      services: ['图书'],
      openingHours: {},
      exceptions: [],
      active: true,
    },
  ]);
  // t-1: led by LEADER (an account) and one listed leader; a schedule serving every day.
  await createOpenTeam(db, 't-1', 'c-a');
  await db
    .collection('teams')
    .doc('t-1')
    .update({
      data: {
        name: '福老汇理发队',
        leaders: [
          { name: '张队长', openid: LEADER, phone: '13905350001' },
          { name: '李队长', openid: null, phone: '13905350002' },
        ],
        contactPhone: null,
        active: true,
      },
    });
  await createOpenTeam(db, 't-b', 'c-b');
  const user = (_id: string, roles: Parameters<typeof storedRoles>[0]) => ({
    _id,
    name: `用户${_id.slice(4)}`,
    phone: '13800000000',
    communityId: 'c-a',
    ...storedRoles(roles),
    createdAt: now,
    updatedAt: now,
  });
  await add('users', [
    user(ADMIN, { admin: true }),
    user(STAFF_A, { staffOf: ['c-a'] }),
    user(STAFF_B, { staffOf: ['c-b'] }),
    user(LEADER, { leaderOf: ['t-1'] }),
    user(RESIDENT, {}),
  ]);
});
afterAll(() => cloud?.stop());

describe('who may do what', () => {
  /** Each action with an input that succeeds for those allowed, and who they are. */
  const cases: Array<{ action: string; input: () => object; allowed: string[]; refusedAs?: Record<string, string> }> = [
    { action: 'listDistricts', input: () => ({}), allowed: [ADMIN, STAFF_A, STAFF_B] },
    { action: 'listStreets', input: () => ({ districtId: 'd-1' }), allowed: [ADMIN] },
    { action: 'listCommunities', input: () => ({}), allowed: [ADMIN, STAFF_A, STAFF_B] },
    { action: 'listCompounds', input: () => ({ communityId: 'c-a' }), allowed: [ADMIN, STAFF_A] },
    { action: 'listTeams', input: () => ({ communityId: 'c-a' }), allowed: [ADMIN, STAFF_A] },
    { action: 'saveDistrict', input: () => ({ code: fresh('D'), name: fresh('区') }), allowed: [ADMIN] },
    { action: 'saveStreet', input: () => ({ code: fresh('S'), name: fresh('街道'), districtId: 'd-1' }), allowed: [ADMIN] },
    {
      action: 'saveCommunity',
      input: () => ({ code: fresh('C'), name: fresh('社区'), streetId: 's-n', location: offset(A, 0, -2000), households: 900 }),
      allowed: [ADMIN],
    },
    { action: 'saveCompound', input: () => compoundFields(), allowed: [ADMIN, STAFF_A] },
    { action: 'saveTeam', input: () => teamFields(), allowed: [ADMIN, STAFF_A] },
    {
      action: 'updateTeamProfile',
      input: () => ({ teamId: 't-1', description: fresh('介绍'), contactPhone: '0535-6400009' }),
      allowed: [ADMIN, STAFF_A, LEADER],
    },
    { action: 'setCompoundActive', input: () => ({ compoundId: 'k-1', active: true, reason: '' }), allowed: [ADMIN, STAFF_A] },
    { action: 'setTeamActive', input: () => ({ teamId: 't-1', active: true, reason: '' }), allowed: [ADMIN, STAFF_A] },
    { action: 'setCommunityActive', input: () => ({ communityId: 'c-a', active: true, reason: '' }), allowed: [ADMIN] },
    { action: 'setStreetActive', input: () => ({ streetId: 's-n', active: true, reason: '' }), allowed: [ADMIN] },
    { action: 'setDistrictActive', input: () => ({ districtId: 'd-1', active: true, reason: '' }), allowed: [ADMIN] },
    { action: 'listChanges', input: () => ({}), allowed: [ADMIN] },
  ];

  test.each(cases)('$action', async ({ action, input }) => {
    const allowed = cases.find((c) => c.action === action)!.allowed;
    for (const who of EVERYONE) {
      const before = await count('audit_log');
      const answer = await call(action, input(), who);
      expect([who, outcome(answer)]).toEqual([who, allowed.includes(who) ? 'ok' : 'FORBIDDEN']);
      // A refusal writes nothing.
      if (!answer.ok) expect(await count('audit_log')).toBe(before);
    }
  });

  test('without a WeChat identity: UNAUTHENTICATED', async () => {
    const { body } = await (
      await import('../helpers/cloud')
    ).callFunction<{ result: ActionAnswer }>(cloud.url, 'registry', { action: 'listDistricts', input: {} });
    expect(outcome(body.result)).toBe('UNAUTHENTICATED');
  });

  test('staff cannot move a compound or team out of their community, nor into another', async () => {
    const compound = expectOk(await call('saveCompound', compoundFields(), STAFF_A));
    const away = await call(
      'saveCompound',
      { compoundId: compound.id, ...compoundFields({ name: compound.name, communityId: 'c-b', location: offset(B, 200, 0) }) },
      STAFF_A,
    );
    expect(outcome(away)).toBe('FORBIDDEN');
    expect(outcome(await call('saveCompound', { compoundId: 'k-b', ...compoundFields({ communityId: 'c-a' }) }, STAFF_A))).toBe('FORBIDDEN');
    expect(outcome(await call('saveTeam', { teamId: 't-b', ...teamFields() }, STAFF_A))).toBe('FORBIDDEN');
    expect(outcome(await call('updateTeamProfile', { teamId: 't-b', description: '', contactPhone: '' }, LEADER))).toBe('FORBIDDEN');
    expect(outcome(await call('setCompoundActive', { compoundId: 'k-b', active: false, reason: '测试' }, STAFF_A))).toBe('FORBIDDEN');
    expect((await doc('compounds', compound.id)).communityId).toBe('c-a');
  });
});

describe('saving', () => {
  test('a street: created, edited, audited with before and after; the same values again record nothing', async () => {
    const street = expectOk(await call('saveStreet', { code: ' 370611009 ', name: '  高疃街道 ', districtId: 'd-1' }, ADMIN));
    expect(street).toEqual({ id: expect.any(String), code: '370611009', name: '高疃街道', districtId: 'd-1', active: true });
    const renamed = expectOk(await call('saveStreet', { streetId: street.id, code: '370611009', name: '高疃镇', districtId: 'd-1' }, ADMIN));
    expect(renamed.name).toBe('高疃镇');
    expectOk(await call('saveStreet', { streetId: street.id, code: '370611009', name: '高疃镇', districtId: 'd-1' }, ADMIN));
    const audit = await auditOf(street.id);
    expect(audit.map((a) => [a.action, a.kind, a.actor, a.before?.name ?? null, a.after.name])).toEqual([
      ['registry.saveStreet', 'streets', ADMIN, null, '高疃街道'],
      ['registry.saveStreet', 'streets', ADMIN, '高疃街道', '高疃镇'],
    ]);
  });

  test('refusals in the user’s words: bad fields, unknown parents, a natural key taken, a compound far away', async () => {
    const refused = async (action: string, input: object, code: string, text: RegExp) => {
      const before = await count('audit_log');
      const answer = await call(action, input, ADMIN);
      expect([action, outcome(answer), message(answer)]).toEqual([action, code, expect.stringMatching(text)]);
      expect(await count('audit_log')).toBe(before);
    };
    await refused('saveStreet', { code: 'N', name: '', districtId: 'd-1' }, 'BAD_INPUT', /请填写街道名称/);
    await refused('saveStreet', { code: 'N', name: '重复街道', districtId: 'd-1' }, 'CONFLICT', /已经有代码为 N 的街道/);
    await refused('saveStreet', { code: 'X1', name: '新街道', districtId: 'd-none' }, 'NOT_FOUND', /没有找到这个区/);
    await refused('saveCommunity', { code: 'A', name: '新社区', streetId: 's-n', location: A, households: 1 }, 'CONFLICT', /代码为 A 的社区/);
    await refused('saveCommunity', { code: 'A9', name: '新社区', streetId: 's-none', location: A, households: 1 }, 'NOT_FOUND', /没有找到这个街道/);
    await refused('saveCommunity', { code: 'A9', name: '新社区', streetId: 's-n', location: A, households: -5 }, 'BAD_INPUT', /户数不能是负数/);
    await refused('saveCompound', compoundFields({ name: '东苑小区' }), 'CONFLICT', /叫“东苑小区”的小区/);
    await refused('saveCompound', compoundFields({ location: offset(A, 6000, 0) }), 'BAD_INPUT', /超过 5 公里/);
    await refused('saveCompound', compoundFields({ communityId: 'c-none' }), 'NOT_FOUND', /没有找到这个社区/);
    await refused('saveCompound', { compoundId: 'k-none', ...compoundFields() }, 'NOT_FOUND', /没有找到这个小区/);
    await refused('saveTeam', teamFields({ name: '福老汇理发队' }), 'CONFLICT', /叫“福老汇理发队”的服务队/);
    await refused('saveTeam', teamFields({ contactPhone: '12345' }), 'BAD_INPUT', /联系电话格式不正确/);
    await refused('saveTeam', teamFields({ services: [] }), 'BAD_INPUT', /请至少填写一项服务内容/);
    await refused('updateTeamProfile', { teamId: 't-none', description: '', contactPhone: '' }, 'NOT_FOUND', /没有找到这个服务队/);
    await refused('listChanges', { target: 't-1' }, 'BAD_INPUT', /请先选择对象的种类/);
  });

  test('a compound moved to another community takes its street', async () => {
    const compound = expectOk(await call('saveCompound', compoundFields(), ADMIN));
    expect(compound.streetId).toBe('s-n');
    const moved = expectOk(
      await call('saveCompound', { compoundId: compound.id, ...compoundFields({ name: compound.name, communityId: 'c-far', location: FAR }) }, ADMIN),
    );
    expect([moved.communityId, moved.streetId]).toEqual(['c-far', 's-s']);
    expect((await doc('compounds', compound.id)).streetId).toBe('s-s');
  });

  test('a community moved to another street takes its compounds and stations along', async () => {
    const community = expectOk(
      await call('saveCommunity', { code: 'MV1', name: '搬家社区', streetId: 's-n', location: offset(A, 0, -1000), households: 600 }, ADMIN),
    );
    const compound = expectOk(await call('saveCompound', compoundFields({ communityId: community.id, location: offset(A, 0, -1200) }), ADMIN));
    const moved = expectOk(
      await call(
        'saveCommunity',
        { communityId: community.id, code: 'MV1', name: '搬家社区', streetId: 's-s', location: offset(A, 0, -1000), households: 600 },
        ADMIN,
      ),
    );
    expect(moved.streetId).toBe('s-s');
    expect((await doc('compounds', compound.id)).streetId).toBe('s-s');
  });

  test('a team: listed leaders replaced, leaders holding the role kept; a rename shows on coming bookings, not past ones', async () => {
    const today = chinaDate(new Date());
    await insertBooking(
      db,
      { id: 't-1', name: '福老汇理发队', communityId: 'c-a', address: '测试' },
      { id: 'bk-past', openid: RESIDENT, date: addDays(today, -3), startTime: '09:00', status: 'attended', checkInCode: 'PAST0001', capacity: 10 },
    );
    await insertBooking(
      db,
      { id: 't-1', name: '福老汇理发队', communityId: 'c-a', address: '测试' },
      { id: 'bk-next', openid: RESIDENT, date: addDays(today, 2), startTime: '10:00', status: 'confirmed', checkInCode: 'NEXT0001', capacity: 10 },
    );
    const saved = expectOk(
      await call(
        'saveTeam',
        {
          teamId: 't-1',
          ...teamFields({
            name: '福老汇爱心理发队',
            serviceClass: 'haircut',
            services: ['理发'],
            leaders: [
              { name: '王队长', phone: '13905350003' },
              { name: '张队长', phone: '13905350001' },
            ],
          }),
        },
        STAFF_A,
      ),
    );
    expect(saved.leaders).toEqual([
      { name: '张队长', phone: '13905350001', hasAccount: true },
      { name: '王队长', phone: '13905350003', hasAccount: false },
    ]);
    expect((await doc('teams', 't-1')).schedule).not.toBeNull();
    expect((await doc('bookings', 'bk-next')).teamName).toBe('福老汇爱心理发队');
    expect((await doc('bookings', 'bk-past')).teamName).toBe('福老汇理发队');
    const team = expectOk(await callFn('service', 'getTeam', { teamId: 't-1' }, RESIDENT));
    expect(team).toMatchObject({ name: '福老汇爱心理发队', contactPhone: '0535-6400001', leaders: ['张队长', '王队长'], active: true });
    // The leader sees the list with the others' phones masked.
    const byLeader = expectOk(await call('updateTeamProfile', { teamId: 't-1', description: '每月第一个周六义务理发', contactPhone: '13805351002' }, LEADER));
    expect(byLeader.leaders[1]).toEqual({ name: '王队长', phone: '139****0003', hasAccount: false });
    expect(expectOk(await callFn('service', 'getTeam', { teamId: 't-1' }, RESIDENT))).toMatchObject({
      description: '每月第一个周六义务理发',
      contactPhone: '13805351002',
    });
    const audit = await auditOf('t-1');
    expect(audit.slice(-1)[0]).toMatchObject({
      action: 'registry.updateTeamProfile',
      actor: LEADER,
      before: { contactPhone: '0535-6400001' },
      after: { description: '每月第一个周六义务理发', contactPhone: '13805351002' },
    });
  });
});

describe('deactivating', () => {
  test('a reason is required, and a parent keeps no active children', async () => {
    expect(message(await call('setCompoundActive', { compoundId: 'k-1', active: false, reason: ' ' }, STAFF_A))).toBe('请填写停用原因');
    const busy = await call('setCommunityActive', { communityId: 'c-b', active: false, reason: '合并' }, ADMIN);
    expect([outcome(busy), message(busy)]).toEqual(['CONFLICT', expect.stringMatching(/还有 1 个在用的小区/)]);
    expect(outcome(await call('setStreetActive', { streetId: 's-s', active: false, reason: '合并' }, ADMIN))).toBe('CONFLICT');
  });

  test('a team with coming bookings waits for its days to be cancelled', async () => {
    const answer = await call('setTeamActive', { teamId: 't-1', active: false, reason: '解散' }, ADMIN);
    expect([outcome(answer), message(answer)]).toEqual(['CONFLICT', expect.stringMatching(/还有 1 个未到期的预约/)]);
  });

  test('deactivated things leave residents’ lists and pickers, keep their history, and take no bookings', async () => {
    const before = expectOk(await callFn('service', 'listTeams', { communityId: 'c-b' }, RESIDENT));
    expect(before.items.map((t: any) => t.id)).toEqual(['t-b']);
    const stopped = expectOk(await call('setTeamActive', { teamId: 't-b', active: false, reason: '队员都搬走了' }, STAFF_B));
    expect(stopped.active).toBe(false);
    // Again: nothing changes, nothing recorded.
    expectOk(await call('setTeamActive', { teamId: 't-b', active: false, reason: '再停一次' }, STAFF_B));
    expect((await auditOf('t-b')).map((a) => [a.action, a.reason, a.before, a.after])).toEqual([
      ['registry.deactivate', '队员都搬走了', { active: true }, { active: false }],
    ]);
    expect(expectOk(await callFn('service', 'listTeams', { communityId: 'c-b' }, RESIDENT)).items).toEqual([]);
    const page = expectOk(await callFn('service', 'getTeam', { teamId: 't-b' }, RESIDENT));
    expect([page.active, page.upcoming]).toEqual([false, []]);
    const tomorrow = addDays(chinaDate(new Date()), 1);
    const booking = await callFn('booking', 'book', { teamId: 't-b', date: tomorrow, startTime: '09:00' }, RESIDENT);
    expect([outcome(booking), message(booking)]).toEqual(['CLOSED', '这个服务队已停用，不再接受预约']);
    // Still listed for its keepers.
    expect(expectOk(await call('listTeams', { communityId: 'c-b' }, STAFF_B)).items.map((t: any) => [t.id, t.active])).toEqual([['t-b', false]]);

    expectOk(await call('setCompoundActive', { compoundId: 'k-b', active: false, reason: '并入河滨小区' }, STAFF_B));
    expectOk(await call('setCommunityActive', { communityId: 'c-b', active: false, reason: '并入清洋社区' }, ADMIN));
    const communities = expectOk(await callFn('directory', 'listCommunities', {}, RESIDENT)).map((c: any) => c.id);
    expect(communities).not.toContain('c-b');
    expect(communities).toContain('c-a');
    // A child goes back into use only under a parent in use.
    const revived = await call('setTeamActive', { teamId: 't-b', active: true, reason: '' }, ADMIN);
    expect([outcome(revived), message(revived)]).toEqual(['CONFLICT', expect.stringMatching(/所选的社区已停用/)]);
    expect(outcome(await call('saveCompound', compoundFields({ communityId: 'c-b', location: B }), ADMIN))).toBe('CONFLICT');
    expectOk(await call('setCommunityActive', { communityId: 'c-b', active: true, reason: '' }, ADMIN));
    expectOk(await call('setTeamActive', { teamId: 't-b', active: true, reason: '' }, ADMIN));
    expect(expectOk(await callFn('service', 'listTeams', { communityId: 'c-b' }, RESIDENT)).items.map((t: any) => t.id)).toEqual(['t-b']);
  });

  test('streets: the legacy one without `active` is listed; a deactivated one is not', async () => {
    const empty = expectOk(await call('saveStreet', { code: 'EMPTY', name: '空街道', districtId: 'd-1' }, ADMIN));
    expectOk(await call('setStreetActive', { streetId: empty.id, active: false, reason: '撤并' }, ADMIN));
    const names = expectOk(await callFn('directory', 'listStreets', {}, RESIDENT)).map((s: any) => s.name);
    expect(names).toContain('老街道');
    expect(names).not.toContain('空街道');
    expect(expectOk(await call('listStreets', {}, ADMIN)).find((s: any) => s.id === empty.id).active).toBe(false);
  });
});

describe('lists', () => {
  test('a community’s compounds, by name, paged, inactive ones too', async () => {
    for (const name of ['甲小区', '乙小区', '丙小区'])
      expectOk(await call('saveCompound', compoundFields({ name, communityId: 'c-far', location: FAR }), ADMIN));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(await call('listCompounds', { communityId: 'c-far', pageSize: 2, ...(cursor ? { cursor } : {}) }, ADMIN));
      seen.push(...page.items.map((c: any) => c.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(['甲小区', '乙小区', '丙小区']));
  });

  test('staff see their own communities only', async () => {
    expect(expectOk(await call('listCommunities', {}, STAFF_A)).map((c: any) => c.id)).toEqual(['c-a']);
  });
});

describe('the audit log for admins', () => {
  test('newest first, by person, by kind, by object, paged', async () => {
    const all = expectOk(await call('listChanges', { pageSize: 50 }, ADMIN));
    const ats = all.items.map((e: any) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const byLeader = expectOk(await call('listChanges', { actor: LEADER }, ADMIN));
    expect(byLeader.items.length).toBeGreaterThan(0);
    expect(byLeader.items.every((e: any) => e.actor === LEADER && e.actorName === '用户leader')).toBe(true);
    const profile = byLeader.items.find((e: any) => e.action === 'registry.updateTeamProfile');
    expect(profile.changes).toEqual(expect.arrayContaining([{ field: 'contactPhone', before: '0535-6400001', after: '13805351002' }]));
    const teams = expectOk(await call('listChanges', { kind: 'teams', pageSize: 50 }, ADMIN));
    expect(teams.items.every((e: any) => e.kind === 'teams')).toBe(true);
    const oneTeam = expectOk(await call('listChanges', { kind: 'teams', target: 't-b' }, ADMIN));
    expect(oneTeam.items.map((e: any) => e.action)).toEqual(['registry.activate', 'registry.deactivate']);
    expect(oneTeam.items[1]).toMatchObject({ reason: '队员都搬走了', changes: [{ field: 'active', before: '是', after: '否' }] });
    const staffTeams = expectOk(await call('listChanges', { kind: 'teams', actor: STAFF_A }, ADMIN));
    expect(staffTeams.items.every((e: any) => e.kind === 'teams' && e.actor === STAFF_A)).toBe(true);
    // Paged without loss or repeat.
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(await call('listChanges', { pageSize: 3, ...(cursor ? { cursor } : {}) }, ADMIN));
      ids.push(...page.items.map((e: any) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await count('audit_log', { at: db.command.exists(true) }));
  });
});
