import { toLngLat } from '../../cloudfunctions/_shared/docs';
import { generateDemoData, seedDemoData } from '../../demo/seed';
import { NEIGHBOUR_RADIUS_M, TeamSummary } from '../../contract';
import { straightMetres } from '../../rules/geo';
import { nextOccurrences } from '../../rules/recurrence';
import { bySoonestServiceDay } from '../../rules/team-order';
import { callFunction, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * The read functions behind the 服务 and 活动 tabs and the directory, called as the app calls them (through the function
 * host with an OPENID), on a cloud seeded with the demo data. The functions read the real clock, so
 * the data is seeded as of the start of the run; expectations come from the same generator.
 */

let cloud: TestCloud;
const SEEDED_AT = new Date();
const data = generateDemoData(SEEDED_AT);
const RESIDENT = 'demo-resident';

type Result = { ok: true; data: any } | { ok: false; code: string; message: string };
/** `openid` null: a call without a WeChat identity. */
async function call(fn: string, action: string, input: unknown, openid: string | null = RESIDENT): Promise<Result> {
  const { body } = await callFunction<{ result: Result; errMsg: string }>(cloud.url, fn, { action, input }, openid ?? undefined);
  expect(body.errMsg).toBe('cloud.callFunction:ok');
  return body.result;
}
const ok = (r: Result) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data;
};

/** Every item of a paged list, following nextCursor; also how many pages it took. */
async function everyPage(fn: string, action: string, input: Record<string, unknown>): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = ok(await call(fn, action, { ...input, ...(cursor ? { cursor } : {}) }));
    expect(page.items.length).toBeLessThanOrEqual((input.pageSize as number | undefined) ?? 20);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 100);
  return { items, pages };
}

/** The database orders strings by code unit, as `<` does. */
const byKeys =
  <T>(...keys: Array<(item: T) => string | number>) =>
  (a: T, b: T) => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);
const communityName = (id: string) => data.communities.find((c) => c._id === id)!.name;

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  expect(await seedDemoData(sdk.database(), SEEDED_AT)).toEqual({
    districts: 1,
    streets: 4,
    communities: 52,
    compounds: 259,
    stations: 73,
    teams: 206,
    events: 160,
    users: 4,
    event_ledgers: data.event_ledgers.length,
    sign_ups: data.sign_ups.length,
  });
});
afterAll(() => cloud?.stop());

// A shared page's reads (service.getTeam among them) also serve callers without one: shared-pages-for-visitors.test.ts.
describe('every list needs a WeChat identity', () => {
  test.each([
    ['directory', 'listStreets'],
    ['directory', 'listCommunities'],
    ['service', 'listTeams'],
    ['events', 'listUpcoming'],
  ])('%s.%s without an OPENID is UNAUTHENTICATED', async (fn, action) => {
    expect(await call(fn, action, {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  test('a caller without a profile reads like anyone else', async () => {
    expect(ok(await call('directory', 'listStreets', {}, 'demo-stranger'))).toHaveLength(4);
  });
});

describe('directory', () => {
  test('the four streets, by code', async () => {
    expect(ok(await call('directory', 'listStreets', {}))).toEqual([
      { id: 'street-370611001', code: '370611001', name: '清洋街道' },
      { id: 'street-370611002', code: '370611002', name: '福新街道' },
      { id: 'street-370611003', code: '370611003', name: '东厅街道' },
      { id: 'street-370611004', code: '370611004', name: '门楼街道' },
    ]);
  });

  test('all 52 communities by code, with positions as {lng, lat}', async () => {
    const communities = ok(await call('directory', 'listCommunities', {}));
    expect(communities).toHaveLength(52);
    expect(communities).toEqual(
      [...data.communities]
        .sort(byKeys((c) => c.code))
        .map((c) => ({ id: c._id, code: c.code, name: c.name, streetId: c.streetId, location: toLngLat(c.location), households: c.households })),
    );
  });

  test('the communities of one street; none of an unknown one', async () => {
    const fuxin = ok(await call('directory', 'listCommunities', { streetId: 'street-370611002' }));
    expect(fuxin).toHaveLength(13);
    expect(fuxin.every((c: any) => c.streetId === 'street-370611002')).toBe(true);
    expect(ok(await call('directory', 'listCommunities', { streetId: 'street-nowhere' }))).toEqual([]);
  });

  test('the compound nearest a position, with its community; none far outside the district', async () => {
    const compound = data.compounds[17];
    const at = toLngLat(compound.location);
    // A few metres off the compound: it is still the nearest one.
    const near = ok(await call('directory', 'nearestCompound', { position: { lng: at.lng + 0.00003, lat: at.lat } }));
    const nearestInData = [...data.compounds]
      .filter((c) => c.active)
      .sort(byKeys((c) => straightMetres({ lng: at.lng + 0.00003, lat: at.lat }, toLngLat(c.location))))[0];
    expect(near).toEqual({ compoundName: nearestInData.name, communityId: nearestInData.communityId, straightMetres: expect.any(Number) });
    expect(near.straightMetres).toBeLessThan(10);
    // Beijing is not in Fushan.
    expect(ok(await call('directory', 'nearestCompound', { position: { lng: 116.4, lat: 39.9 } }))).toBeNull();
    expect(await call('directory', 'nearestCompound', { position: { lng: 500, lat: 39.9 } })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  test('bad input is refused', async () => {
    expect(await call('directory', 'listCommunities', { streetId: '清洋 街道' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call('directory', 'listStreets', { all: true })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});

describe('service', () => {
  test('206 teams, by name, each exactly once across pages, with community name and next service day', async () => {
    const before = new Date();
    const { items, pages } = await everyPage('service', 'listTeams', { pageSize: 50 });
    const after = new Date();
    expect(pages).toBe(5);
    expect(items).toHaveLength(206);
    expect(new Set(ids(items)).size).toBe(206);
    expect(items).toEqual(
      [...items].sort(
        byKeys(
          (t) => t.name,
          (t) => t.id,
        ),
      ),
    );
    for (const item of items) {
      const team = data.teams.find((t) => t._id === item.id)!;
      expect(item).toMatchObject({
        name: team.name,
        serviceClass: team.serviceClass,
        communityId: team.communityId,
        communityName: communityName(team.communityId),
      });
      // The function read the clock between `before` and `after`.
      const next = (at: Date) => (team.schedule ? (nextOccurrences(team.schedule, at, 1)[0] ?? null) : null);
      expect([next(before), next(after)]).toContainEqual(item.nextOccurrence);
    }
    expect(items.filter((t) => t.nextOccurrence === null).length).toBeLessThan(40);
  });

  test('near home: my community’s teams by next service day, then the neighbours’ (centres within 1.5 km), then the rest by name, each once', async () => {
    const home = data.communities.find((c) => data.teams.filter((t) => t.communityId === c._id).length >= 3)!;
    const homeAt = toLngLat(home.location);
    const neighbourIds = new Set(
      data.communities.filter((c) => c._id !== home._id && straightMetres(homeAt, toLngLat(c.location)) <= NEIGHBOUR_RADIUS_M).map((c) => c._id),
    );
    expect(neighbourIds.size).toBeGreaterThan(0);
    const { items, pages } = await everyPage('service', 'listTeams', { homeCommunityId: home._id, pageSize: 7 });
    expect(items).toHaveLength(206);
    expect(new Set(ids(items)).size).toBe(206);
    expect(pages).toBe(Math.ceil(206 / 7));
    const groupOf = (t: TeamSummary) => (t.communityId === home._id ? 0 : neighbourIds.has(t.communityId) ? 1 : 2);
    const groups = items.map(groupOf);
    expect(groups).toEqual([...groups].sort());
    const [mine, near, rest] = [0, 1, 2].map((g) => items.filter((t) => groupOf(t) === g));
    expect(mine.length).toBe(data.teams.filter((t) => t.communityId === home._id).length);
    expect(near.length).toBeGreaterThan(0);
    // Each near group in the rule's order of what the function answered (the function read the clock once a page).
    expect(mine).toEqual(bySoonestServiceDay(mine));
    expect(near).toEqual(bySoonestServiceDay(near));
    expect(rest).toEqual(
      [...rest].sort(
        byKeys(
          (t) => t.name,
          (t) => t.id,
        ),
      ),
    );

    // A filter keeps the order within what it matches; naming a community lists it alone, by name.
    const haircut = await everyPage('service', 'listTeams', { homeCommunityId: home._id, serviceClass: 'haircut', pageSize: 5 });
    expect(ids(haircut.items)).toEqual(ids(items.filter((t) => t.serviceClass === 'haircut')));
    const named = ok(await call('service', 'listTeams', { homeCommunityId: home._id, communityId: data.communities[1]._id }));
    expect(named.items.every((t: TeamSummary) => t.communityId === data.communities[1]._id)).toBe(true);
    // A name-order cursor is not one of this list's.
    const byName = ok(await call('service', 'listTeams', { pageSize: 1 }));
    expect(await call('service', 'listTeams', { homeCommunityId: home._id, cursor: byName.nextCursor })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  test('by service class, by community, and both', async () => {
    const haircut = await everyPage('service', 'listTeams', { serviceClass: 'haircut', pageSize: 50 });
    expect(haircut.items).toHaveLength(data.teams.filter((t) => t.serviceClass === 'haircut').length);
    expect(haircut.items.every((t) => t.serviceClass === 'haircut')).toBe(true);

    const home = data.communities[0]._id;
    const local = ok(await call('service', 'listTeams', { communityId: home }));
    expect(ids(local.items).sort()).toEqual(
      data.teams
        .filter((t) => t.communityId === home)
        .map((t) => t._id)
        .sort(),
    );
    expect(local.nextCursor).toBeNull();

    const team = data.teams[0];
    const both = ok(await call('service', 'listTeams', { communityId: team.communityId, serviceClass: team.serviceClass }));
    expect(ids(both.items)).toContain(team._id);
    expect(both.items.every((t: any) => t.communityId === team.communityId && t.serviceClass === team.serviceClass)).toBe(true);
  });

  test('a keyword matches the name or the description, ignoring case, literally', async () => {
    const matching = (word: string) =>
      data.teams
        .filter((t) => `${t.name}\n${t.description}`.toLowerCase().includes(word.toLowerCase()))
        .map((t) => t._id)
        .sort();

    const haircuts = await everyPage('service', 'listTeams', { keyword: '理发', pageSize: 50 });
    expect(ids(haircuts.items).sort()).toEqual(matching('理发'));
    expect(haircuts.items.length).toBeGreaterThan(10);

    const brand = await everyPage('service', 'listTeams', { keyword: '福老汇' });
    expect(ids(brand.items).sort()).toEqual(matching('福老汇'));
    expect(brand.items.length).toBeGreaterThan(0);

    // Only in descriptions, and in Latin letters of either case.
    const wifi = ok(await call('service', 'listTeams', { keyword: 'wifi', pageSize: 50 }));
    expect(wifi.items.length).toBeGreaterThan(0);
    expect(ids(wifi.items).sort()).toEqual(matching('WiFi'));
    expect(ids(ok(await call('service', 'listTeams', { keyword: 'WIFI', pageSize: 50 })).items).sort()).toEqual(matching('WiFi'));

    // Regular-expression characters are text: ".*" is not "anything".
    for (const keyword of ['.*', '(', '理发|维修', '[a-z]+', '\\']) {
      expect(ok(await call('service', 'listTeams', { keyword }))).toEqual({ items: [], nextCursor: null });
    }
    // A keyword of spaces is no keyword.
    expect(ok(await call('service', 'listTeams', { keyword: '   ', pageSize: 50 })).items).toHaveLength(50);
  });

  test('a keyword is made one way: full-width letters fold, spaces collapse; control characters are refused in Chinese', async () => {
    expect(ids(ok(await call('service', 'listTeams', { keyword: 'ＷｉＦｉ', pageSize: 50 })).items).sort()).toEqual(
      ids(ok(await call('service', 'listTeams', { keyword: 'wifi', pageSize: 50 })).items).sort(),
    );
    expect(ids(ok(await call('service', 'listTeams', { keyword: '\t福老汇\n ', pageSize: 50 })).items).length).toBeGreaterThan(0);
    for (const keyword of ['理\u0000发', '\u200b理发', '\u0007']) {
      expect(await call('service', 'listTeams', { keyword })).toMatchObject({
        ok: false,
        code: 'BAD_INPUT',
        message: expect.stringContaining('搜索词里有无法识别的字符'),
      });
    }
    expect(await call('stations', 'nearest', { from: { lng: 121.26, lat: 37.5 }, keyword: '站\u0000' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  test('a keyword and a class page together', async () => {
    const { items } = await everyPage('service', 'listTeams', { keyword: '队', serviceClass: 'repair', pageSize: 5 });
    expect(ids(items).sort()).toEqual(
      data.teams
        .filter((t) => t.serviceClass === 'repair' && (t.name + t.description).includes('队'))
        .map((t) => t._id)
        .sort(),
    );
  });

  test('bad input is refused', async () => {
    for (const input of [
      { serviceClass: 'massage' },
      { pageSize: 0 },
      { pageSize: 51 },
      { cursor: 'garbage' },
      { keyword: '一二三四五六七八九十一二三四五六七八九十一' },
      { communityId: '' },
      { sort: 'name' },
    ]) {
      expect({ input, result: await call('service', 'listTeams', input) }).toMatchObject({ input, result: { ok: false, code: 'BAD_INPUT' } });
    }
    // A cursor of another list does not page this one.
    const stations = ok(await call('stations', 'nearest', { from: { lng: 121.26, lat: 37.5 }, pageSize: 1 }));
    const events = ok(await call('events', 'listUpcoming', { pageSize: 1 }));
    for (const cursor of [stations.nextCursor, events.nextCursor]) {
      expect(await call('service', 'listTeams', { cursor })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    }
    const teams = ok(await call('service', 'listTeams', { pageSize: 1 }));
    expect(await call('events', 'listUpcoming', { cursor: teams.nextCursor })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  test('a team in full: services, leader, schedule with its place as {lng, lat}, the next six service days', async () => {
    const team = data.teams[0];
    const before = new Date();
    const detail = ok(await call('service', 'getTeam', { teamId: team._id }));
    const after = new Date();
    const schedule = team.schedule!;
    expect(detail).toMatchObject({
      id: team._id,
      name: team.name,
      communityName: communityName(team.communityId),
      services: team.services,
      leaders: team.leaders.map((leader) => leader.name),
      contactPhone: team.contactPhone,
      active: true,
      schedule: { ...schedule, place: { ...schedule.place, location: schedule.place.location && toLngLat(schedule.place.location) } },
    });
    expect([nextOccurrences(schedule, before, 6), nextOccurrences(schedule, after, 6)]).toContainEqual(detail.upcoming);
    expect(detail.upcoming.length).toBeGreaterThan(0);
    expect(detail.nextOccurrence).toEqual(detail.upcoming[0]);
  });

  test('a team without a schedule has no service days', async () => {
    const team = data.teams.find((t) => t.schedule === null)!;
    expect(ok(await call('service', 'getTeam', { teamId: team._id }))).toMatchObject({ schedule: null, upcoming: [], nextOccurrence: null });
  });

  test('an unknown team is NOT_FOUND; a malformed id BAD_INPUT', async () => {
    expect(await call('service', 'getTeam', { teamId: 'team-999' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: expect.stringContaining('服务队'),
    });
    expect(await call('service', 'getTeam', { teamId: 'team 1' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call('service', 'getTeam', {})).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});

describe('events', () => {
  const upcoming = () => data.events.filter((e) => e.status === 'published' && e.endAt > new Date());

  test('published events that have not ended, soonest first, each exactly once across pages', async () => {
    const { items, pages } = await everyPage('events', 'listUpcoming', { pageSize: 7 });
    expect(items).toHaveLength(104);
    expect(pages).toBe(15);
    expect(new Set(ids(items))).toEqual(new Set(upcoming().map((e) => e._id)));
    expect(items).toEqual(
      [...items].sort(
        byKeys(
          (e) => e.startAt,
          (e) => e.id,
        ),
      ),
    );
    for (const item of items) {
      const event = data.events.find((e) => e._id === item.id)!;
      expect(item).toEqual({
        id: event._id,
        type: event.type,
        title: event.title,
        description: event.description,
        communityId: event.communityId,
        communityName: communityName(event.communityId),
        place: { ...event.place, location: event.place.location && toLngLat(event.place.location) },
        startAt: event.startAt.toISOString(),
        endAt: event.endAt.toISOString(),
        deadline: event.deadline.toISOString(),
        capacity: event.capacity,
        placesLeft: event.capacity - event.taken,
        status: 'published',
      });
    }
  });

  test('of one community, of one type, and both', async () => {
    const home = data.communities[0]._id;
    const local = ok(await call('events', 'listUpcoming', { communityId: home }));
    expect(local.items.map((e: any) => e.type).sort()).toEqual(['banquet', 'market']);
    const banquets = await everyPage('events', 'listUpcoming', { type: 'banquet', pageSize: 50 });
    expect(banquets.items).toHaveLength(52);
    expect(banquets.items.every((e) => e.type === 'banquet' && e.title.includes('百家宴'))).toBe(true);
    const one = ok(await call('events', 'listUpcoming', { communityId: home, type: 'market' }));
    expect(one.items).toHaveLength(1);
    expect(one.items[0]).toMatchObject({ communityId: home, type: 'market', communityName: communityName(home) });
  });

  test('bad input is refused', async () => {
    for (const input of [{ type: 'party' }, { pageSize: 0 }, { cursor: 'garbage' }, { communityId: 'a b' }, { status: 'cancelled' }]) {
      expect({ input, result: await call('events', 'listUpcoming', input) }).toMatchObject({ input, result: { ok: false, code: 'BAD_INPUT' } });
    }
  });

  test('places left count down as places are taken; an event under way still shows until it ends', async () => {
    const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
    const db = sdk.database();
    const [first, second] = upcoming().filter((e) => e.communityId === data.communities[1]._id);
    await db
      .collection('events')
      .doc(first._id)
      .update({ data: { taken: first.capacity - 3 } });
    const now = Date.now();
    await db
      .collection('events')
      .doc(second._id)
      .update({ data: { startAt: new Date(now - 3600_000), endAt: new Date(now + 3600_000) } });
    const items = ok(await call('events', 'listUpcoming', { communityId: data.communities[1]._id })).items;
    expect(items[0]).toMatchObject({ id: second._id, placesLeft: second.capacity - second.taken });
    expect(items.find((e: any) => e.id === first._id)).toMatchObject({ placesLeft: 3 });
    // Once it has ended it is gone.
    await db
      .collection('events')
      .doc(second._id)
      .update({ data: { endAt: new Date(now - 60_000) } });
    expect(ids(ok(await call('events', 'listUpcoming', { communityId: data.communities[1]._id })).items)).toEqual([first._id]);
  });
});
