import fs from 'fs';
import os from 'os';
import path from 'path';
import { CallCounts } from '../../localcloud/src/call-meter';
import { CALLS_HEADER, sdkEnvironment } from '../../localcloud/src/server';
import { SECRET_HEADER } from '../../localcloud/src/secret';
import { SpawnedCloud, spawnLocalCloud } from '../../localcloud/src/spawn';
import { cloudClockEnv } from './clock';

/** The built local cloud on a free port with a fresh store (see spawnLocalCloud), for tests. */
export const ROOT = path.resolve(__dirname, '..', '..');

export interface TestCloud extends SpawnedCloud {
  dataDir: string;
}

export function tempDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `localcloud-${label}-`));
}

export async function startCloud(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestCloud> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'localcloud', 'cli.js'))) {
    throw new Error('dist/localcloud/cli.js is missing: run `npm run build` first (npm test does)');
  }
  const dataDir = options.dataDir ?? tempDataDir('test');
  // Every action's database-call budget is checked in every test that calls it, and a query no
  // declared index serves fails its test (strict index mode, docs/LOCALCLOUD.md).
  const cloud = await spawnLocalCloud(ROOT, {
    LOCALCLOUD_DATA: dataDir,
    LOCALCLOUD_CALL_BUDGETS: '1',
    LOCALCLOUD_STRICT_INDEXES: '1',
    ...cloudClockEnv(),
    ...options.env,
  });
  secrets.set(cloud.url, cloud.secret);
  return { ...cloud, dataDir };
}

/** The secrets of the clouds this process started, by URL: calls to their timer functions carry them. */
const secrets = new Map<string, string>();

/** Points wx-server-sdk in this process at the cloud; call before the SDK (or function code) is loaded. */
export function useCloudFromThisProcess(cloud: Pick<SpawnedCloud, 'url' | 'secret'>): void {
  Object.assign(process.env, sdkEnvironment(cloud.url, cloud.secret));
}

/**
 * Calls a function through the host, as the h5 app's transport does; `openid` stands in for WeChat's
 * login. `calls`: the database calls the invocation made (the host's meter).
 */
export async function callFunction<T = unknown>(
  url: string,
  name: string,
  data: unknown,
  openid?: string,
): Promise<{ status: number; body: T; calls: CallCounts }> {
  const res = await fetch(`${url}/fn/${name}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(openid ? { 'x-wx-openid': openid } : {}),
      ...(secrets.has(url) ? { [SECRET_HEADER]: secrets.get(url)! } : {}),
    },
    body: JSON.stringify(data),
  });
  return { status: res.status, body: (await res.json()) as T, calls: JSON.parse(res.headers.get(CALLS_HEADER) ?? 'null') as CallCounts };
}

/** What an action answers (the data loosely typed: tests assert its shape). */
export type ActionAnswer = { ok: true; data: any } | { ok: false; code: string; message: string };

/** Calls one action of a function as `openid` and returns the function's answer; a failed call itself throws. */
export async function callAction(url: string, fn: string, action: string, input: unknown, openid?: string): Promise<ActionAnswer> {
  const { body } = await callFunction<{ result: ActionAnswer; errMsg: string }>(url, fn, { action, input }, openid);
  if (body.errMsg !== 'cloud.callFunction:ok') throw new Error(body.errMsg);
  return body.result;
}

/** The data of a successful answer; any refusal fails the test with its code and message. */
export function expectOk(answer: ActionAnswer): any {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.code}: ${answer.message}`);
  return answer.data;
}
