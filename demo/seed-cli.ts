import * as clock from '../cloudfunctions/_shared/clock';
import path from 'path';
import { localSecret } from '../localcloud/src/secret';
import { sdkEnvironment } from '../localcloud/src/server';
import { DEMO_OPENIDS, seedDemoData } from './seed';

/**
 * `node dist/demo/seed-cli.js`: fills a running local cloud (LOCALCLOUD_URL, default
 * http://127.0.0.1:3000) with the demo data as of now (the local cloud's clock: LOCALCLOUD_CLOCK_OFFSET_MS), unless it already holds streets.
 */
async function main(): Promise<void> {
  const url = (process.env.LOCALCLOUD_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  // The SDK reads its endpoint from the environment, so it is set before the SDK is loaded.
  const dataDir = path.resolve(process.env.LOCALCLOUD_DATA ?? path.join(__dirname, '..', '..', '.data', 'localcloud'));
  Object.assign(process.env, sdkEnvironment(url, localSecret(dataDir)));
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();

  const { total } = (await db.collection('streets').count()) as { total: number };
  if (total > 0) {
    console.log(`${url} already holds ${total} streets: not seeding (empty it with \`npm run cloud:reset\` first)`);
    return;
  }
  const now = clock.now();
  const written = await seedDemoData(db, now);
  console.log(`seeded ${url} as of ${now.toISOString()}:`);
  for (const [collection, count] of Object.entries(written)) console.log(`  ${collection.padEnd(12)} ${count}`);
  console.log(`demo accounts (x-wx-openid): ${Object.values(DEMO_OPENIDS).join(', ')} (${DEMO_OPENIDS.stranger} has no profile)`);
}

main().catch((err) => {
  console.error('seeding failed:', err);
  process.exit(1);
});
