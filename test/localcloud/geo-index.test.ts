import { EARTH_RADIUS_M, GeoIndex, haversineMeters, isGeoPoint } from '../../localcloud/src/engine/geo-index';
import { mulberry32 } from '../../demo/random';

type Pt = { key: string; lng: number; lat: number };
type Hit = { key: string; distance: number };

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

/** Points scattered within ±spread degrees of Yantai (37.50N 121.26E). */
function yantaiPoints(n: number, seed: number, spread = 0.5): Pt[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({
    key: `p${i}`,
    lng: 121.26 + (rnd() * 2 - 1) * spread,
    lat: 37.5 + (rnd() * 2 - 1) * spread,
  }));
}

/** Points uniform over the whole sphere (exercises poles and the antimeridian). */
function globalPoints(n: number, seed: number): Pt[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({
    key: `g${i}`,
    lng: rnd() * 360 - 180,
    lat: (Math.asin(rnd() * 2 - 1) * 180) / Math.PI,
  }));
}

function buildIndex(points: Pt[]): GeoIndex {
  const index = new GeoIndex('location');
  for (const p of points) index.upsert(p.key, point(p.lng, p.lat));
  return index;
}

const byDistanceThenKey = (a: Hit, b: Hit) => a.distance - b.distance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function bruteNearest(points: Pt[], lng: number, lat: number, opts: { maxDistance?: number; minDistance?: number } = {}): Hit[] {
  return points
    .map((p) => ({ key: p.key, distance: haversineMeters(lng, lat, p.lng, p.lat) }))
    .filter((h) => h.distance <= (opts.maxDistance ?? Infinity) && h.distance >= (opts.minDistance ?? 0))
    .sort(byDistanceThenKey);
}

/** Runs the index query, checks it is in ascending order, and normalises exact ties for comparison. */
function indexNearest(index: GeoIndex, lng: number, lat: number, opts?: { maxDistance?: number; minDistance?: number }, limit = Infinity): Hit[] {
  const hits: Hit[] = [];
  for (const hit of index.nearest(lng, lat, opts)) {
    hits.push(hit);
    if (hits.length >= limit) break;
  }
  expect(hits.every((h, i) => i === 0 || h.distance >= hits[i - 1].distance)).toBe(true);
  return hits.sort(byDistanceThenKey);
}

const sorted = (keys: string[]) => [...keys].sort();

describe('haversineMeters', () => {
  it('matches reference distances on a 6378100 m sphere', () => {
    expect(EARTH_RADIUS_M).toBe(6378100);
    // One degree of latitude = R·π/180.
    expect(haversineMeters(121.26, 37, 121.26, 38)).toBeCloseTo(111318.845, 2);
    expect(haversineMeters(0, 0, 0, 1)).toBeCloseTo(111318.845, 2);
    // Yantai pairs; references from the independent atan2 (Vincenty sphere) formula.
    expect(haversineMeters(121.26, 37.5, 121.27, 37.5)).toBeCloseTo(883.1518, 3);
    expect(haversineMeters(121.26, 37.5, 121.26, 37.51)).toBeCloseTo(1113.1885, 3);
    expect(haversineMeters(121.25, 37.49, 121.39, 37.54)).toBeCloseTo(13556.9103, 3);
    expect(haversineMeters(121.447, 37.464, 121.391, 37.539)).toBeCloseTo(9703.7526, 3);
  });

  it('handles symmetry, zero, antipodes and the antimeridian', () => {
    expect(haversineMeters(121.26, 37.5, 121.26, 37.5)).toBe(0);
    expect(haversineMeters(121.26, 37.5, 121.39, 37.54)).toBe(haversineMeters(121.39, 37.54, 121.26, 37.5));
    expect(haversineMeters(0, 0, 90, 0)).toBeCloseTo((Math.PI / 2) * EARTH_RADIUS_M, 3);
    expect(haversineMeters(0, 0, 180, 0)).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
    expect(haversineMeters(10, 90, -170, -90)).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 3);
    expect(haversineMeters(179.9, 0, -179.9, 0)).toBeCloseTo(22263.769, 2);
  });
});

describe('isGeoPoint and what gets indexed', () => {
  it('accepts only GeoJSON points with finite in-range coordinates', () => {
    expect(isGeoPoint(point(121.26, 37.5))).toBe(true);
    expect(isGeoPoint(point(-180, -90))).toBe(true);
    expect(isGeoPoint(point(180, 90))).toBe(true);
    for (const bad of [
      null,
      undefined,
      'Point',
      42,
      [121.26, 37.5], // legacy coordinate pair, not GeoJSON
      { type: 'Point' },
      { type: 'point', coordinates: [121.26, 37.5] },
      {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
      { type: 'Point', coordinates: [121.26] },
      { type: 'Point', coordinates: [121.26, 37.5, 10] },
      { type: 'Point', coordinates: ['121.26', '37.5'] },
      point(NaN, 37.5),
      point(121.26, Infinity),
      point(180.0001, 0),
      point(0, -90.0001),
    ]) {
      expect(isGeoPoint(bad)).toBe(false);
    }
  });

  it('ignores non-point values and drops a key whose value stops being a point', () => {
    const index = new GeoIndex('addr.location');
    expect(index.field).toBe('addr.location');
    index.upsert('a', point(121.26, 37.5));
    index.upsert('b', null);
    index.upsert('c', [121.26, 37.5]);
    index.upsert('d', point(200, 37.5));
    index.upsert('e', { type: 'Polygon', coordinates: [] });
    expect(index.size).toBe(1);
    expect([...index.nearest(121.26, 37.5)].map((h) => h.key)).toEqual(['a']);

    index.upsert('a', 'no longer a point');
    expect(index.size).toBe(0);
    expect([...index.nearest(121.26, 37.5)]).toEqual([]);
  });
});

describe('GeoIndex updates', () => {
  it('moves a point on upsert, removes keys, and clears', () => {
    const index = new GeoIndex('location');
    index.upsert('home', point(121.26, 37.5));
    index.upsert('shop', point(121.3, 37.52));
    index.upsert('park', point(121.4, 37.6));
    expect(index.size).toBe(3);
    expect(indexNearest(index, 121.26, 37.5).map((h) => h.key)).toEqual(['home', 'shop', 'park']);

    // Move "park" right next to the query point.
    index.upsert('park', point(121.2601, 37.5001));
    expect(index.size).toBe(3);
    const hits = indexNearest(index, 121.26, 37.5);
    expect(hits.map((h) => h.key)).toEqual(['home', 'park', 'shop']);
    expect(hits[1].distance).toBeCloseTo(haversineMeters(121.26, 37.5, 121.2601, 37.5001), 9);
    expect(index.withinCenterSphere(121.4, 37.6, 1000 / EARTH_RADIUS_M)).toEqual([]);

    // Same coordinates again is a no-op.
    index.upsert('park', point(121.2601, 37.5001));
    expect(index.size).toBe(3);

    index.remove('home');
    index.remove('nobody'); // unknown key: no-op
    expect(index.size).toBe(2);
    expect(indexNearest(index, 121.26, 37.5).map((h) => h.key)).toEqual(['park', 'shop']);

    index.clear();
    expect(index.size).toBe(0);
    expect([...index.nearest(121.26, 37.5)]).toEqual([]);
    index.upsert('home', point(121.26, 37.5));
    expect(indexNearest(index, 0, 0).map((h) => h.key)).toEqual(['home']);
  });

  it('keeps a lazy nearest() consistent when the index changes mid-iteration', () => {
    const points = yantaiPoints(2000, 7);
    const index = buildIndex(points);
    const it = index.nearest(121.26, 37.5);
    const first: Hit[] = [];
    for (let i = 0; i < 10; i++) first.push(it.next().value as Hit);
    const last = first[first.length - 1].distance;

    const ahead = bruteNearest(points, 121.26, 37.5).slice(10);
    index.remove(ahead[0].key); // not yet returned: must not appear
    index.upsert(first[0].key, point(121.2601, 37.5)); // already returned: must not repeat
    index.upsert('closer', point(121.26, 37.5)); // nearer than what was returned: skipped
    index.upsert('farther', point(121.26, 37.7)); // ~22 km, ahead of the cursor: appears in order

    const rest: Hit[] = [];
    for (let r = it.next(); !r.done; r = it.next()) rest.push(r.value);
    const keys = [...first, ...rest].map((h) => h.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain(ahead[0].key);
    expect(keys).not.toContain('closer');
    expect(keys).toContain('farther');
    expect(rest[0].distance).toBeGreaterThanOrEqual(last);
    expect(rest.every((h, i) => i === 0 || h.distance >= rest[i - 1].distance)).toBe(true);
    expect(last).toBeLessThan(20000);
    expect(keys.length).toBe(points.length); // one removed, 'farther' added, the moved key not repeated
  });
});

describe('GeoIndex.nearest against brute force', () => {
  const points = yantaiPoints(5000, 1);
  const index = buildIndex(points);
  const queries: Array<[number, number]> = [
    [121.26, 37.5], // centre of the cloud
    [121.7, 37.05], // corner
    [120.5, 37.5], // outside to the west
    [116.4, 39.9], // Beijing, far away
    [points[123].lng, points[123].lat], // exactly on a data point
  ];

  it('returns every key in brute-force order with identical distances', () => {
    expect(index.size).toBe(5000);
    for (const [lng, lat] of queries) {
      expect(indexNearest(index, lng, lat)).toEqual(bruteNearest(points, lng, lat));
    }
  });

  it('honours maxDistance and minDistance (inclusive)', () => {
    const optionSets = [{ maxDistance: 5000 }, { minDistance: 2000, maxDistance: 8000 }, { minDistance: 30000 }, { maxDistance: 0 }];
    for (const [lng, lat] of queries) {
      for (const opts of optionSets) {
        expect(indexNearest(index, lng, lat, opts)).toEqual(bruteNearest(points, lng, lat, opts));
      }
    }
    // Bounds equal to a point's exact distance include it.
    const d = haversineMeters(121.26, 37.5, points[42].lng, points[42].lat);
    const keys = indexNearest(index, 121.26, 37.5, { minDistance: d, maxDistance: d }).map((h) => h.key);
    expect(keys).toEqual(['p42']);
  });

  it('is lazy: taking the first k matches the brute-force prefix', () => {
    for (const [lng, lat] of queries) {
      expect(indexNearest(index, lng, lat, {}, 7)).toEqual(bruteNearest(points, lng, lat).slice(0, 7));
    }
  });

  it('is correct over the whole sphere, near the poles and across the antimeridian', () => {
    const global = globalPoints(3000, 2);
    const globalIndex = buildIndex(global);
    const globalQueries: Array<[number, number]> = [
      [179.9, 10],
      [-179.95, -35],
      [0, 89.9],
      [45, -89.5],
      [121.26, 37.5],
      [-60, 0],
    ];
    for (const [lng, lat] of globalQueries) {
      expect(indexNearest(globalIndex, lng, lat)).toEqual(bruteNearest(global, lng, lat));
      expect(indexNearest(globalIndex, lng, lat, { maxDistance: 3e6 })).toEqual(bruteNearest(global, lng, lat, { maxDistance: 3e6 }));
    }
  });

  it('rejects a non-finite query point', () => {
    expect(() => index.nearest(NaN, 37.5).next()).toThrow(RangeError);
  });
});

describe('GeoIndex.withinGeometry', () => {
  // A 0.01° grid offset by 0.005° so no point sits on a polygon edge.
  const grid: Pt[] = [];
  for (let i = 0; i < 100; i++) {
    for (let j = 0; j < 100; j++) grid.push({ key: `${i},${j}`, lng: 120.805 + i * 0.01, lat: 37.005 + j * 0.01 });
  }
  const index = buildIndex(grid);
  const inBox = (p: Pt, x0: number, y0: number, x1: number, y1: number) => p.lng > x0 && p.lng < x1 && p.lat > y0 && p.lat < y1;
  const square = (x0: number, y0: number, x1: number, y1: number) => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];

  it('finds points inside a polygon minus its hole', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [square(121.0, 37.3, 121.5, 37.7), square(121.2, 37.45, 121.3, 37.55)] };
    const expected = grid.filter((p) => inBox(p, 121.0, 37.3, 121.5, 37.7) && !inBox(p, 121.2, 37.45, 121.3, 37.55)).map((p) => p.key);
    expect(expected.length).toBe(50 * 40 - 10 * 10);
    expect(sorted(index.withinGeometry(polygon))).toEqual(sorted(expected));
  });

  it('handles a non-rectangular ring', () => {
    // Triangle (121,37.2)-(121.6,37.2)-(121.3,37.8); inside means left of every counter-clockwise edge.
    const tri = [
      [121, 37.2],
      [121.6, 37.2],
      [121.3, 37.8],
      [121, 37.2],
    ];
    const cross = (a: number[], b: number[], p: Pt) => (b[0] - a[0]) * (p.lat - a[1]) - (b[1] - a[1]) * (p.lng - a[0]);
    const expected = grid.filter((p) => [0, 1, 2].every((k) => cross(tri[k], tri[k + 1], p) > 0)).map((p) => p.key);
    expect(expected.length).toBeGreaterThan(100);
    expect(sorted(index.withinGeometry({ type: 'Polygon', coordinates: [tri] }))).toEqual(sorted(expected));
  });

  it('unions the polygons of a MultiPolygon without duplicates', () => {
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [
        [square(120.9, 37.1, 121.0, 37.2)],
        [square(121.4, 37.6, 121.6, 37.8), square(121.45, 37.65, 121.55, 37.75)],
        [square(121.5, 37.7, 121.7, 37.9)], // overlaps the second polygon's hole and rim
      ],
    };
    const expected = grid
      .filter(
        (p) =>
          inBox(p, 120.9, 37.1, 121.0, 37.2) ||
          (inBox(p, 121.4, 37.6, 121.6, 37.8) && !inBox(p, 121.45, 37.65, 121.55, 37.75)) ||
          inBox(p, 121.5, 37.7, 121.7, 37.9),
      )
      .map((p) => p.key);
    const found = index.withinGeometry(multi);
    expect(new Set(found).size).toBe(found.length);
    expect(sorted(found)).toEqual(sorted(expected));
  });

  it('returns nothing for a polygon away from all points', () => {
    expect(index.withinGeometry({ type: 'Polygon', coordinates: [square(0, 0, 1, 1)] })).toEqual([]);
  });
});

describe('GeoIndex.withinCenterSphere against brute force', () => {
  const bruteWithin = (pts: Pt[], lng: number, lat: number, r: number) =>
    pts.filter((p) => haversineMeters(lng, lat, p.lng, p.lat) / EARTH_RADIUS_M <= r).map((p) => p.key);

  it('matches around Yantai for several radii', () => {
    const points = yantaiPoints(5000, 3);
    const index = buildIndex(points);
    for (const [lng, lat] of [
      [121.26, 37.5],
      [121.7, 37.9],
      [120.9, 37.2],
    ]) {
      for (const metres of [500, 3000, 20000, 80000]) {
        const r = metres / EARTH_RADIUS_M;
        const expected = bruteWithin(points, lng, lat, r);
        expect(sorted(index.withinCenterSphere(lng, lat, r))).toEqual(sorted(expected));
      }
    }
    // Radius zero finds a point exactly at the centre.
    expect(index.withinCenterSphere(points[9].lng, points[9].lat, 0)).toEqual(['p9']);
  });

  it('matches over the sphere, including caps over a pole or across the antimeridian', () => {
    const points = globalPoints(5000, 4);
    const index = buildIndex(points);
    const cases: Array<[number, number, number]> = [
      [179.5, 20, 0.05],
      [-179.8, -50, 0.1],
      [0, 88, 0.1], // reaches the North Pole
      [100, -85, 0.2], // reaches the South Pole
      [30, 10, 1.7], // more than a hemisphere
      [0, 0, Math.PI], // everything
    ];
    for (const [lng, lat, r] of cases) {
      const expected = bruteWithin(points, lng, lat, r);
      const found = index.withinCenterSphere(lng, lat, r);
      expect(new Set(found).size).toBe(found.length);
      expect(sorted(found)).toEqual(sorted(expected));
    }
    expect(index.withinCenterSphere(0, 0, Math.PI)).toHaveLength(5000);
    expect(index.withinCenterSphere(0, 0, -1)).toEqual([]);
  });
});

describe('GeoIndex at 100,000 points', () => {
  it('nearest-5 equals brute force', () => {
    const points = yantaiPoints(100_000, 5, 1);
    const index = buildIndex(points);
    expect(index.size).toBe(100_000);
    const rnd = mulberry32(6);
    for (let q = 0; q < 5; q++) {
      const lng = 121.26 + (rnd() * 2 - 1) * 1.2;
      const lat = 37.5 + (rnd() * 2 - 1) * 1.2;
      const brute = bruteNearest(points, lng, lat);
      expect(indexNearest(index, lng, lat, {}, 5)).toEqual(brute.slice(0, 5));
      expect(indexNearest(index, lng, lat, { maxDistance: 300 })).toEqual(brute.filter((h) => h.distance <= 300));
    }
  });
});
