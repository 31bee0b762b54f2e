import { haversineMeters } from '../../localcloud/src/engine/geo-index';
import {
  CIRCLE_STRAIGHT_METRES,
  CIRCLE_WALKING_METRES,
  DETOUR_FACTOR,
  EARTH_RADIUS_METRES,
  straightMetres,
  walkingMetres,
  walkingMinutes,
  wgs84ToGcj02,
  withinCircle,
} from '../../rules/geo';

/** Distances on foot and the WGS-84 → GCJ-02 offset, against known values. */

describe('straight-line distance', () => {
  test('a degree along a meridian is the sphere’s arc: 2πR/360 ≈ 111,319 m', () => {
    expect(straightMetres({ lng: 121.26, lat: 37 }, { lng: 121.26, lat: 38 })).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_METRES) / 360, 3);
    expect(straightMetres({ lng: 0, lat: 0 }, { lng: 1, lat: 0 })).toBeCloseTo(111_318.845, 2);
  });

  test('a degree of longitude at 60° north is about half as long, a little less along the great circle', () => {
    const d = straightMetres({ lng: 0, lat: 60 }, { lng: 1, lat: 60 });
    expect(d).toBeLessThan(111_318.845 / 2);
    expect(d).toBeGreaterThan(111_318.845 / 2 - 10);
  });

  test('Beijing to Shanghai, city centre to city centre: the published ≈ 1,067 km, to 0.2 %', () => {
    // The usual figure is computed on a 6,371 km sphere; MongoDB's 6,378.1 km sphere gives 0.11 % more.
    const d = straightMetres({ lng: 116.4074, lat: 39.9042 }, { lng: 121.4737, lat: 31.2304 });
    expect(Math.abs(d - 1_067_000) / 1_067_000).toBeLessThan(0.002);
  });

  test('symmetric, zero at the same point, and the very value the database’s geo index measures', () => {
    const a = { lng: 121.2615, lat: 37.4968 };
    const b = { lng: 121.2731, lat: 37.5102 };
    expect(straightMetres(a, a)).toBe(0);
    expect(straightMetres(a, b)).toBeCloseTo(straightMetres(b, a), 9);
    expect(straightMetres(a, b)).toBeCloseTo(haversineMeters(a.lng, a.lat, b.lng, b.lat), 6);
  });
});

describe('on foot', () => {
  test('walking distance is the straight line times the 1.3 detour factor', () => {
    expect(DETOUR_FACTOR).toBe(1.3);
    expect(walkingMetres(1000)).toBeCloseTo(1300, 9);
    expect(walkingMetres(0)).toBe(0);
  });

  test('minutes at 80 m/min, rounded up to the whole minute', () => {
    expect(walkingMinutes(0)).toBe(0);
    expect(walkingMinutes(1)).toBe(1);
    expect(walkingMinutes(80)).toBe(1);
    expect(walkingMinutes(80.01)).toBe(2);
    expect(walkingMinutes(1200)).toBe(15);
    expect(walkingMinutes(1200.5)).toBe(16);
  });

  test('the 15-minute circle: 1,200 m on foot, about 923 m as the crow flies, edge included', () => {
    expect(CIRCLE_WALKING_METRES).toBe(1200);
    expect(CIRCLE_STRAIGHT_METRES).toBeCloseTo(923.08, 2);
    expect(withinCircle(1200)).toBe(true);
    expect(withinCircle(1200.01)).toBe(false);
    expect(withinCircle(walkingMetres(CIRCLE_STRAIGHT_METRES))).toBe(true);
    expect(withinCircle(walkingMetres(CIRCLE_STRAIGHT_METRES + 0.1))).toBe(false);
    // A station 923 m away in a straight line is 15 minutes on foot; one 924 m away is 16.
    expect(walkingMinutes(walkingMetres(923))).toBe(15);
    expect(walkingMinutes(walkingMetres(924))).toBe(16);
  });
});

describe('WGS-84 → GCJ-02', () => {
  // Reference pairs published with two widely used implementations:
  // - googollee/eviltransform, python/test.py (TESTS: Shanghai, Shenzhen, Beijing; checked there to 1e-6°);
  // - wandergis/coordtransform, test/app.js (wgs84togcj02(116.404, 39.915), result in its comments).
  test.each([
    ['Shanghai (eviltransform)', { lng: 121.5272106, lat: 31.1774276 }, { lng: 121.531541859215, lat: 31.17530398364597 }],
    ['Shenzhen (eviltransform)', { lng: 113.912316, lat: 22.543847 }, { lng: 113.9171764808363, lat: 22.540796131694766 }],
    ['Beijing (eviltransform)', { lng: 116.377817, lat: 39.911954 }, { lng: 116.38404722455657, lat: 39.91334545536069 }],
    ['Beijing (coordtransform)', { lng: 116.404, lat: 39.915 }, { lng: 116.41024449916938, lat: 39.91640428150164 }],
  ])('%s', (_name, wgs, gcj) => {
    const out = wgs84ToGcj02(wgs);
    expect(out.lng).toBeCloseTo(gcj.lng, 7);
    expect(out.lat).toBeCloseTo(gcj.lat, 7);
  });

  test('in Fushan the offset is a few hundred metres, as on every map of the city', () => {
    const wgs = { lng: 121.2555, lat: 37.4956 };
    const offset = straightMetres(wgs, wgs84ToGcj02(wgs));
    expect(offset).toBeGreaterThan(200);
    expect(offset).toBeLessThan(700);
  });

  test('outside mainland China’s box no offset applies', () => {
    for (const point of [
      { lng: -0.1276, lat: 51.5072 }, // London
      { lng: 139.6917, lat: 35.6895 }, // Tokyo, east of the box
      { lng: 121.26, lat: 56 }, // north of the box
      { lng: 60.6, lat: 56.8 }, // Yekaterinburg, west and north
    ]) {
      expect(wgs84ToGcj02(point)).toEqual(point);
    }
    // The published algorithm uses a rough box, not the border: Seoul, inside it, is offset too.
    expect(wgs84ToGcj02({ lng: 126.978, lat: 37.5665 })).not.toEqual({ lng: 126.978, lat: 37.5665 });
  });
});
