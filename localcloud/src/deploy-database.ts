import path from 'path';
import { loadDatabaseSpec } from './spec';

/**
 * `npm run deploy:database`: creates every collection of cloudfunctions/database.json in the
 * environment the SDK is configured for (TCB_ENV and TENCENTCLOUD_SECRETID/SECRETKEY for a real
 * WeChat Cloud environment), then lists the indexes and security rules to set, which wx-server-sdk
 * cannot create. Collections that exist are left as they are.
 */
async function main(): Promise<void> {
  const spec = loadDatabaseSpec(process.env.LOCALCLOUD_SPEC ?? path.resolve(__dirname, '..', '..', 'cloudfunctions', 'database.json'));
  // Loaded here, after the environment names the target: the SDK reads it when loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: process.env.TCB_ENV ?? (sdk.DYNAMIC_CURRENT_ENV as unknown as string) });
  const db = sdk.database();
  for (const [name, collection] of Object.entries(spec.collections)) {
    try {
      await db.createCollection(name);
      console.log(`created  ${name}`);
    } catch (err) {
      const text = String((err as { errMsg?: string }).errMsg ?? err);
      if (!/exist/i.test(text) || /not exist/i.test(text)) throw err;
      console.log(`exists   ${name}`);
    }
    console.log(`         rule ${JSON.stringify(collection.rules)}`);
    for (const index of collection.indexes) {
      console.log(`         index ${index.name} ${JSON.stringify(index.keys)}${index.unique ? ' unique' : ''}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
