import path from 'path';
import { STATION_LEVELS, STATION_SERVICE_FILTERS } from '../contract';
import { sdkEnvironment } from '../localcloud/src/server';
import { ms, mulberry32, percentile, ROOT, runCloud, tempDir, timeEach, printTable, runBench } from './harness';

/**
 * `npm run bench:stations`: the nearest 5 stations (first page, pageSize 5) at 70, 10,000 and 100,000
 * stations, in one fresh local cloud grown step by step; measured through the function host as the app
 * calls `stations.nearest`, and as the bare geoNear aggregate through wx-server-sdk. Prints a Markdown
 * table; docs/PERFORMANCE.md records a run.
 */
const SPEC = path.join(ROOT, 'cloudfunctions', 'database.json');
const SIZES = [70, 10_000, 100_000];
const CALLS = 300;
const CENTRE = { lng: 121.26, lat: 37.5 };
/** Stations spread over about 35 × 44 km around Fushan: at 100,000, one every 120 m or so. */
const SPAN_DEGREES = 0.4;
const OFFICE_HOURS = Object.fromEntries(
  ['1', '2', '3', '4', '5'].map((d) => [
    d,
    [
      { open: '08:30', close: '12:00' },
      { open: '13:30', close: '17:30' },
    ],
  ]),
);

async function main(): Promise<void> {
  const cloud = await runCloud(tempDir('stations'), SPEC);
  Object.assign(process.env, sdkEnvironment(cloud.url, cloud.secret));
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();
  const random = mulberry32(6);
  const point = () => ({ lng: CENTRE.lng + (random() - 0.5) * SPAN_DEGREES, lat: CENTRE.lat + (random() - 0.5) * SPAN_DEGREES });

  const station = (i: number) => {
    const level = STATION_LEVELS[i % 4];
    const { lng, lat } = point();
    return {
      _id: `bench-${String(i).padStart(6, '0')}`,
      name: `测试${i}号党群服务站`,
      level,
      streetId: `street-${i % 4}`,
      communityId: level === 'community' || level === 'compound' ? `community-${i % 52}` : null,
      address: `福山区测试路${i}号`,
      location: db.Geo.Point(lng, lat),
      phone: '0535-6352100',
      services: STATION_SERVICE_FILTERS.filter((_s, k) => (i + k) % 3 === 0),
      openingHours: OFFICE_HOURS,
      exceptions: [{ date: '2027-01-01', periods: [], note: '元旦' }],
      // One in twenty being refurbished: the query must skip them.
      active: i % 20 !== 0,
    };
  };
  const nearestThroughFunction = async (input: object) => {
    const res = await fetch(`${cloud.url}/fn/stations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'bench-resident' },
      body: JSON.stringify({ action: 'nearest', input }),
    });
    const { result } = (await res.json()) as { result: { ok: boolean; data?: { items: unknown[] } } };
    if (!result.ok || result.data?.items.length !== 5) throw new Error(`nearest failed: ${JSON.stringify(result)}`);
  };
  const nearestThroughSdk = async () => {
    const { lng, lat } = point();
    const out = (await db
      .collection('stations')
      .aggregate()
      .geoNear({ near: db.Geo.Point(lng, lat), spherical: true, key: 'location', distanceField: 'straightMetres', query: { active: true } })
      .limit(6)
      .end()) as unknown as { list: unknown[] };
    if (out.list.length !== 6) throw new Error('geoNear answered too few');
  };

  const rows: Array<[string, string, string, string]> = [];
  let written = 0;
  for (const size of SIZES) {
    for (; written < size;) {
      const batch = Array.from({ length: Math.min(2000, size - written) }, (_x, k) => station(written + k));
      await db.collection('stations').add({ data: batch } as never);
      written += batch.length;
    }
    // Warm the function instances, as production's warm instances would be.
    await Promise.all(Array.from({ length: 8 }, () => nearestThroughFunction({ from: point(), pageSize: 5 })));
    const fn = await timeEach(CALLS, () => nearestThroughFunction({ from: point(), pageSize: 5 }));
    const filtered = await timeEach(CALLS, () => nearestThroughFunction({ from: point(), pageSize: 5, service: '理发', level: 'community' }));
    const raw = await timeEach(CALLS, nearestThroughSdk);
    const pair = (times: number[]) => `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`;
    rows.push([size.toLocaleString('en-US'), pair(fn), pair(filtered), pair(raw)]);
  }
  await cloud.stop();

  console.log(`nearest 5, ${CALLS} calls each from random points, p50 / p95`);
  printTable(['stations', '`stations.nearest` through the function host', 'same, community level offering 理发', 'geoNear aggregate through the SDK'], rows);
}

runBench(main);
