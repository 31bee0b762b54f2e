import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

/** Shared by the benchmark scripts: run the built local cloud and time things through the real SDK. */

export const ROOT = path.resolve(__dirname, '..', '..');

export interface RunningCloud {
  url: string;
  startMs: number;
  stop(): Promise<void>;
}

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${label}-`));
}

export async function runCloud(dataDir: string, spec: string): Promise<RunningCloud> {
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/localcloud/cli.js'), 'serve'], {
    env: { ...process.env, PORT: '0', LOCALCLOUD_DATA: dataDir, LOCALCLOUD_SPEC: spec },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`local cloud exited with ${code}`)));
  });
  const startMs = Number(process.hrtime.bigint() - started) / 1e6;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    startMs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
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

export function mulberry32(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
