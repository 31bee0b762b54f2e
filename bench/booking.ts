import { addDays, chinaDate } from '../rules/china-time';
import { createOpenTeam, createResidents } from '../test/helpers/booking-fixtures';
import { sdkEnvironment } from '../localcloud/src/server';
import { ms, percentile, printTable, ROOT, runBench, runCloud, tempDir } from './harness';
import path from 'path';

/**
 * `npm run bench:booking`: bookings through the function host (as the app calls `booking.book`),
 * against the local cloud: many residents on many slots, and many on one contended slot; and how many
 * database calls a booking costs.
 */
const SPEC = path.join(ROOT, 'cloudfunctions', 'database.json');
const COMMUNITY = 'c-bench';
const TOMORROW = addDays(chinaDate(new Date()), 1);

async function main(): Promise<void> {
  const cloud = await runCloud(tempDir('booking'), SPEC);
  Object.assign(process.env, sdkEnvironment(cloud.url, cloud.secret));
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();
  const databaseRequests = async () => ((await (await fetch(`${cloud.url}/health`)).json()) as { databaseRequests: number }).databaseRequests;
  const book = async (openid: string, teamId: string, startTime: string, joinWaitlist = false) => {
    const started = process.hrtime.bigint();
    const res = await fetch(`${cloud.url}/fn/booking`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify({ action: 'book', input: { teamId, date: TOMORROW, startTime, joinWaitlist } }),
    });
    const { result } = (await res.json()) as { result: { ok: boolean; code?: string } };
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, ok: result.ok, code: result.code };
  };
  const rows: Array<[string, string]> = [];

  const TEAMS = 10;
  for (let t = 0; t < TEAMS; t++) await createOpenTeam(db, `bench-${t}`, COMMUNITY, { placesPerSlot: 20 });
  const residents = await createResidents(db, 'bench', 600, COMMUNITY);
  const slots = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
  // Warm every function instance first, as production's warm instances would be.
  await Promise.all(Array.from({ length: 8 }, (_x, i) => book(residents[599 - i], 'bench-9', '11:30')));

  // Many residents on many slots: 400 bookings spread over 60 slots, 16 callers at a time.
  const spread = residents.slice(0, 400);
  let next = 0;
  const before = await databaseRequests();
  const started = Date.now();
  const times: number[] = [];
  const outcomes400: Array<{ ok: boolean; code?: string }> = [];
  let booked = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < spread.length) {
        const i = next++;
        const r = await book(spread[i], `bench-${i % TEAMS}`, slots[Math.floor(i / TEAMS) % slots.length]);
        times.push(r.ms);
        outcomes400.push(r);
        if (r.ok) booked++;
      }
    }),
  );
  const elapsed = Date.now() - started;
  const calls = (await databaseRequests()) - before;
  rows.push(['many slots: answers', answersOf(outcomes400)]);
  rows.push(['many slots: bookings/s (400 bookings, 60 slots, 16 concurrent callers)', ((booked / elapsed) * 1000).toFixed(0)]);
  rows.push(['many slots: latency per booking p50 / p95', `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`]);
  rows.push(['database calls per booking (uncontended)', (calls / booked).toFixed(1)]);

  // One contended slot: 150 residents at once at a 10-place slot, half joining the waitlist.
  await createOpenTeam(db, 'bench-hot', COMMUNITY, { placesPerSlot: 10 });
  const crowd = residents.slice(400, 550);
  const hotBefore = await databaseRequests();
  const hotStarted = Date.now();
  const outcomes = await Promise.all(crowd.map((r, i) => book(r, 'bench-hot', '09:00', i % 2 === 0)));
  const hotElapsed = Date.now() - hotStarted;
  const hotCalls = (await databaseRequests()) - hotBefore;
  const hotTimes = outcomes.map((o) => o.ms);
  rows.push(['one slot: 150 simultaneous callers answered in', ms(hotElapsed)]);
  rows.push(['one slot: latency p50 / p95', `${ms(percentile(hotTimes, 50))} / ${ms(percentile(hotTimes, 95))}`]);
  rows.push(['one slot: answers', answersOf(outcomes)]);
  rows.push(['one slot: database calls per attempt', (hotCalls / crowd.length).toFixed(1)]);
  await cloud.stop();

  printTable(['measure', 'result'], rows);
}

/** How the callers were answered: booked (or waitlisted), and each refusal's code with its count. */
function answersOf(outcomes: Array<{ ok: boolean; code?: string }>): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.ok ? 'booked or waitlisted' : String(o.code), (counts.get(o.ok ? 'booked or waitlisted' : String(o.code)) ?? 0) + 1);
  return [...counts].map(([what, n]) => `${n} ${what}`).join(', ');
}

runBench(main);
