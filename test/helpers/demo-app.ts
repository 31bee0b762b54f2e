import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import type { Locator, Page } from 'playwright-core';
import { callFunction, ROOT, startCloud, tempDataDir, TestCloud } from './cloud';
import { currentPage, launchBrowser, newPhonePage, TestBrowser, waitForRoute, waitForText } from './browser';
import { SECRET_ENV } from '../../localcloud/src/secret';
import { cloudClockEnv } from './clock';
import { lateBound } from './late-bound';

/**
 * The h5 app as `npm start` serves it (local cloud serving dist/h5 and the functions on one origin,
 * demo data seeded by dist/demo/seed-cli.js), isolated on a free port with a temp store, for the
 * Chromium e2e suites. What a page should show is asked of the functions directly, as the same demo
 * identity, and compared with what the page shows. `{ seed: false }`: an empty store instead, for a
 * story that builds everything through the app, as people who open it with their own OPENIDs.
 */

const H5_INDEX = path.join(ROOT, 'dist', 'h5', 'index.html');
const SEED_CLI = path.join(ROOT, 'dist', 'demo', 'seed-cli.js');

export const RESIDENT = 'demo-resident';
export const STAFF = 'demo-staff';
export const STRANGER = 'demo-stranger';
export const LEADER = 'demo-leader';
export const ADMIN = 'demo-admin';

type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string };
export type TrackedPage = Page & { errors: string[] };

export interface DemoApp {
  cloud: TestCloud;
  browser: TestBrowser;
  /** A function action as the app calls it, as `openid`; throws unless it succeeds. */
  call<T>(fn: string, action: string, input: unknown, openid?: string): Promise<T>;
  /**
   * A new phone-sized tab as a first-time visitor, on the 服务 tab: as the demo identity 居民, or as
   * `openid` (any OPENID: the h5 build's `?openid=`, see src/stores/identity.ts).
   */
  openApp(options?: { openid?: string }): Promise<TrackedPage>;
  /** Closes the tabs opened so far (after each test). */
  closePages(): Promise<void>;
  stop(): Promise<void>;
}

function runSeeder(url: string, secret: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SEED_CLI], {
      cwd: ROOT,
      env: { ...process.env, ...cloudClockEnv(), LOCALCLOUD_URL: url, [SECRET_ENV]: secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`dist/demo/seed-cli.js exited with ${code}:\n${out}`))));
  });
}

export interface DemoAppOptions {
  /** Seed the demo data (default); false: the store starts empty. */
  seed?: boolean;
}

export async function startDemoApp({ seed = true }: DemoAppOptions = {}): Promise<DemoApp> {
  if (!fs.existsSync(H5_INDEX)) {
    throw new Error('dist/h5/index.html is missing: build the h5 app first with `npx taro build --type h5` (npm test runs it before jest)');
  }
  if (seed && !fs.existsSync(SEED_CLI)) throw new Error('dist/demo/seed-cli.js is missing: run `npm run build` first (npm test does)');
  // Chromium first: a missing browser should fail fast, before anything is started.
  const browser = await launchBrowser();
  let cloud: TestCloud;
  try {
    cloud = await startCloud({ dataDir: tempDataDir('e2e'), env: { PORT: '0', LOCALCLOUD_STATIC: path.join(ROOT, 'dist', 'h5') } });
    if (seed) await runSeeder(cloud.url, cloud.secret);
  } catch (err) {
    await browser.close();
    throw err;
  }
  const pages: Page[] = [];
  return {
    cloud,
    browser,
    async call<T>(fn: string, action: string, input: unknown, openid = RESIDENT): Promise<T> {
      const { body } = await callFunction<{ result?: Result<T>; errMsg: string }>(cloud.url, fn, { action, input }, openid);
      if (body.errMsg !== 'cloud.callFunction:ok' || !body.result) throw new Error(`${fn}.${action}: ${body.errMsg}`);
      if (!body.result.ok) throw new Error(`${fn}.${action}: ${body.result.code} ${body.result.message}`);
      return body.result.data;
    },
    async openApp({ openid }: { openid?: string } = {}) {
      const page = await newPhonePage(browser, { clearStorage: true });
      pages.push(page);
      await page.goto(openid ? `${cloud.url}/?openid=${encodeURIComponent(openid)}` : `${cloud.url}/`);
      await waitForRoute(page, '/pages/service/index');
      return page;
    },
    async closePages() {
      await Promise.all(pages.splice(0).map((p) => p.close().catch(() => undefined)));
    },
    async stop() {
      await browser.close();
      await cloud.stop();
      fs.rmSync(cloud.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The demo app for one test file: started before its tests, its tabs closed after each, stopped after
 * them all. Call at the top of the file; the answer is the app once it has started.
 */
export function useDemoApp(options: DemoAppOptions = {}): DemoApp {
  let app: DemoApp | undefined;
  beforeAll(async () => {
    app = await startDemoApp(options);
  }, 90_000);
  afterEach(() => app?.closePages());
  afterAll(() => app?.stop());
  return lateBound(() => app, 'the demo app');
}

/** A choice chip by its label (a chosen chip reads "✓ label"). */
export function chip(scope: Locator, label: string): Locator {
  return scope.locator('taro-button-core.chip').filter({ hasText: new RegExp(`^(✓ )?${label}$`) });
}

/** Switches the h5 build's demo identity (居民, 社区工作者, 队长, 管理员, 新用户) from the bar on the page now showing. */
export async function switchIdentity(page: Page, label: string): Promise<void> {
  const bar = currentPage(page).getByTestId('demo-identity');
  await bar.getByText('切换').click();
  await chip(bar, label).click();
  await waitForText(bar, `演示身份：${label}`);
}
