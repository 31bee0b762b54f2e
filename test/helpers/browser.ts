import fs from 'fs';
import os from 'os';
import path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { clockOffsetMs, shiftedDate } from './clock';

/**
 * Debian's Chromium driven by playwright-core, for the e2e tests (see /work/shared/notes/PLATFORM.md):
 * a persistent context in a temp profile, headless, and no request leaves loopback.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  /** Requests that were refused because they left loopback. */
  blocked: string[];
  close(): Promise<void>;
}

export function isLoopback(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
    return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  } catch {
    return false;
  }
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's Chromium. Install it with \`apt-get install -y chromium fonts-wqy-microhei\``);
  }
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: PHONE,
      deviceScaleFactor: 1,
      isMobile: false,
      hasTouch: false,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  } catch (err) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  // The pages run on the tests' clock (TEST_NOW, pinClock): Date shifted as in clock.ts, timers real.
  const offsetMs = clockOffsetMs();
  if (offsetMs) await context.addInitScript({ content: `window.Date = (${shiftedDate.toString()})(Date, () => ${offsetMs});` });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    blocked,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new tab the size of a phone (390x844), collecting what the app reports as wrong for the test to check:
 * uncaught page errors and messages logged with console.error (the app logs nothing in normal use; a
 * component's failure caught and logged by a framework shows only there).
 * `clearStorage`: the app starts with empty localStorage (Taro's storage on h5), as on a first visit.
 */
export async function newPhonePage(browser: TestBrowser, options: { clearStorage?: boolean } = {}): Promise<Page & { errors: string[] }> {
  const page = (await browser.context.newPage()) as Page & { errors: string[] };
  await page.setViewportSize(PHONE);
  if (options.clearStorage) await page.addInitScript(() => window.localStorage.clear());
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(`console.error: ${message.text()}`);
  });
  return page;
}

/**
 * The page Taro's h5 router is showing: every opened page stays in the DOM as a `.taro_page`, the
 * hidden ones with `display: none`; a page being pushed slides in over 0.5-1 s. The visible one is
 * the last `.taro_page` that is not hidden.
 */
export function currentPage(page: Page): Locator {
  return page.locator('.taro_page:visible').last();
}

/** Waits until the current page's route (hash) is `route`, e.g. '/pages/service/team', and its content shows. */
export async function waitForRoute(page: Page, route: string, timeout = 15000): Promise<Locator> {
  await page.waitForFunction((r) => location.hash.replace(/^#/, '').split('?')[0] === r, route, { timeout });
  const current = page.locator(`.taro_page[id^="${route}"]:visible`).last();
  await current.waitFor({ state: 'visible', timeout });
  await waitForSlide(current);
  return current;
}

/** Waits for a page's slide-in transition to finish (its box no longer moves). */
export async function waitForSlide(locator: Locator, timeout = 5000): Promise<void> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeout) {
    const box = await locator.boundingBox();
    const now = box ? `${Math.round(box.x)},${Math.round(box.y)}` : '';
    if (box && now === last && Math.round(box.x) === 0) return;
    last = now;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until `text` (a substring or a pattern) is visible inside `scope`, and returns its locator. */
export async function waitForText(scope: Page | Locator, text: string | RegExp, timeout = 15000): Promise<Locator> {
  const loc = scope.getByText(text).first();
  await loc.waitFor({ state: 'visible', timeout });
  return loc;
}

/** Waits until no element inside `scope` shows `text`. */
export async function waitForNoText(scope: Page | Locator, text: string | RegExp, timeout = 15000): Promise<void> {
  await scope.getByText(text).first().waitFor({ state: 'hidden', timeout });
}

/** Polls `read` until `accept` holds, then returns the last value (throws with it on timeout). */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = 15000, what = 'condition'): Promise<T> {
  const started = Date.now();
  let value = await read();
  while (!accept(value)) {
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
