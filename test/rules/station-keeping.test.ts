import type { OpeningHours } from '../../contract';
import { coverageOf, CoveragePlace, NEAREST_REACH_METRES } from '../../rules/coverage';
import { CIRCLE_STRAIGHT_METRES, EARTH_RADIUS_METRES } from '../../rules/geo';
import { Actor, keepsStation, keepsStationsOf } from '../../rules/permissions';
import { exceptionsProblem, locationProblem, openingHoursProblem, stationScopeProblem } from '../../rules/station-checks';

/** Who keeps which stations, what may be saved as a station, and the 15-minute circle's coverage. */

const actor = (role: 'resident' | 'leader' | 'staff' | 'admin', staffCommunityId: string | null = null): Actor => ({
  openid: role,
  admin: role === 'admin',
  staffOf: role === 'staff' && staffCommunityId ? [staffCommunityId] : [],
  leaderOf: role === 'leader' ? ['t1'] : [],
});
const staff = actor('staff', 'c-qy');
const admin = actor('admin');

describe('who keeps stations', () => {
  test('staff keep their own community’s community and compound stations, nothing above or elsewhere', () => {
    expect(keepsStation(staff, { level: 'community', communityId: 'c-qy' })).toBe(true);
    expect(keepsStation(staff, { level: 'compound', communityId: 'c-qy' })).toBe(true);
    expect(keepsStation(staff, { level: 'compound', communityId: 'c-other' })).toBe(false);
    expect(keepsStation(staff, { level: 'street', communityId: null })).toBe(false);
    expect(keepsStation(staff, { level: 'district', communityId: null })).toBe(false);
    expect(keepsStation(actor('staff', null), { level: 'community', communityId: 'c-qy' })).toBe(false);
  });

  test('admins keep any station at any level; residents and leaders none', () => {
    for (const level of ['district', 'street'] as const) expect(keepsStation(admin, { level, communityId: null })).toBe(true);
    expect(keepsStation(admin, { level: 'compound', communityId: 'c-other' })).toBe(true);
    for (const role of ['resident', 'leader'] as const) {
      expect(keepsStation(actor(role), { level: 'community', communityId: 'c-qy' })).toBe(false);
      expect(keepsStationsOf(actor(role), 'c-qy')).toBe(false);
    }
  });

  test('staff see only their community’s stations and coverage; admins any, or the whole district', () => {
    expect(keepsStationsOf(staff, 'c-qy')).toBe(true);
    expect(keepsStationsOf(staff, 'c-other')).toBe(false);
    expect(keepsStationsOf(staff, null)).toBe(false);
    expect(keepsStationsOf(admin, null)).toBe(true);
    expect(keepsStationsOf(admin, 'c-other')).toBe(true);
  });
});

describe('what may be saved as a station', () => {
  const p = (open: string, close: string) => ({ open, close });

  test('the level decides community and street', () => {
    expect(stationScopeProblem({ level: 'community', communityId: 'c-qy', streetId: null })).toBeNull();
    expect(stationScopeProblem({ level: 'compound', communityId: null, streetId: 's1' })).toBe('社区级和小区级服务站要选择所属社区');
    expect(stationScopeProblem({ level: 'street', communityId: null, streetId: 's1' })).toBeNull();
    expect(stationScopeProblem({ level: 'district', communityId: null, streetId: null })).toBe('区级和街道级服务站要选择所在街道');
    expect(stationScopeProblem({ level: 'street', communityId: 'c-qy', streetId: 's1' })).toBe('区级和街道级服务站不属于某个社区，请不要选择社区');
  });

  test('periods of a day may touch but not overlap, in any order', () => {
    expect(openingHoursProblem({ '1': [p('13:30', '17:30'), p('08:30', '12:00')], '6': [p('09:00', '12:00'), p('12:00', '18:00')] })).toBeNull();
    expect(openingHoursProblem({ '3': [p('13:30', '17:30'), p('08:30', '14:00')] })).toBe('周三的时段 08:30–14:00 和 13:30–17:30 重叠了');
    expect(openingHoursProblem({ '1': [p('08:00', '12:00'), p('08:00', '12:00')] })).toMatch(/周一.*重叠/);
    // Close equal to open is round the clock, so nothing else fits that day.
    expect(openingHoursProblem({ '2': [p('00:00', '00:00')] })).toBeNull();
    expect(openingHoursProblem({ '2': [p('00:00', '00:00'), p('09:00', '10:00')] })).toMatch(/周二.*重叠/);
    expect(openingHoursProblem({ '2': [p('24:00', '08:00')] })).toBe('周二的开门时间不能是 24:00');
    expect(openingHoursProblem({ '7': [p('00:00', '24:00')] })).toBeNull();
  });

  test('a period past midnight must clear the next day’s first, Sunday into Monday too', () => {
    const lateFriday: OpeningHours = { '5': [p('18:00', '02:00')], '6': [p('02:00', '06:00')] };
    expect(openingHoursProblem(lateFriday)).toBeNull();
    expect(openingHoursProblem({ ...lateFriday, '6': [p('01:00', '06:00')] })).toBe('周五的时段 18:00–02:00 跨过午夜，和周六的 01:00–06:00 重叠了');
    expect(openingHoursProblem({ '7': [p('20:00', '01:00')], '1': [p('00:30', '08:00')] })).toMatch(/^周日.*周一/);
    // Past midnight overlapping a later period of the same day is an ordinary overlap.
    expect(openingHoursProblem({ '4': [p('22:00', '03:00'), p('23:00', '23:30')] })).toMatch(/周四.*重叠/);
  });

  test('one exception per date, its periods apart; none is fine', () => {
    expect(exceptionsProblem([])).toBeNull();
    expect(
      exceptionsProblem([
        { date: '2026-10-01', periods: [], note: '国庆' },
        { date: '2026-10-02', periods: [p('09:00', '12:00')], note: '' },
      ]),
    ).toBeNull();
    expect(
      exceptionsProblem([
        { date: '2026-10-01', periods: [], note: '' },
        { date: '2026-10-01', periods: [], note: '' },
      ]),
    ).toBe('2026-10-01 有两条特殊安排，请合并成一条');
    expect(exceptionsProblem([{ date: '2026-10-03', periods: [p('09:00', '12:00'), p('11:00', '13:00')], note: '' }])).toBe(
      '2026-10-03的时段 09:00–12:00 和 11:00–13:00 重叠了',
    );
  });

  test('a community or compound station stands within 5 km of its community’s centre', () => {
    const centre = { lng: 121.26, lat: 37.5 };
    expect(locationProblem({ lng: 121.3, lat: 37.52 }, centre)).toBeNull();
    expect(locationProblem({ lng: 112.26, lat: 37.5 }, centre)).toBe('位置离所属社区超过 5 公里，请检查位置是否选对');
    expect(locationProblem({ lng: 121.26, lat: 37.55 }, centre)).toBe('位置离所属社区超过 5 公里，请检查位置是否选对');
    // District and street stations have no community to be near.
    expect(locationProblem({ lng: 116.4, lat: 39.9 }, null)).toBeNull();
  });
});

describe('coverage of the 15-minute circle', () => {
  const centre = { lng: 121.26, lat: 37.5 };
  /** A point `metres` north of the centre. */
  const north = (metres: number) => ({ lng: centre.lng, lat: centre.lat + ((metres / EARTH_RADIUS_METRES) * 180) / Math.PI });
  const place = (id: string, households: number, metres: number, name = id): CoveragePlace => ({
    kind: 'compound',
    id,
    name,
    communityId: 'c1',
    communityName: '清洋社区',
    households,
    location: north(metres),
  });
  const station = { id: 'st', name: '清洋社区党群服务站', location: centre };

  test('900 m in a straight line is inside the circle (1,170 m on foot), 950 m is not', () => {
    expect(CIRCLE_STRAIGHT_METRES).toBeGreaterThan(900);
    expect(CIRCLE_STRAIGHT_METRES).toBeLessThan(950);
    const coverage = coverageOf([place('in', 300, 900), place('out', 200, 950)], [station]);
    expect(coverage).toEqual({
      households: 500,
      coveredHouseholds: 300,
      areasChecked: 2,
      uncovered: [expect.objectContaining({ id: 'out', covered: false, nearest: { id: 'st', name: station.name, walkingMetres: 1235, walkingMinutes: 16 } })],
    });
  });

  test('uncovered places come most households first, equal ones by name then id; the nearest beyond 5 km is none', () => {
    const places = [
      place('a', 200, 1000, '乙'),
      place('b', 800, 2000),
      place('c', 200, 1100, '甲'),
      place('d', 200, 1200, '甲'),
      place('far', 50, NEAREST_REACH_METRES + 100),
    ];
    const { uncovered } = coverageOf(places, [station]);
    // Names compare by code unit, as the database orders them: 乙 (U+4E59) before 甲 (U+7532).
    expect(uncovered.map((u) => u.id)).toEqual(['b', 'a', 'c', 'd', 'far']);
    expect(uncovered[4].nearest).toBeNull();
    expect(coverageOf([...places].reverse(), [station]).uncovered).toEqual(uncovered);
  });

  test('the nearest station counts, whichever order the stations come in', () => {
    const farther = { id: 'st-far', name: '远处的站', location: north(3000) };
    const near = { id: 'st-near', name: '近处的站', location: north(2100) };
    const { uncovered, coveredHouseholds } = coverageOf([place('p', 100, 1000), place('q', 100, 1500)], [farther, station, near]);
    expect(coveredHouseholds).toBe(100);
    // p: 1,000 m from the centre's station, 1,100 m from the nearer one; q: 600 m from the nearer one.
    expect(uncovered).toEqual([expect.objectContaining({ id: 'p', nearest: expect.objectContaining({ id: 'st', walkingMinutes: 17 }) })]);
    expect(coverageOf([place('p', 100, 1000)], []).uncovered[0].nearest).toBeNull();
  });
});
