import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { sdkEnvironment } from '../../localcloud/src/server';

/**
 * Starts the built local cloud (`node dist/localcloud/cli.js serve`, as `npm run cloud` does) on a
 * free port with a fresh store, and points this process's wx-server-sdk at it.
 */
export const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'localcloud', 'cli.js');

export interface TestCloud {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Graceful stop. */
  stop(): Promise<void>;
  /** kill -9, as a crash. */
  kill(): Promise<void>;
}

export function tempDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `localcloud-${label}-`));
}

export async function startCloud(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestCloud> {
  if (!fs.existsSync(CLI)) throw new Error('dist/localcloud/cli.js is missing: run `npm run build` first (npm test does)');
  const dataDir = options.dataDir ?? tempDataDir('test');
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, PORT: '0', LOCALCLOUD_DATA: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`local cloud exited (${code}) before it was ready:\n${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    dataDir,
    process: child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Points wx-server-sdk in this process at the cloud; call before the SDK (or function code) is loaded. */
export function useCloudFromThisProcess(url: string): void {
  Object.assign(process.env, sdkEnvironment(url));
}

/** Calls a function through the host, as the h5 app's transport does; `openid` stands in for WeChat's login. */
export async function callFunction<T = unknown>(url: string, name: string, data: unknown, openid?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(data),
  });
  return { status: res.status, body: (await res.json()) as T };
}
