import type { LngLat, Roles } from '../../contract';
import { EARTH_RADIUS_METRES } from '../../rules/geo';
import { ActionAnswer, callAction, expectOk, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { storedRoles } from '../helpers/roles';

/**
 * Staff and admins keep the stations (`stations.listForStaff`, `save`, `setActive`) and see the 15-minute
 * circle's coverage (`stations.coverage`), called as the app calls them, on a small hand-built map whose
 * distances are known: compounds at 100, 900, 950 and 2,000 m from their community's station.
 */

let cloud: TestCloud;
type Database = ReturnType<(typeof import('wx-server-sdk'))['database']>;
let db: Database;

const ADMIN = 'st-admin';
const STAFF_A = 'staff-a';
const STAFF_B = 'staff-b';
const LEADER = 'leader-x';
const RESIDENT = 'resident-x';

/** A point `north` and `east` metres from `from`, on the sphere rules/geo.ts measures on. */
function offset(from: LngLat, north: number, east: number): LngLat {
  const toDegrees = (metres: number) => ((metres / EARTH_RADIUS_METRES) * 180) / Math.PI;
  return { lng: from.lng + toDegrees(east) / Math.cos((from.lat * Math.PI) / 180), lat: from.lat + toDegrees(north) };
}

const A = { lng: 121.26, lat: 37.5 };
const B = offset(A, 0, 3000);
const FAR = { lng: 121.4, lat: 37.4 };

const call = (action: string, input: unknown, openid: string) => callAction(cloud.url, 'stations', action, input, openid);
const refusal = (answer: ActionAnswer) => (answer.ok ? 'ok' : answer.code);

const weekdays = { open: '08:30', close: '12:00' };
function fields(overrides: Record<string, unknown> = {}) {
  return {
    name: '南苑小区党群服务站',
    level: 'compound',
    communityId: 'c-a',
    streetId: null,
    address: '福山区南苑小区 3 号楼',
    location: offset(A, -950, 0),
    phone: '0535-6300001',
    services: ['图书', '理发', '图书'],
    openingHours: { '1': [weekdays, { open: '13:30', close: '17:30' }], '2': [weekdays] },
    exceptions: [{ date: '2026-10-01', periods: [], note: '国庆休息' }],
    ...overrides,
  };
}

async function count(collection: string, where: object = {}): Promise<number> {
  const { total } = (await db.collection(collection).where(where).count()) as unknown as { total: number };
  return total;
}
async function auditOf(target: string): Promise<any[]> {
  const { data } = (await db.collection('audit_log').where({ target }).orderBy('at', 'asc').get()) as unknown as { data: any[] };
  return data;
}

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database();
  const point = (p: LngLat) => db.Geo.Point(p.lng, p.lat);
  const add = (collection: string, docs: object[]) => db.collection(collection).add({ data: docs as never });
  const now = new Date();
  const user = (_id: string, roles: Partial<Roles> = {}) => ({
    _id,
    name: '测试用户',
    phone: '13800000000',
    communityId: 'c-a',
    ...storedRoles(roles),
    createdAt: now,
    updatedAt: now,
  });
  await add('streets', [
    { _id: 's-north', code: 'N', name: '清洋街道' },
    { _id: 's-south', code: 'S', name: '门楼街道' },
  ]);
  await add('communities', [
    { _id: 'c-a', code: 'A', name: '清洋社区', streetId: 's-north', location: point(A), households: 1500 },
    { _id: 'c-b', code: 'B', name: '河滨社区', streetId: 's-north', location: point(B), households: 1000 },
    { _id: 'c-far', code: 'F', name: '门楼社区', streetId: 's-south', location: point(FAR), households: 800 },
  ]);
  const compound = (_id: string, name: string, communityId: string, streetId: string, at: LngLat, households: number) => ({
    _id,
    name,
    communityId,
    streetId,
    location: point(at),
    households,
  });
  await add('compounds', [
    compound('k-near', '东苑小区', 'c-a', 's-north', offset(A, 100, 0), 500),
    compound('k-900', '北苑小区', 'c-a', 's-north', offset(A, 900, 0), 400),
    compound('k-950', '南苑小区', 'c-a', 's-north', offset(A, -950, 0), 300),
    compound('k-east', '东郊新村', 'c-a', 's-north', offset(A, 0, 2000), 300),
    compound('k-far', '门楼新村', 'c-far', 's-south', FAR, 800),
  ]);
  const hours = { '1': [weekdays] };
  const station = (_id: string, name: string, level: string, streetId: string, communityId: string | null, at: LngLat, active = true) => ({
    _id,
    name,
    level,
    streetId,
    communityId,
    address: `福山区${name}`,
    location: point(at),
    phone: '0535-6300000',
    services: ['图书'],
    openingHours: hours,
    exceptions: [],
    active,
  });
  await add('stations', [
    station('st-a', '清洋社区党群服务站', 'community', 's-north', 'c-a', A),
    // Being refurbished: right beside 东郊新村, but inactive, so it covers nobody.
    station('st-east', '东郊新村党群服务站', 'compound', 's-north', 'c-a', offset(A, 0, 2000), false),
    station('st-street', '清洋街道党群服务中心', 'street', 's-north', null, offset(A, 0, 7000)),
    station('st-b', '河滨社区党群服务站', 'community', 's-north', 'c-b', offset(B, 0, 4500)),
  ]);
  await add('users', [
    user(ADMIN, { admin: true }),
    user(STAFF_A, { staffOf: ['c-a'] }),
    user(STAFF_B, { staffOf: ['c-b'] }),
    user(LEADER, { leaderOf: ['t-x'] }),
    user(RESIDENT),
  ]);
});
afterAll(() => cloud?.stop());

describe('coverage of the 15-minute circle', () => {
  const kEast = {
    id: 'k-east',
    kind: 'compound',
    households: 300,
    nearest: { id: 'st-a', name: '清洋社区党群服务站', walkingMetres: expect.closeTo(2600, -0.5), walkingMinutes: 33 },
  };
  const k950 = {
    id: 'k-950',
    kind: 'compound',
    households: 300,
    nearest: { id: 'st-a', name: '清洋社区党群服务站', walkingMetres: expect.closeTo(1235, -0.5), walkingMinutes: 16 },
  };
  const cB = {
    id: 'c-b',
    kind: 'community',
    name: '河滨社区',
    communityName: '河滨社区',
    households: 1000,
    nearest: expect.objectContaining({ id: 'st-a', walkingMinutes: 49 }),
  };

  test('a community: 900 m away is covered, 950 m is not; an inactive station covers nobody; most households first, then by name', async () => {
    const coverage = expectOk(await call('coverage', { communityId: 'c-a' }, ADMIN));
    expect(coverage).toEqual({
      households: 1500,
      coveredHouseholds: 900,
      areasChecked: 4,
      // Equal households: 东郊新村 before 南苑小区 (names in code-unit order).
      uncovered: [expect.objectContaining({ ...kEast, communityName: '清洋社区', covered: false }), expect.objectContaining({ ...k950, name: '南苑小区' })],
    });
    expect(expectOk(await call('coverage', {}, STAFF_A))).toEqual(coverage);
  });

  test('a street counts a community with no compounds as a whole; the district names no station beyond 5 km', async () => {
    const street = expectOk(await call('coverage', { streetId: 's-north' }, ADMIN));
    expect(street).toMatchObject({ households: 2500, coveredHouseholds: 900, areasChecked: 5 });
    expect(street.uncovered).toEqual([expect.objectContaining(cB), expect.objectContaining(kEast), expect.objectContaining(k950)]);
    const district = expectOk(await call('coverage', {}, ADMIN));
    expect(district).toMatchObject({ households: 3300, coveredHouseholds: 900, areasChecked: 6 });
    expect(district.uncovered.map((u: { id: string }) => u.id)).toEqual(['c-b', 'k-far', 'k-east', 'k-950']);
    expect(district.uncovered[1]).toMatchObject({ name: '门楼新村', communityName: '门楼社区', nearest: null, covered: false });
  });

  test('staff see their own community only; residents and leaders nothing; unknown places are NOT_FOUND', async () => {
    expect(refusal(await call('coverage', { communityId: 'c-b' }, STAFF_A))).toBe('FORBIDDEN');
    expect(refusal(await call('coverage', { streetId: 's-north' }, STAFF_A))).toBe('FORBIDDEN');
    expect(refusal(await call('coverage', { communityId: 'c-b' }, STAFF_B))).toBe('ok');
    for (const openid of [RESIDENT, LEADER]) expect(refusal(await call('coverage', {}, openid))).toBe('FORBIDDEN');
    expect(refusal(await call('coverage', { communityId: 'c-none' }, ADMIN))).toBe('NOT_FOUND');
    expect(refusal(await call('coverage', { streetId: 's-none' }, ADMIN))).toBe('NOT_FOUND');
    expect(await call('coverage', { communityId: 'c-a', streetId: 's-north' }, ADMIN)).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      message: '请只选择一个街道或一个社区',
    });
  });
});

describe('saving a station', () => {
  test('staff create a compound station in their community: active, in its street, audited; the gap it fills is covered', async () => {
    const before = await count('audit_log');
    const station = expectOk(await call('save', fields(), STAFF_A));
    expect(station).toMatchObject({
      name: '南苑小区党群服务站',
      level: 'compound',
      communityId: 'c-a',
      streetId: 's-north',
      active: true,
      services: ['图书', '理发'],
    });
    expect(station.exceptions).toEqual([{ date: '2026-10-01', periods: [], note: '国庆休息' }]);
    expect(station.location.lat).toBeCloseTo(offset(A, -950, 0).lat, 6);
    expect(await count('audit_log')).toBe(before + 1);
    expect(await auditOf(station.id)).toEqual([
      expect.objectContaining({
        actor: STAFF_A,
        action: 'stations.create',
        before: null,
        after: expect.objectContaining({ name: '南苑小区党群服务站', active: true }),
        at: expect.any(Date),
      }),
    ]);
    const coverage = expectOk(await call('coverage', {}, STAFF_A));
    expect(coverage).toMatchObject({ coveredHouseholds: 1200, uncovered: [expect.objectContaining({ id: 'k-east' })] });
  });

  test('an admin edits any station; the change is audited with what it was', async () => {
    const saved = expectOk(
      await call('save', { ...fields({ name: '清洋社区党群服务站（新址）', level: 'community', location: A }), stationId: 'st-a' }, ADMIN),
    );
    expect(saved).toMatchObject({ id: 'st-a', name: '清洋社区党群服务站（新址）', active: true });
    expect(await auditOf('st-a')).toEqual([
      expect.objectContaining({
        actor: ADMIN,
        action: 'stations.update',
        before: expect.objectContaining({ name: '清洋社区党群服务站' }),
        after: expect.objectContaining({ name: '清洋社区党群服务站（新址）' }),
      }),
    ]);
    const street = expectOk(
      await call(
        'save',
        fields({ name: '清洋街道党群服务中心', level: 'street', communityId: null, streetId: 's-north', location: offset(A, 0, 7000) }),
        ADMIN,
      ),
    );
    expect(street).toMatchObject({ level: 'street', communityId: null, streetId: 's-north' });
  });

  test('staff may not keep another community’s stations, move one away, or keep stations above their community', async () => {
    const [stations, audits] = [await count('stations'), await count('audit_log')];
    const refusals = [
      await call('save', fields({ communityId: 'c-b', location: B }), STAFF_A),
      await call('save', fields({ level: 'street', communityId: null, streetId: 's-north' }), STAFF_A),
      await call('save', { ...fields({ communityId: 'c-b', location: B }), stationId: 'st-a' }, STAFF_A),
      await call('save', { ...fields({ communityId: 'c-b', location: B }), stationId: 'st-a' }, STAFF_B),
      await call('save', { ...fields({ level: 'community' }), stationId: 'st-street' }, STAFF_A),
      await call('save', fields(), RESIDENT),
      await call('save', fields(), LEADER),
    ];
    expect(refusals.map(refusal)).toEqual(Array(7).fill('FORBIDDEN'));
    expect(refusals[2]).toMatchObject({ message: '社区工作者只能维护本社区的社区级和小区级服务站' });
    expect(refusals[3]).toMatchObject({ message: '这个服务站不归您维护' });
    expect([await count('stations'), await count('audit_log')]).toEqual([stations, audits]);
    expect(expectOk(await call('listForStaff', { communityId: 'c-a' }, ADMIN)).items.find((s: { id: string }) => s.id === 'st-a')).toMatchObject({
      communityId: 'c-a',
    });
  });

  test('inconsistent or mistaken fields are BAD_INPUT in Chinese and write nothing', async () => {
    const [stations, audits] = [await count('stations'), await count('audit_log')];
    const cases: Array<[Record<string, unknown>, string | RegExp]> = [
      [fields({ level: 'street', communityId: 'c-a', streetId: 's-north' }), '区级和街道级服务站不属于某个社区，请不要选择社区'],
      [fields({ level: 'district', communityId: null, streetId: null }), '区级和街道级服务站要选择所在街道'],
      [fields({ communityId: null }), '社区级和小区级服务站要选择所属社区'],
      [fields({ streetId: 's-south' }), '所选街道和社区所在的街道不一致'],
      [fields({ openingHours: { '3': [weekdays, { open: '11:00', close: '14:00' }] } }), '周三的时段 08:30–12:00 和 11:00–14:00 重叠了'],
      [
        fields({
          exceptions: [
            { date: '2026-10-01', periods: [], note: '' },
            { date: '2026-10-01', periods: [], note: '' },
          ],
        }),
        '2026-10-01 有两条特殊安排，请合并成一条',
      ],
      [fields({ location: { lng: 112.26, lat: 37.5 } }), '位置离所属社区超过 5 公里，请检查位置是否选对'],
      [fields({ name: ' ' }), /请填写服务站名称/],
      [fields({ phone: '12' }), /电话号码格式不正确/],
      [fields({ location: { lng: 121.26, lat: 91 } }), /.+/],
    ];
    for (const [input, message] of cases) {
      const answer = await call('save', input, ADMIN);
      expect({ input, answer }).toMatchObject({
        input,
        answer: { ok: false, code: 'BAD_INPUT', message: typeof message === 'string' ? message : expect.stringMatching(message) },
      });
    }
    expect(refusal(await call('save', fields({ communityId: 'c-none' }), ADMIN))).toBe('NOT_FOUND');
    expect(refusal(await call('save', fields({ level: 'street', communityId: null, streetId: 's-none' }), ADMIN))).toBe('NOT_FOUND');
    expect(refusal(await call('save', { ...fields(), stationId: 'st-none' }, ADMIN))).toBe('NOT_FOUND');
    expect([await count('stations'), await count('audit_log')]).toEqual([stations, audits]);
  });
});

describe('deactivating and reactivating', () => {
  /** The stations a resident finds nearest the community's centre (the hand-built map has fewer than a page). */
  const residentsSee = async () => expectOk(await call('nearest', { from: A, pageSize: 50 }, RESIDENT)).items.map((s: { id: string }) => s.id);

  test('a deactivated station is kept, leaves residents’ list and the coverage, and comes back when reactivated', async () => {
    expect(await residentsSee()).toContain('st-a');
    expect(await call('setActive', { stationId: 'st-a', active: false }, STAFF_A)).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '请填写停用原因' });
    const off = expectOk(await call('setActive', { stationId: 'st-a', active: false, reason: '房屋维修' }, STAFF_A));
    expect(off).toMatchObject({ id: 'st-a', active: false });
    expect(await residentsSee()).not.toContain('st-a');
    const staffList = expectOk(await call('listForStaff', {}, STAFF_A)).items;
    expect(staffList.find((s: { id: string }) => s.id === 'st-a')).toMatchObject({ active: false });
    expect(expectOk(await call('listForStaff', { includeInactive: false }, STAFF_A)).items.map((s: { id: string }) => s.id)).not.toContain('st-a');
    // Without its community station, the compounds near it are left out.
    expect(expectOk(await call('coverage', {}, STAFF_A))).toMatchObject({ coveredHouseholds: 300 });

    expectOk(await call('setActive', { stationId: 'st-a', active: true }, ADMIN));
    expect(await residentsSee()).toContain('st-a');
    expect(expectOk(await call('coverage', {}, STAFF_A))).toMatchObject({ coveredHouseholds: 1200 });
    expect((await auditOf('st-a')).slice(1)).toEqual([
      expect.objectContaining({ actor: STAFF_A, action: 'stations.deactivate', reason: '房屋维修', before: { active: true }, after: { active: false } }),
      expect.objectContaining({ actor: ADMIN, action: 'stations.activate', reason: '', after: { active: true } }),
    ]);
  });

  test('setting the state a station already has changes and audits nothing', async () => {
    const audits = await count('audit_log');
    expect(expectOk(await call('setActive', { stationId: 'st-a', active: true }, STAFF_A))).toMatchObject({ active: true });
    expect(await count('audit_log')).toBe(audits);
  });

  test('only keepers of the station may switch it', async () => {
    const audits = await count('audit_log');
    for (const openid of [STAFF_B, RESIDENT, LEADER])
      expect(refusal(await call('setActive', { stationId: 'st-a', active: false, reason: '试试' }, openid))).toBe('FORBIDDEN');
    expect(refusal(await call('setActive', { stationId: 'st-street', active: false, reason: '试试' }, STAFF_A))).toBe('FORBIDDEN');
    expect(refusal(await call('setActive', { stationId: 'st-none', active: false, reason: '试试' }, ADMIN))).toBe('NOT_FOUND');
    expect(await count('audit_log')).toBe(audits);
    expect(await residentsSee()).toContain('st-a');
  });
});

describe('the stations of an area, for staff and admins', () => {
  test('staff list their community’s stations, inactive too, by name; admins every station or one community’s, page by page', async () => {
    const own = expectOk(await call('listForStaff', {}, STAFF_A)).items;
    expect(own.map((s: { communityId: string }) => s.communityId)).toEqual(own.map(() => 'c-a'));
    expect(own.map((s: { name: string }) => s.name)).toEqual([...own.map((s: { name: string }) => s.name)].sort());
    expect(own.find((s: { id: string }) => s.id === 'st-east')).toMatchObject({ active: false });
    expect(refusal(await call('listForStaff', { communityId: 'c-b' }, STAFF_A))).toBe('FORBIDDEN');
    for (const openid of [RESIDENT, LEADER]) expect(refusal(await call('listForStaff', {}, openid))).toBe('FORBIDDEN');

    const all: any[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(await call('listForStaff', { pageSize: 2, ...(cursor ? { cursor } : {}) }, ADMIN));
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(await count('stations'));
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(expectOk(await call('listForStaff', { communityId: 'c-b' }, ADMIN)).items.map((s: { id: string }) => s.id)).toEqual(['st-b']);
    expect(refusal(await call('listForStaff', { cursor: 'forged' }, ADMIN))).toBe('BAD_INPUT');
  });
});
