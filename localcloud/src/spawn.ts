import { ChildProcess, spawn } from 'child_process';
import path from 'path';
import { newSecret, SECRET_ENV } from './secret';

/**
 * Starts the built local cloud (`dist/localcloud/cli.js serve`, as `npm run cloud` does) as a child
 * process on a free port, for tests and benchmarks, and reports when it is ready.
 */
export interface SpawnedCloud {
  url: string;
  process: ChildProcess;
  /** Milliseconds from spawn to "ready". */
  startMs: number;
  /** The cloud's secret (secret.ts): for the SDK from this process and for timer functions. */
  secret: string;
  /** Graceful stop. */
  stop(): Promise<void>;
  /** kill -9, as a crash. */
  kill(): Promise<void>;
}

export async function spawnLocalCloud(root: string, env: Record<string, string>): Promise<SpawnedCloud> {
  const started = process.hrtime.bigint();
  const secret = env[SECRET_ENV] ?? newSecret();
  const child = spawn(process.execPath, [path.join(root, 'dist', 'localcloud', 'cli.js'), 'serve'], {
    env: { ...process.env, PORT: '0', ...env, [SECRET_ENV]: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`local cloud exited (${code}) before it was ready:\n${stderr}`)));
  });
  const startMs = Number(process.hrtime.bigint() - started) / 1e6;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = (signal: NodeJS.Signals) => async () => {
    child.kill(signal);
    await exited;
  };
  return { url, process: child, startMs, secret, stop: end('SIGTERM'), kill: end('SIGKILL') };
}
