import { SERVICE_CLASSES } from '../../contract';
import { DOC_SCHEMAS, toLngLat } from '../../cloudfunctions/_shared/docs';
import { DEMO_OPENIDS, DemoData, generateDemoData, validateDemoData } from '../../demo/seed';
import { addDays, chinaClock, chinaDate, isoWeekday } from '../../rules/china-time';
import { coverageOf } from '../../rules/coverage';
import { straightMetres } from '../../rules/geo';
import { nextOccurrences } from '../../rules/recurrence';

/** The demo data generator: deterministic, realistic, and obeying every rule real data does. */

const NOW = new Date('2026-03-10T02:00:00Z'); // Tuesday 10:00 in China
const data = generateDemoData(NOW);

const DAY_MS = 86_400_000;
const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {});

test('the same now gives the same documents; another now moves only the dates', () => {
  expect(generateDemoData(new Date(NOW))).toEqual(data);
  const later = generateDemoData(new Date(NOW.getTime() + 7 * DAY_MS));
  expect(later.teams.map((t) => t.name)).toEqual(data.teams.map((t) => t.name));
  expect(later.events[0].startAt).not.toEqual(data.events[0].startAt);
});

test('every document passes its collection’s schema and every reference resolves', () => {
  expect(() => validateDemoData(data)).not.toThrow();
  for (const collection of Object.keys(data) as Array<keyof DemoData>) {
    for (const doc of data[collection]) expect(DOC_SCHEMAS[collection].safeParse(doc).error).toBeUndefined();
  }
});

test('validation refuses documents that break a rule', () => {
  const broken = (patch: (d: DemoData) => void) => {
    const copy = generateDemoData(NOW);
    patch(copy);
    return () => validateDemoData(copy);
  };
  expect(broken((d) => (d.events[0].deadline = new Date(d.events[0].startAt.getTime() + 1)))).toThrow(/events event-0001/);
  expect(broken((d) => (d.teams[1].communityId = 'community-nowhere'))).toThrow(/dangling reference/);
  expect(broken((d) => (d.teams[1].schedule = { ...d.teams[1].schedule!, endTime: d.teams[1].schedule!.startTime }))).toThrow(/teams team-002/);
  expect(broken((d) => (d.stations[0].communityId = d.communities[0]._id))).toThrow(/stations station-district/);
  expect(broken((d) => (d.users[0].roles = { admin: false, staffOf: ['c-none'], leaderOf: [] }))).toThrow(/users demo-resident/);
  expect(broken((d) => (d.teams[0].leaders = [{ ...d.teams[0].leaders[0], openid: null }]))).toThrow(/demo-leader/);
  expect(broken((d) => (d.compounds[0].streetId = d.streets[3]._id))).toThrow(/compound compound-370611001001-1/);
  expect(broken((d) => (d.compounds[0].households = -1))).toThrow(/compounds compound-370611001001-1/);
});

test('one district at the top, 福山区, every street in it and everything in use', () => {
  expect(data.districts).toEqual([{ _id: 'district-370611', code: '370611', name: '福山区', active: true }]);
  expect(data.streets.every((s) => s.districtId === 'district-370611')).toBe(true);
  for (const docs of [data.streets, data.communities, data.compounds, data.teams]) expect(docs.every((d) => d.active)).toBe(true);
  // The district's name is data: the district's own station and addresses take it from there.
  expect(data.stations[0].name).toBe('福山区党群服务中心');
  expect(data.teams.every((t) => /^0535-64\d{5}$/.test(t.contactPhone ?? ''))).toBe(true);
  const copy = generateDemoData(NOW);
  copy.streets[1].districtId = 'district-nowhere';
  expect(() => validateDemoData(copy)).toThrow(/street street-370611002 → district/);
});

test('Fushan’s four streets and 52 communities, a few km around the urban centre', () => {
  expect(data.streets.map((s) => s.name)).toEqual(['清洋街道', '福新街道', '东厅街道', '门楼街道']);
  expect(data.communities).toHaveLength(52);
  expect(Object.values(countBy(data.communities, (c) => c.streetId))).toEqual([13, 13, 13, 13]);
  expect(new Set(data.communities.map((c) => c.name)).size).toBe(52);
  for (const c of data.communities) {
    const [lng, lat] = c.location.coordinates;
    expect(Math.abs(lat - 37.5) * 111).toBeLessThan(5);
    expect(Math.abs(lng - 121.26) * 88).toBeLessThan(5);
    expect(c.households).toBeGreaterThanOrEqual(800);
    expect(c.households).toBeLessThanOrEqual(4000);
  }
});

test('stations at four levels, each community with its own, phones in Yantai', () => {
  expect(countBy(data.stations, (s) => s.level)).toEqual({ district: 1, street: 4, community: 52, compound: 16 });
  expect(data.stations.filter((s) => !s.active).map((s) => s.level)).toEqual(['compound', 'compound']);
  for (const c of data.communities) expect(data.stations.filter((s) => s.level === 'community' && s.communityId === c._id)).toHaveLength(1);
  for (const s of data.stations) {
    expect(s.phone).toMatch(/^0535-\d{7}$/);
    expect(s.services.length).toBeGreaterThan(0);
    expect(Object.keys(s.openingHours)).toHaveLength(7);
    // 春节 2027: closed on 初一, short hours on 除夕; offices closed on 元旦 as well.
    expect(s.exceptions.find((e) => e.date === '2027-02-06')).toMatchObject({ periods: [], note: '春节' });
    expect(s.exceptions.find((e) => e.date === '2027-02-05')).toMatchObject({ periods: [expect.objectContaining({ open: expect.any(String) })], note: '除夕' });
    expect(s.exceptions.some((e) => e.date === '2027-01-01')).toBe(s.level !== 'compound');
  }
});

test('each community’s households live in 3–8 compounds of 150–1,200 households, within 1.5 km of its centre', () => {
  expect(data.compounds.length).toBeGreaterThan(52 * 3);
  for (const community of data.communities) {
    const compounds = data.compounds.filter((c) => c.communityId === community._id);
    expect(compounds.length).toBeGreaterThanOrEqual(3);
    expect(compounds.length).toBeLessThanOrEqual(8);
    expect(new Set(compounds.map((c) => c.name)).size).toBe(compounds.length);
    const households = compounds.reduce((sum, c) => sum + c.households, 0);
    expect(Math.abs(households - community.households) / community.households).toBeLessThan(0.05);
    for (const c of compounds) {
      expect(c.households).toBeGreaterThanOrEqual(150);
      expect(c.households).toBeLessThanOrEqual(1200);
      expect(c.streetId).toBe(community.streetId);
      const metres = straightMetres(toLngLat(community.location), toLngLat(c.location));
      expect(metres).toBeGreaterThan(90);
      expect(metres).toBeLessThan(1510);
    }
  }
});

test('most households have an active station within 15 minutes on foot, some compounds do not', () => {
  const names = new Map(data.communities.map((c) => [c._id, c.name]));
  const places = data.compounds.map((c) => ({
    kind: 'compound' as const,
    id: c._id,
    name: c.name,
    communityId: c.communityId,
    communityName: names.get(c.communityId)!,
    households: c.households,
    location: toLngLat(c.location),
  }));
  const stations = data.stations.filter((s) => s.active).map((s) => ({ id: s._id, name: s.name, location: toLngLat(s.location) }));
  const coverage = coverageOf(places, stations);
  expect(coverage.coveredHouseholds / coverage.households).toBeGreaterThan(0.8);
  expect(coverage.coveredHouseholds / coverage.households).toBeLessThan(0.99);
  expect(coverage.uncovered.length).toBeGreaterThanOrEqual(5);
  expect(new Set(coverage.uncovered.map((u) => u.communityId)).size).toBeGreaterThanOrEqual(3);
  for (const u of coverage.uncovered) expect(u.nearest?.walkingMinutes).toBeGreaterThan(15);
});

test('206 teams across the eight classes, most with a fixed service day ahead', () => {
  expect(data.teams).toHaveLength(206);
  expect(new Set(data.teams.map((t) => t.name)).size).toBe(206);
  expect(Object.keys(countBy(data.teams, (t) => t.serviceClass)).sort()).toEqual([...SERVICE_CLASSES].sort());
  const perCommunity = Object.values(countBy(data.teams, (t) => t.communityId));
  expect(perCommunity).toHaveLength(52);
  expect(Math.min(...perCommunity)).toBeGreaterThanOrEqual(3);
  const scheduled = data.teams.filter((t) => t.schedule);
  expect(scheduled.length).toBeGreaterThan(170);
  expect(new Set(scheduled.map((t) => t.schedule!.recurrence.kind))).toEqual(new Set(['weekly', 'monthlyDate', 'monthlyNth']));
  expect(scheduled.some((t) => t.schedule!.needsApproval)).toBe(true);
  expect(scheduled.filter((t) => nextOccurrences(t.schedule!, NOW, 1).length === 1).length).toBeGreaterThan(160);
  expect(data.teams.filter((t) => t.leaders.some((l) => l.openid))).toEqual([
    expect.objectContaining({ _id: 'team-001', leaders: [expect.objectContaining({ openid: DEMO_OPENIDS.leader })] }),
  ]);
});

test('each community has a 幸福集市 and a 百家宴 on a weekend in the next four weeks', () => {
  const today = chinaDate(NOW);
  const upcoming = data.events.filter((e) => e.status === 'published' && e.endAt > NOW);
  expect(upcoming).toHaveLength(104);
  for (const c of data.communities) {
    expect(
      upcoming
        .filter((e) => e.communityId === c._id)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['banquet', 'market']);
  }
  for (const e of upcoming) {
    const date = chinaDate(e.startAt);
    expect(date > today && date <= addDays(today, 28)).toBe(true);
    expect(isoWeekday(date)).toBeGreaterThanOrEqual(6);
    if (e.type === 'market') expect(chinaClock(e.startAt) < '12:00').toBe(true);
    else expect(chinaClock(e.startAt) >= '17:00').toBe(true);
    const leadDays = (e.startAt.getTime() - e.deadline.getTime()) / DAY_MS;
    expect(leadDays).toBeGreaterThan(0.5);
    expect(leadDays).toBeLessThan(3);
    expect(e.deadline > NOW).toBe(true);
    expect(e.capacity).toBeGreaterThanOrEqual(60);
    expect(e.capacity).toBeLessThanOrEqual(300);
    expect(e.createdAt <= NOW).toBe(true);
  }
  // Last month's markets have ended; a few cancelled ones stay on record.
  expect(data.events.filter((e) => e.endAt <= NOW)).toHaveLength(52);
  expect(data.events.filter((e) => e.status === 'cancelled')).toHaveLength(4);
});

test('demo accounts: a resident, a team leader, a community worker and an admin; the stranger has none', () => {
  const byId = Object.fromEntries(data.users.map((u) => [u._id, u]));
  expect(Object.keys(byId).sort()).toEqual(['demo-admin', 'demo-leader', 'demo-resident', 'demo-staff']);
  expect(byId[DEMO_OPENIDS.resident]).toMatchObject({ roleKinds: ['resident'], communityId: data.communities[0]._id });
  expect(byId[DEMO_OPENIDS.leader]).toMatchObject({ roles: { leaderOf: ['team-001'] }, name: data.teams[0].leaders[0].name });
  expect(byId[DEMO_OPENIDS.staff]).toMatchObject({ roles: { staffOf: [data.communities[0]._id] } });
  expect(byId[DEMO_OPENIDS.admin]).toMatchObject({ roles: { admin: true }, roleKinds: ['admin'] });
  expect(byId[DEMO_OPENIDS.stranger]).toBeUndefined();
});

describe('sign-ups for the coming events', () => {
  const holding = (status: string) => ['confirmed', 'pending', 'attended'].includes(status);

  test('every 幸福集市 has stall kinds and counts, every 百家宴 dish kinds', () => {
    for (const e of data.events) {
      const caps = Object.values((e.type === 'market' ? e.stallCaps : e.dishCaps) ?? {});
      expect({ id: e._id, kinds: caps.filter((n) => n > 0).length }).toEqual({ id: e._id, kinds: 5 });
    }
  });

  test('neighbours signed up: market visitors and stalls (pending, approved, rejected), banquet households with dishes', () => {
    const upcoming = data.events.filter((e) => e.status === 'published' && e.endAt > NOW);
    expect(data.event_ledgers.map((l) => l._id).sort()).toEqual(upcoming.map((e) => e._id).sort());
    const byKindStatus = countBy(data.sign_ups, (s) => `${s.kind}:${s.status}`);
    for (const key of ['visitor:confirmed', 'stall:pending', 'stall:confirmed', 'stall:rejected', 'household:confirmed'])
      expect(byKindStatus[key]).toBeGreaterThan(0);
    for (const s of data.sign_ups) {
      const event = data.events.find((e) => e._id === s.eventId)!;
      expect(s.kind === 'household').toBe(event.type === 'banquet');
      expect(s.dish !== null).toBe(s.kind === 'household');
      expect(s.stall !== null).toBe(s.kind === 'stall');
      expect(s.createdAt >= event.createdAt && s.createdAt <= NOW).toBe(true);
      if (s.kind === 'stall' && s.status !== 'pending') expect(s.decision).toMatchObject({ approved: s.status === 'confirmed' });
      // Neighbours of the event's own community, never the demo accounts (their lists start empty).
      expect(s.openid).toMatch(/^neighbour-/);
    }
    expect(data.events.find((e) => e.communityId === data.communities[0]._id && e.taken > 0)).toBeDefined();
  });

  test('each ledger agrees with its sign-ups and its event’s places taken', () => {
    for (const ledger of data.event_ledgers) {
      const event = data.events.find((e) => e._id === ledger._id)!;
      const mine = data.sign_ups.filter((s) => s.eventId === ledger._id);
      const held = mine.filter((s) => holding(s.status));
      expect({ id: event._id, held: ledger.held, taken: event.taken }).toEqual({
        id: event._id,
        held: held.reduce((n, s) => n + s.headcount, 0),
        taken: ledger.held,
      });
      expect(ledger.held).toBeLessThanOrEqual(ledger.capacity);
      const kinds = countBy(held, (s) => (s.dish?.kind ?? s.stall?.kind)!);
      for (const [kind, pool] of Object.entries(ledger.pools)) {
        expect({ kind, held: pool.held }).toEqual({ kind, held: kinds[kind] ?? 0 });
        expect(pool.held).toBeLessThanOrEqual(pool.cap);
      }
      const active = mine.filter((s) => ['confirmed', 'pending', 'waitlisted'].includes(s.status));
      expect(Object.values(ledger.holders).sort()).toEqual(active.map((s) => s._id).sort());
      expect([...ledger.waitlist].sort()).toEqual(
        mine
          .filter((s) => s.status === 'waitlisted')
          .map((s) => s._id)
          .sort(),
      );
    }
    // Events nobody can sign up for any more have no ledger and no places taken.
    for (const e of data.events.filter((x) => !data.event_ledgers.some((l) => l._id === x._id))) expect(e.taken).toBe(0);
  });

  test('validation refuses a ledger that disagrees with its sign-ups', () => {
    const copy = generateDemoData(NOW);
    const ledger = copy.event_ledgers.find((l) => l.held > 0)!;
    ledger.held -= 1;
    expect(() => validateDemoData(copy)).toThrow(new RegExp(`event ledger ${ledger._id} disagrees`));
    const other = generateDemoData(NOW);
    other.events.find((e) => e.taken > 0)!.taken += 1;
    expect(() => validateDemoData(other)).toThrow(/places taken/);
    const shared = generateDemoData(NOW);
    shared.sign_ups[1].entryCode = shared.sign_ups[0].entryCode;
    expect(() => validateDemoData(shared)).toThrow(/entry code/);
  });
});
