import fs from 'fs';
import path from 'path';
import { CLOCK_OFFSET_ENV } from '../../cloudfunctions/_shared/clock';
import { CALL_BUDGETS } from '../../cloudfunctions/call-budgets';
import { callLogWriter } from './call-meter';
import { profileFromEnv } from './profile';
import { newSecret, SECRET_ENV, writeSecret } from './secret';
import { startLocalCloud } from './server';
import { loadDatabaseSpec } from './spec';

/**
 * `node dist/localcloud/cli.js serve`: starts the local cloud (PORT, default 3000; LOCALCLOUD_DATA,
 * default .data/localcloud; LOCALCLOUD_STATIC: a built app to serve; LOCALCLOUD_CLOCK_OFFSET_MS: run
 * as if that many milliseconds later (tests pin "now" with it); LOCALCLOUD_STRICT_INDEXES=1: refuse
 * queries no declared index serves (docs/LOCALCLOUD.md, "Strict index mode"); LOCALCLOUD_SECRET: the secret (secret.ts;
 * else a new one), written to the data folder; LOCALCLOUD_FUNCTIONS: built functions to host (default
 * dist/cloudfunctions); LOCALCLOUD_PROFILE: local (default) or production, with its figures' overrides
 * (profile.ts); LOCALCLOUD_CALL_BUDGETS=1: an invocation over its action's database-call budget fails;
 * LOCALCLOUD_CALLS_LOG: a file each invocation's calls are appended to; LOCALCLOUD_SPEC and
 * LOCALCLOUD_TXN_TTL_MS for tests). `... reset`: empties the store.
 */
const root = path.resolve(__dirname, '..', '..');
const dataDir = path.resolve(process.env.LOCALCLOUD_DATA ?? path.join(root, '.data', 'localcloud'));

interface LocalConfig {
  functionEnv?: Record<string, string>;
}

async function main(command: string | undefined): Promise<void> {
  if (command === 'reset') {
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`local cloud store emptied: ${dataDir}`);
    return;
  }
  if (command !== 'serve') {
    console.error('usage: cli.js serve | reset');
    process.exit(2);
  }
  const config = JSON.parse(fs.readFileSync(path.join(root, 'config', 'localcloud.json'), 'utf8')) as LocalConfig;
  const started = Date.now();
  const secret = process.env[SECRET_ENV] || newSecret();
  writeSecret(dataDir, secret);
  const profile = profileFromEnv(process.env);
  const cloud = await startLocalCloud({
    dataDir,
    spec: loadDatabaseSpec(process.env.LOCALCLOUD_SPEC ?? path.join(root, 'cloudfunctions', 'database.json')),
    // Tests of the function host run fixture functions of their own.
    functionsDir: process.env.LOCALCLOUD_FUNCTIONS ?? path.join(root, 'dist', 'cloudfunctions'),
    port: Number(process.env.PORT ?? 3000),
    functionEnv: config.functionEnv,
    // Tests shorten the 30 s transaction lifetime to prove expiry without waiting.
    transactionTtlMs: process.env.LOCALCLOUD_TXN_TTL_MS ? Number(process.env.LOCALCLOUD_TXN_TTL_MS) : undefined,
    strictIndexes: process.env.LOCALCLOUD_STRICT_INDEXES === '1',
    staticDir: process.env.LOCALCLOUD_STATIC,
    clockOffsetMs: Number(process.env[CLOCK_OFFSET_ENV] ?? 0) || 0,
    secret,
    profile,
    callBudgets: process.env.LOCALCLOUD_CALL_BUDGETS === '1' ? CALL_BUDGETS : undefined,
    onInvocation: callLogWriter(process.env.LOCALCLOUD_CALLS_LOG),
  });
  const mode = profile.name === 'production' ? ', production profile' : '';
  console.log(`local cloud ready at ${cloud.url} (${cloud.db.documentCount} documents${mode}, started in ${Date.now() - started} ms)`);
  const stop = (): void => {
    cloud.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
