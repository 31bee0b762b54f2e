import fs from 'fs';
import os from 'os';
import path from 'path';
import { SpawnedCloud, spawnLocalCloud } from '../localcloud/src/spawn';

export { mulberry32 } from '../demo/random';

/** Shared by the benchmark scripts: run the built local cloud and time things through the real SDK. */

export const ROOT = path.resolve(__dirname, '..', '..');

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${label}-`));
}

/** The local cloud's profile a benchmark runs under: `--profile production` (profile.ts), else local. */
export const PROFILE = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : 'local';

export function runCloud(dataDir: string, spec: string): Promise<SpawnedCloud> {
  console.log(`profile: ${PROFILE}`);
  return spawnLocalCloud(ROOT, { LOCALCLOUD_DATA: dataDir, LOCALCLOUD_SPEC: spec, LOCALCLOUD_PROFILE: PROFILE });
}

export async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times;
}

export function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (v: number) => `${v.toFixed(2)} ms`;

/** Prints a Markdown table (the form docs/PERFORMANCE.md takes the figures in). */
export function printTable(header: string[], rows: string[][]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** Runs a benchmark's main; a failure is printed and ends the process with status 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
