import { LngLat } from '../../contract';
import { StationDoc, toLngLat } from '../../cloudfunctions/_shared/docs';
import { DEMO_OPENIDS, generateDemoData, seedDemoData } from '../../demo/seed';
import { nextEffectiveOccurrences } from '../../rules/booking';
import { addDays, chinaDate, chinaInstant } from '../../rules/china-time';
import { straightMetres, walkingMetres } from '../../rules/geo';
import { openStateAt } from '../../rules/opening-hours';
import { ActionAnswer, callAction, expectOk, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * `stations` for residents, called as the app calls it (function host, OPENID) on a cloud seeded with
 * the demo data: nearest first in one geoNear aggregate, paging, filters, the 15-minute mark, open now,
 * and one station's page. Functions read the real clock: open-now is checked against the rule at the
 * instants just before and after each call.
 */

let cloud: TestCloud;
let db: ReturnType<(typeof import('wx-server-sdk'))['database']>;
const SEEDED_AT = new Date();
const data = generateDemoData(SEEDED_AT);
const RESIDENT = DEMO_OPENIDS.resident;
const CENTRE: LngLat = { lng: 121.26, lat: 37.5 };

/** `openid` null: a call without a WeChat identity. */
const call = (action: string, input: unknown, openid: string | null = RESIDENT): Promise<ActionAnswer> =>
  callAction(cloud.url, 'stations', action, input, openid ?? undefined);
const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

/** Stations written by tests besides the demo's, so brute force sees what the database holds. */
const extra: StationDoc[] = [];
const allStations = () => [...data.stations, ...extra];

/** Active stations by (straight distance, id) from a point, optionally filtered: what the function must answer. */
function bruteNearest(from: LngLat, filter: (s: StationDoc) => boolean = () => true): Array<{ id: string; d: number }> {
  return allStations()
    .filter((s) => s.active && filter(s))
    .map((s) => ({ id: s._id, d: straightMetres(from, toLngLat(s.location)) }))
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
}

/** Every item of `nearest`, page by page; each page checked against the page size. */
async function everyNearest(input: Record<string, unknown>): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = expectOk(await call('nearest', { ...input, ...(cursor ? { cursor } : {}) }));
    expect(page.items.length).toBeLessThanOrEqual((input.pageSize as number | undefined) ?? 20);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 200);
  return { items, pages };
}

async function addStations(docs: StationDoc[]): Promise<void> {
  extra.push(...docs);
  await db.collection('stations').add({
    data: docs.map((d) => ({ ...d, location: db.Geo.Point(d.location.coordinates[0], d.location.coordinates[1]) })),
  } as never);
}

const testStation = (id: string, location: LngLat, fields: Partial<StationDoc> = {}): StationDoc => ({
  _id: id,
  name: `测试服务站${id}`,
  level: 'community',
  streetId: data.streets[0]._id,
  communityId: data.communities[0]._id,
  address: '福山区测试路1号',
  location: { type: 'Point', coordinates: [location.lng, location.lat] },
  phone: '0535-1234567',
  services: ['图书'],
  openingHours: {},
  exceptions: [],
  active: true,
  ...fields,
});

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database();
  expect((await seedDemoData(db, SEEDED_AT)).stations).toBe(data.stations.length);
}, 60_000);
afterAll(() => cloud?.stop());

describe('nearest', () => {
  test('the first page is the nearest active stations by straight-line distance, as brute force finds them', async () => {
    for (const from of [CENTRE, { lng: 121.23, lat: 37.47 }, toLngLat(data.stations[30].location)]) {
      const page = expectOk(await call('nearest', { from, pageSize: 10 }));
      const expected = bruteNearest(from).slice(0, 10);
      expect(ids(page.items)).toEqual(expected.map((e) => e.id));
      page.items.forEach((item: any, i: number) => expect(item.straightMetres).toBeCloseTo(expected[i].d, 6));
      expect(page.nextCursor).toEqual(expect.any(String));
    }
  });

  test('paging gives every active station once, in order, and ends', async () => {
    const brute = bruteNearest(CENTRE);
    for (const pageSize of [5, 7, 50]) {
      const { items, pages } = await everyNearest({ from: CENTRE, pageSize });
      expect(ids(items)).toEqual(brute.map((b) => b.id));
      expect(pages).toBe(Math.ceil(brute.length / pageSize));
    }
    expect(brute).toHaveLength(data.stations.filter((s) => s.active).length);
  });

  test('inactive stations never appear', async () => {
    const inactive = data.stations.filter((s) => !s.active);
    expect(inactive.length).toBeGreaterThan(0);
    const { items } = await everyNearest({ from: toLngLat(inactive[0].location), pageSize: 50 });
    expect(ids(items)).not.toContain(inactive[0]._id);
    expect(items.every((i: any) => i.active)).toBe(true);
  });

  test('walking distance is 1.3 × the straight line, minutes at 80 m/min rounded up, and the 15-minute mark at 1,200 m', async () => {
    const { items } = await everyNearest({ from: CENTRE, pageSize: 50 });
    for (const item of items) {
      expect(item.walkingMetres).toBeCloseTo(walkingMetres(item.straightMetres), 6);
      expect(item.walkingMinutes).toBe(Math.ceil(item.walkingMetres / 80));
      expect(item.withinCircle).toBe(item.walkingMetres <= 1200);
    }
    expect(items.some((i: any) => i.withinCircle)).toBe(true);
    expect(items.some((i: any) => !i.withinCircle)).toBe(true);
    // Standing at a station: it comes first, 0 m and 0 minutes away.
    const station = data.stations.find((s) => s.level === 'community')!;
    const [first] = expectOk(await call('nearest', { from: toLngLat(station.location), pageSize: 1 })).items;
    expect(first).toMatchObject({ id: station._id, straightMetres: 0, walkingMinutes: 0, withinCircle: true });
  });

  test('of one level, offering one service, matching a name: each as brute force filters', async () => {
    const cases: Array<[Record<string, unknown>, (s: StationDoc) => boolean]> = [
      [{ level: 'community' }, (s) => s.level === 'community'],
      [{ level: 'street' }, (s) => s.level === 'street'],
      [{ service: '理发' }, (s) => s.services.includes('理发')],
      [{ service: '法律咨询', level: 'community' }, (s) => s.services.includes('法律咨询') && s.level === 'community'],
      [{ keyword: '福' }, (s) => s.name.includes('福')],
      [{ keyword: '党群服务中心' }, (s) => s.name.includes('党群服务中心')],
    ];
    for (const [filter, keep] of cases) {
      const { items } = await everyNearest({ from: CENTRE, pageSize: 8, ...filter });
      const expected = bruteNearest(CENTRE, keep).map((b) => b.id);
      expect({ filter, ids: ids(items) }).toEqual({ filter, ids: expected });
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  test('a keyword is matched literally, regular-expression characters included', async () => {
    expect(expectOk(await call('nearest', { from: CENTRE, keyword: '.*' })).items).toEqual([]);
    expect(expectOk(await call('nearest', { from: CENTRE, keyword: '(' })).items).toEqual([]);
    expect(expectOk(await call('nearest', { from: CENTRE, service: '不存在的服务' }))).toEqual({ items: [], nextCursor: null });
  });

  test('open now: each station’s state is the opening-hours rule at the moment of the call', async () => {
    const before = new Date();
    const { items } = expectOk(await call('nearest', { from: CENTRE, pageSize: 50 }));
    const after = new Date();
    for (const item of items) {
      const doc = data.stations.find((s) => s._id === item.id)!;
      expect([openStateAt(doc.openingHours, doc.exceptions, before), openStateAt(doc.openingHours, doc.exceptions, after)]).toContainEqual(item.openState);
    }
  });

  test('a holiday today closes a station open round the clock until tomorrow', async () => {
    const today = chinaDate(new Date());
    const spot = { lng: 121.45, lat: 37.35 };
    const always = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]));
    await addStations([
      testStation('t-holiday', spot, { openingHours: always, exceptions: [{ date: today, periods: [], note: '测试休息' }] }),
      testStation('t-always', { lng: 121.4501, lat: 37.35 }, { openingHours: always }),
    ]);
    const [holiday, open] = expectOk(await call('nearest', { from: spot, pageSize: 2 })).items;
    const tomorrow = addDays(today, 1);
    // Unless the day turns between the two reads, the holiday ends at midnight.
    if (chinaDate(new Date()) === today) {
      expect(holiday).toMatchObject({ id: 't-holiday', openState: { open: false, changesAt: chinaInstant(tomorrow, '00:00').toISOString() } });
    }
    expect(open).toMatchObject({ id: 't-always', openState: { open: true, changesAt: null }, exceptions: [] });
    expect(holiday.exceptions).toEqual([{ date: today, periods: [], note: '测试休息' }]);
  });

  test('stations at the same distance (one building) page in id order, each once, even a group larger than a page', async () => {
    const building = { lng: 121.52, lat: 37.28 };
    const nextDoor = { lng: 121.5203, lat: 37.28 };
    await addStations([
      ...Array.from({ length: 12 }, (_x, i) => testStation(`t-bldg-${String(i).padStart(2, '0')}`, building, { name: `同楼服务站${i}` })),
      ...Array.from({ length: 3 }, (_x, i) => testStation(`t-next-${i}`, nextDoor, { name: `隔壁服务站${i}` })),
    ]);
    const brute = bruteNearest(building).slice(0, 20);
    for (const pageSize of [5, 4, 13]) {
      const items: any[] = [];
      let cursor: string | undefined;
      while (items.length < 20) {
        const page = expectOk(await call('nearest', { from: building, pageSize, ...(cursor ? { cursor } : {}) }));
        expect(page.items.length).toBeGreaterThan(0);
        items.push(...page.items);
        cursor = page.nextCursor;
      }
      expect(ids(items).slice(0, 20)).toEqual(brute.map((b) => b.id));
    }
  });

  test('bad input is BAD_INPUT; no WeChat identity is UNAUTHENTICATED', async () => {
    // A well-formed cursor of another list (the teams) does not page the stations.
    const teams = expectOk(await callAction(cloud.url, 'service', 'listTeams', { pageSize: 1 }, RESIDENT));
    for (const input of [
      {},
      { from: { lng: 200, lat: 37.5 } },
      { from: { lng: 121.26 } },
      { from: CENTRE, pageSize: 0 },
      { from: CENTRE, pageSize: 51 },
      { from: CENTRE, level: 'city' },
      { from: CENTRE, keyword: '站\u0000' },
      { from: CENTRE, keyword: '一二三四五六七八九十一二三四五六七八九十一' },
      { from: CENTRE, cursor: 'not-a-cursor' },
      { from: CENTRE, cursor: teams.nextCursor },
      { from: CENTRE, radius: 1000 },
    ]) {
      expect({ input, answer: await call('nearest', input) }).toMatchObject({ input, answer: { ok: false, code: 'BAD_INPUT' } });
    }
    expect(await call('nearest', { from: CENTRE }, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call('get', { stationId: 'station-district' }, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('a station’s page', () => {
  const now = () => new Date();

  test('the station, open now, the teams serving there with their next days, and the events held there', async () => {
    // The community station with the most teams and events held there.
    const score = (s: StationDoc) =>
      data.teams.filter((t) => t.schedule?.place.stationId === s._id).length + data.events.filter((e) => e.place.stationId === s._id).length;
    const station = [...data.stations].sort((a, b) => score(b) - score(a))[0];
    const before = now();
    const detail = expectOk(await call('get', { stationId: station._id }));
    expect(detail.station).toMatchObject({ id: station._id, name: station.name, exceptions: station.exceptions, openingHours: station.openingHours });
    expect([openStateAt(station.openingHours, station.exceptions, before), openStateAt(station.openingHours, station.exceptions, now())]).toContainEqual(
      detail.openState,
    );

    const teams = data.teams
      .filter((t) => t.schedule?.place.stationId === station._id)
      .map((t) => ({
        id: t._id,
        name: t.name,
        serviceClass: t.serviceClass,
        nextDates: nextEffectiveOccurrences(t.schedule!, t.changes ?? [], before, 3).map((o) => o.date),
      }))
      .filter((t) => t.nextDates.length > 0);
    expect(teams.length).toBeGreaterThan(0);
    expect([...detail.teams].sort((a: any, b: any) => (a.id < b.id ? -1 : 1))).toEqual(teams.sort((a, b) => (a.id < b.id ? -1 : 1)));
    const firstDates = detail.teams.map((t: any) => t.nextDates[0]);
    expect(firstDates).toEqual([...firstDates].sort());

    const events = data.events
      .filter((e) => e.place.stationId === station._id && e.status === 'published' && e.endAt > before)
      .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || (a._id < b._id ? -1 : 1));
    expect(events.length).toBeGreaterThan(0);
    expect(ids(detail.events)).toEqual(events.map((e) => e._id));
    expect(detail.events[0]).toMatchObject({
      title: events[0].title,
      status: 'published',
      communityName: data.communities.find((c) => c._id === events[0].communityId)!.name,
    });
    // Cancelled and finished events held there are not shown.
    const hidden = data.events.filter((e) => e.place.stationId === station._id && (e.status !== 'published' || e.endAt <= before));
    for (const e of hidden) expect(ids(detail.events)).not.toContain(e._id);
  });

  test('a station with no teams or events has empty lists', async () => {
    const quiet = data.stations.find(
      (s) => s.active && !data.teams.some((t) => t.schedule?.place.stationId === s._id) && !data.events.some((e) => e.place.stationId === s._id),
    )!;
    expect(expectOk(await call('get', { stationId: quiet._id }))).toMatchObject({ station: { id: quiet._id }, teams: [], events: [] });
  });

  test('an inactive station is NOT_FOUND for residents, shown to the admin who keeps it', async () => {
    const inactive = data.stations.find((s) => !s.active)!;
    expect(await call('get', { stationId: inactive._id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(expectOk(await call('get', { stationId: inactive._id }, DEMO_OPENIDS.admin)).station).toMatchObject({ id: inactive._id, active: false });
    expect(await call('get', { stationId: 'station-nowhere' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await call('get', {})).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call('get', { stationId: 'station-district', extra: 1 })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });
});
