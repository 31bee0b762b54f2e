import { execFileSync } from 'child_process';
import { buildSync } from 'esbuild';
import path from 'path';

/**
 * Runs TypeScript in fresh Node processes, one per host time zone, and returns what each printed as
 * JSON. (Setting process.env.TZ inside a Jest test does not reach the process's clock.)
 */
export const HOST_ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Pacific/Kiritimati', 'Australia/Lord_Howe'];

export function resultsInHostZones(source: string, zones: string[] = HOST_ZONES): Map<string, unknown> {
  const [bundle] = buildSync({
    stdin: { contents: source, resolveDir: path.resolve(__dirname, '..', '..'), loader: 'ts' },
    bundle: true,
    platform: 'node',
    write: false,
    logLevel: 'silent',
  }).outputFiles;
  const results = new Map<string, unknown>();
  for (const zone of zones) {
    const out = execFileSync(process.execPath, ['-e', bundle.text], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    results.set(zone, JSON.parse(out));
  }
  return results;
}
