import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';

/**
 * The local cloud's secret: what the real wx-server-sdk sends as its session token with every database
 * call, and what a timer-triggered function needs in SECRET_HEADER. Only the processes the local cloud
 * trusts know it: its function instances (through the SDK's configuration), and tools started beside it
 * (tests, the demo seeder, `npm run remind`), which take it from LOCALCLOUD_SECRET or from the file the
 * cloud writes into its data folder (readable by its owner only). A web page cannot know it.
 */
export const SECRET_ENV = 'LOCALCLOUD_SECRET';
export const SECRET_HEADER = 'x-localcloud-secret';
const SECRET_FILE = 'secret';

export function newSecret(): string {
  return randomBytes(24).toString('hex');
}

/** Writes the cloud's secret beside its store, for the tools started beside it. */
export function writeSecret(dataDir: string, secret: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, SECRET_FILE), secret, { mode: 0o600 });
}

/** The secret of the local cloud whose store is `dataDir`: LOCALCLOUD_SECRET, else the file it wrote. */
export function localSecret(dataDir: string): string {
  const given = process.env[SECRET_ENV];
  if (given) return given;
  const file = path.join(dataDir, SECRET_FILE);
  if (!fs.existsSync(file)) throw new Error(`no ${SECRET_ENV} and no ${file}: start the local cloud first (npm start or npm run cloud)`);
  return fs.readFileSync(file, 'utf8').trim();
}
