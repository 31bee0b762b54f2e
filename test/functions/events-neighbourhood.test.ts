import { addMonths, chinaMonth } from '../../rules/calendar';
import { addDays, chinaInstant } from '../../rules/china-time';
import { callAction, expectOk, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * The 活动 tab through the function host: my community's events first, then the neighbouring
 * communities' (centres within 1.5 km, found by the communities' 2dsphere index), or the district's;
 * and a month of them for the calendar, its bounds on China's clock.
 */

let cloud: TestCloud;
type Sdk = typeof import('wx-server-sdk');
let db: ReturnType<Sdk['database']>;
const call = (action: string, input: unknown, openid = HOME_RESIDENT) => callAction(cloud.url, 'events', action, input, openid);

const HOME_RESIDENT = 'nb-home-resident';
const NO_COMMUNITY = 'nb-no-community';
const HOME = { lng: 121.26, lat: 37.5 };
/** Offsets from home, with their distance: 0.01° of longitude is 883 m at 37.5° N, 0.01° of latitude 1,113 m. */
const COMMUNITIES = {
  'nb-home': HOME,
  'nb-east': { lng: HOME.lng + 0.01, lat: HOME.lat }, // 883 m
  'nb-north': { lng: HOME.lng, lat: HOME.lat + 0.013 }, // 1,447 m
  'nb-beyond': { lng: HOME.lng, lat: HOME.lat + 0.0145 }, // 1,614 m: just outside
  'nb-far': { lng: HOME.lng + 0.03, lat: HOME.lat }, // 2.6 km
} as const;
type CommunityId = keyof typeof COMMUNITIES;

const HOUR = 3600_000;
let n = 0;
/** A published event (unless said) starting at `startAt`, written as the staff's functions store it. */
async function addEvent(communityId: CommunityId, startAt: Date, extra: Record<string, unknown> = {}): Promise<string> {
  const id = `nb-event-${String(++n).padStart(3, '0')}`;
  await db
    .collection('events')
    .doc(id)
    .set({
      data: {
        type: n % 2 ? 'market' : 'banquet',
        title: `${communityId} 活动 ${n}`,
        description: '',
        communityId,
        place: { address: `${communityId} 广场`, location: null, stationId: null },
        startAt,
        endAt: new Date(startAt.getTime() + 2 * HOUR),
        deadline: new Date(startAt.getTime() - 24 * HOUR),
        capacity: 50,
        taken: 10,
        status: 'published',
        createdAt: new Date(),
        ...extra,
      },
    });
  return id;
}

async function everyPage(input: Record<string, unknown>, openid = HOME_RESIDENT): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = expectOk(await call('listUpcoming', { ...input, ...(cursor ? { cursor } : {}) }, openid));
    expect(page.items.length).toBeLessThanOrEqual((input.pageSize as number) ?? 20);
    items.push(...page.items);
    pages++;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, pages };
}

const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 24 * HOUR + hours * HOUR);
const events: Record<CommunityId, string[]> = { 'nb-home': [], 'nb-east': [], 'nb-north': [], 'nb-beyond': [], 'nb-far': [] };

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database();
  for (const [id, { lng, lat }] of Object.entries(COMMUNITIES)) {
    await db
      .collection('communities')
      .doc(id)
      .set({ data: { code: id, name: `${id}社区`, streetId: 's1', location: db.Geo.Point(lng, lat), households: 1000 } });
  }
  const now = new Date();
  const user = (openid: string, communityId: string | null) => ({
    _id: openid,
    name: '王秀兰',
    phone: '13805351001',
    communityId,
    role: 'resident',
    staffCommunityId: null,
    leaderTeamId: null,
    createdAt: now,
    updatedAt: now,
  });
  await db.collection('users').add({ data: [user(HOME_RESIDENT, 'nb-home'), user(NO_COMMUNITY, null)] } as never);
  // Neighbours' events come sooner than home's: home's still come first. Two at one instant: the id breaks the tie.
  events['nb-home'].push(await addEvent('nb-home', inDays(5)), await addEvent('nb-home', inDays(9)), await addEvent('nb-home', inDays(9)));
  events['nb-east'].push(await addEvent('nb-east', inDays(2)), await addEvent('nb-east', inDays(6)));
  events['nb-north'].push(await addEvent('nb-north', inDays(3)), await addEvent('nb-north', inDays(4)));
  events['nb-beyond'].push(await addEvent('nb-beyond', inDays(1)));
  events['nb-far'].push(await addEvent('nb-far', inDays(2, 1)));
  // Not shown anywhere: a draft, a cancelled one, one that has ended.
  await addEvent('nb-home', inDays(3), { status: 'draft' });
  await addEvent('nb-east', inDays(3), { status: 'cancelled' });
  await addEvent('nb-home', inDays(-1));
}, 60_000);
afterAll(() => cloud?.stop());

describe('the list: my community, then the neighbours', () => {
  test('home’s events first, then those of communities within 1.5 km, each soonest first; none beyond', async () => {
    const { items } = await everyPage({ scope: 'nearby', pageSize: 50 });
    const neighbours = [events['nb-east'][0], events['nb-north'][0], events['nb-north'][1], events['nb-east'][1]];
    expect(items.map((e) => e.id)).toEqual([...events['nb-home'], ...neighbours]);
    expect(items[0]).toMatchObject({ communityId: 'nb-home', communityName: 'nb-home社区', placesLeft: 40, status: 'published' });
  });

  test('page by page each exactly once, across the seam between home and the neighbours', async () => {
    const whole = (await everyPage({ scope: 'nearby', pageSize: 50 })).items.map((e) => e.id);
    for (const pageSize of [1, 2, 3, 4]) {
      const { items, pages } = await everyPage({ scope: 'nearby', pageSize });
      expect({ pageSize, ids: items.map((e) => e.id) }).toEqual({ pageSize, ids: whole });
      expect(pages).toBe(Math.ceil(whole.length / pageSize));
    }
  });

  test('of one type', async () => {
    const { items } = await everyPage({ scope: 'nearby', type: 'market', pageSize: 2 });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.type === 'market')).toBe(true);
    expect(
      items
        .map((e) => e.communityId)
        .filter((c) => c !== 'nb-home')
        .every((c) => ['nb-east', 'nb-north'].includes(c)),
    ).toBe(true);
  });

  test('the district: every community, soonest first; without a community in the profile, nearby is the district', async () => {
    const district = (await everyPage({ scope: 'district', pageSize: 3 })).items;
    expect(district).toHaveLength(9);
    expect(district.map((e) => e.startAt)).toEqual([...district.map((e) => e.startAt)].sort());
    expect(district.map((e) => e.communityId)).toContain('nb-far');
    const fallback = (await everyPage({ scope: 'nearby', pageSize: 3 }, NO_COMMUNITY)).items;
    expect(fallback.map((e) => e.id)).toEqual(district.map((e) => e.id));
    // The default scope stays the district's, as staff screens and older clients call it.
    expect(expectOk(await call('listUpcoming', { pageSize: 50 })).items).toHaveLength(9);
  });

  test('a resident without a profile names the community chosen on the device: its neighbourhood, as for a profile’s', async () => {
    const profile = (await everyPage({ scope: 'nearby', pageSize: 2 })).items.map((e) => e.id);
    const named = (await everyPage({ scope: 'nearby', homeCommunityId: 'nb-home', pageSize: 2 }, NO_COMMUNITY)).items.map((e) => e.id);
    expect(named).toEqual(profile);
    // The named community wins over the profile's: the device's choice is the one on the screen.
    const east = (await everyPage({ scope: 'nearby', homeCommunityId: 'nb-east', pageSize: 50 })).items;
    expect(east.slice(0, 2).map((e) => e.id)).toEqual(events['nb-east']);
    const month = expectOk(await call('listMonth', { month: chinaMonth(new Date()), homeCommunityId: 'nb-home' }, NO_COMMUNITY));
    expect(month.homeCommunityId).toBe('nb-home');
  });

  test('a cursor of one scope is refused by another; forged ones too', async () => {
    const district = expectOk(await call('listUpcoming', { scope: 'district', pageSize: 1 }));
    expect(await call('listUpcoming', { scope: 'nearby', cursor: district.nextCursor })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const forged = Buffer.from(JSON.stringify({ part: 'elsewhere', at: new Date().toISOString(), id: 'x' })).toString('base64url');
    expect(await call('listUpcoming', { scope: 'nearby', cursor: forged })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await call('listUpcoming', { scope: 'world' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await callAction(cloud.url, 'events', 'listMonth', { month: '2026-03' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('the month calendar', () => {
  const month = addMonths(chinaMonth(new Date()), 2);
  const first = `${month}-01`;
  const next = `${addMonths(month, 1)}-01`;
  let inMonth: string[];
  let outside: string[];

  beforeAll(async () => {
    inMonth = [
      await addEvent('nb-home', chinaInstant(first, '00:30')), // 16:30 UTC the day before
      await addEvent('nb-east', chinaInstant(addDays(first, 9), '09:00')),
      await addEvent('nb-home', chinaInstant(addDays(next, -1), '23:30')),
    ];
    outside = [
      await addEvent('nb-home', chinaInstant(addDays(first, -1), '23:59')),
      await addEvent('nb-home', chinaInstant(next, '00:00')),
      await addEvent('nb-far', chinaInstant(addDays(first, 9), '10:00')),
    ];
  });

  test('a month’s events, its bounds on China’s clock, in my neighbourhood; the district’s too', async () => {
    const mine = expectOk(await call('listMonth', { month }));
    expect(mine).toMatchObject({ month, homeCommunityId: 'nb-home' });
    expect(mine.events.map((e: any) => e.id)).toEqual(inMonth);
    expect(mine.events[0]).toMatchObject({ communityName: 'nb-home社区', placesLeft: 40 });
    const district = expectOk(await call('listMonth', { month, scope: 'district' }));
    expect(district.homeCommunityId).toBeNull();
    expect(district.events.map((e: any) => e.id)).toEqual([inMonth[0], inMonth[1], outside[2], inMonth[2]]);
    // Without a community in the profile: the district's.
    expect(expectOk(await call('listMonth', { month }, NO_COMMUNITY)).events).toHaveLength(4);
    expect(expectOk(await call('listMonth', { month, type: 'market' })).events.every((e: any) => e.type === 'market')).toBe(true);
  });

  test('this month shows what has not ended yet', async () => {
    const now = chinaMonth(new Date());
    const shown = expectOk(await call('listMonth', { month: now, scope: 'district' })).events;
    for (const e of shown) expect(Date.parse(e.endAt)).toBeGreaterThan(Date.now());
  });

  test('more than the database answers at once: every event of a busy month, read 100 at a time', async () => {
    const busy = addMonths(month, 1);
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) ids.push(await addEvent('nb-east', chinaInstant(`${busy}-${String(1 + (i % 28)).padStart(2, '0')}`, '09:00')));
    const shown = expectOk(await call('listMonth', { month: busy })).events;
    // With the one at 00:00 on its first day from the month before's test.
    expect(shown).toHaveLength(131);
    expect(new Set(shown.map((e: any) => e.id))).toEqual(new Set([outside[1], ...ids]));
    expect(shown.map((e: any) => e.startAt)).toEqual([...shown.map((e: any) => e.startAt)].sort());
  }, 60_000);

  test('bad months are refused', async () => {
    for (const input of [{ month: '2026-13' }, { month: '2026-3' }, { month: '202603' }, {}, { month, scope: 'world' }, { month, extra: 1 }]) {
      expect({ input, result: await call('listMonth', input) }).toMatchObject({ input, result: { ok: false, code: 'BAD_INPUT' } });
    }
  });
});
