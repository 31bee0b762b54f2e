import path from 'path';
import { sdkEnvironment } from '../localcloud/src/server';
import { ms, mulberry32, percentile, ROOT, runCloud, tempDir, timeEach, printTable, runBench } from './harness';

/**
 * `npm run bench:cloud`: the local cloud measured through the real wx-server-sdk over HTTP.
 * Prints a Markdown table; docs/PERFORMANCE.md records a run.
 */
const SPEC = path.join(ROOT, 'bench', 'bench-spec.json');

async function main(): Promise<void> {
  const dataDir = tempDir('cloud');
  let cloud = await runCloud(dataDir, SPEC);
  Object.assign(process.env, sdkEnvironment(cloud.url, cloud.secret));
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();
  const _ = db.command;
  const rows: Array<[string, string]> = [];
  const random = mulberry32(42);

  // 10,000 documents: point reads and a filtered, sorted page of 10.
  for (let i = 0; i < 10_000; i += 1000) {
    await db.collection('docs').add({
      data: Array.from({ length: 1000 }, (_x, j) => ({
        _id: `d${i + j}`,
        group: `g${(i + j) % 50}`,
        rank: Math.floor(random() * 1000),
        body: 'x'.repeat(100),
      })),
    } as never);
  }
  const gets = await timeEach(
    500,
    (i) =>
      db
        .collection('docs')
        .doc(`d${(i * 37) % 10_000}`)
        .get() as Promise<unknown>,
  );
  rows.push(['doc().get() at 10,000 documents, p50 / p95', `${ms(percentile(gets, 50))} / ${ms(percentile(gets, 95))}`]);
  const pages = await timeEach(
    200,
    (i) =>
      db
        .collection('docs')
        .where({ group: `g${i % 50}`, rank: _.gte(100) })
        .orderBy('rank', 'desc')
        .limit(10)
        .get() as Promise<unknown>,
  );
  rows.push(['10-document filtered, sorted query at 10,000 documents, p50 / p95', `${ms(percentile(pages, 50))} / ${ms(percentile(pages, 95))}`]);

  // Transactions through the functions' own helper (retries on conflict).
  const { withTransaction } = require('../cloudfunctions/_shared/transaction') as typeof import('../cloudfunctions/_shared/transaction');
  const txRate = async (docs: number, total: number, concurrency: number): Promise<number> => {
    for (let d = 0; d < docs; d++)
      await db
        .collection('booking_quotas')
        .doc(`c${docs}-${d}`)
        .set({ data: { teamId: 'bench', openid: 'bench', weekKey: 'bench', count: 0 } });
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const i = next++;
          await withTransaction(async (tx) => {
            const id = `c${docs}-${i % docs}`;
            const doc = await tx.get('booking_quotas', id);
            await tx.update('booking_quotas', id, { count: (doc?.count ?? 0) + 1 });
          });
        }
      }),
    );
    return (total / (Date.now() - started)) * 1000;
  };
  rows.push(['transactions/s, 20 callers on one contended document', (await txRate(1, 400, 20)).toFixed(0)]);
  rows.push(['transactions/s, 20 callers on distinct documents', (await txRate(400, 2000, 20)).toFixed(0)]);

  // 100,000 points: nearest-5 through a where() geoNear.
  for (let i = 0; i < 100_000; i += 2000) {
    await db.collection('places').add({
      data: Array.from({ length: 2000 }, () => ({ location: db.Geo.Point(121.26 + (random() - 0.5) * 0.4, 37.5 + (random() - 0.5) * 0.4) })),
    } as never);
  }
  const nearest = await timeEach(
    300,
    () =>
      db
        .collection('places')
        .where({ location: _.geoNear({ geometry: db.Geo.Point(121.26 + (random() - 0.5) * 0.3, 37.5 + (random() - 0.5) * 0.3) }) })
        .limit(5)
        .get() as Promise<unknown>,
  );
  rows.push(['nearest-5 at 100,000 points, p50 / p95', `${ms(percentile(nearest, 50))} / ${ms(percentile(nearest, 95))}`]);

  // Start-up with ~112,000 documents: first from the journal (then compacted), then from the snapshot.
  await cloud.stop();
  cloud = await runCloud(dataDir, SPEC);
  rows.push(['start with ~112,000 documents, replaying the journal (then compacting)', ms(cloud.startMs)]);
  await cloud.stop();
  cloud = await runCloud(dataDir, SPEC);
  rows.push(['start with ~112,000 documents, from the snapshot', ms(cloud.startMs)]);
  await cloud.stop();

  printTable(['measure', 'result'], rows);
}

runBench(main);
