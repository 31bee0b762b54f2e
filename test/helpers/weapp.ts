import { spawnSync } from 'child_process';
import fs from 'fs';
import http from 'http';
import path from 'path';
import { ROOT } from './cloud';

/**
 * Runs the real weapp build (dist/weapp: app.js with its common/vendors/taro/runtime chunks, a page's
 * js/json/wxml, base.wxml, comp, utils.wxs) inside jest's jsdom with miniprogram-simulate, as far as a
 * page goes in WeChat: Taro's runtime and React render into `setData`, the base template turns the
 * data into views, and `wx.cloud.callFunction` reaches the real functions through the local cloud's host.
 *
 * What WeChat provides is stood in for here:
 * - `wx`: every API the app touches, defined before taro.js loads (Taro wraps only the keys present
 *   then). miniprogram-simulate's own mocks are the base; ours, recorded in `calls`, override them.
 * - `App` (keeps Taro's app object; `onLaunch`/`onShow` are called as WeChat would), `getApp`,
 *   `getCurrentPages` (the rendered pages, newest last).
 * - `Page`: turns Taro's page object into a custom component for miniprogram-simulate: every function
 *   becomes a method, attach runs onLoad(query) + onShow, ready runs onReady, detach runs onUnload.
 *
 * One app per test file (jest's module registry loads the build once); switch the caller with setOpenid.
 */

export const WEAPP_DIR = path.join(ROOT, 'dist', 'weapp');
/** What the weapp build is made from: a build older than any of these is stale. */
const SOURCES = ['src', 'contract', 'rules', 'config', 'babel.config.js', 'package.json'].map((p) => path.join(ROOT, p));

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

/** Builds dist/weapp (`taro build --type weapp`, ~15 s) when it is missing or older than its sources. */
export function ensureWeappBuild(): void {
  const built = path.join(WEAPP_DIR, 'app.js');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  if (builtAt && builtAt >= Math.max(...SOURCES.map(newestMtime))) return;
  const taro = path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro');
  const res = spawnSync(process.execPath, [taro, 'build', '--type', 'weapp'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (res.status !== 0 || !fs.existsSync(built)) {
    throw new Error(`taro build --type weapp failed (${res.status}):\n${(res.stderr || '').slice(-3000)}\n${(res.stdout || '').slice(-3000)}`);
  }
}

export interface WxCall {
  api: string;
  args: unknown[];
}

/** A rendered page: its simulate component, its text, and waits on what React will render. */
export interface RenderedPage {
  /** miniprogram-simulate's root component (dom, querySelector, dispatchEvent, instance). */
  component: any;
  /** The page's visible text (its DOM text content, whitespace collapsed). */
  text(): string;
  /** Resolves with the text once `expected` appears (a string or pattern); rejects with the text seen on timeout. */
  waitForText(expected: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until `predicate(text)` holds. */
  waitUntil(predicate: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** The innermost element whose text contains `needle` (the template keeps no data-testid). */
  findByText(needle: string): Element | null;
  /** Taps an element as a finger would (touchstart + touchend), which reaches React's onClick. */
  tap(element: Element): void;
  /** Types `value` into an <input> as WeChat reports it (an input event with the value), which reaches React's onInput. */
  type(input: Element, value: string): void;
  /** Detaches the page (runs onUnload). */
  close(): void;
}

export interface Weapp {
  /** Every wx API call the app made, in order. */
  calls: WxCall[];
  callsOf(api: string): unknown[][];
  /** Whose OPENID `wx.cloud.callFunction` sends, as WeChat attaches the logged-in user's (undefined: none). */
  setOpenid(openid: string | undefined): void;
  /** Renders a page of the build (e.g. 'pages/me/index') into document.body and runs its lifecycle. */
  renderPage(route: string, query?: Record<string, string>): RenderedPage;
  /** What wx.setStorageSync kept (WeChat's local storage), readable and seedable by tests. */
  storage: Map<string, unknown>;
  /** What an async API that just succeeds answers from now on, e.g. the place wx.chooseLocation picks. */
  setAnswer(api: string, result: object): void;
  /** The scene wx.getLaunchOptionsSync reports from now on: 1001 (a normal launch) until set; 1154 is a page opened from 朋友圈. */
  setLaunchScene(scene: number): void;
}

function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body ?? {}));
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(data.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') });
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

type Callbacks = { success?: (res: any) => void; fail?: (err: any) => void; complete?: (res: any) => void };

/** WeChat's calling convention: callbacks when given, otherwise a promise. */
function settle<T>(options: Callbacks | undefined, work: () => Promise<T>): Promise<T> | undefined {
  const p = work();
  if (options && (options.success || options.fail || options.complete)) {
    p.then(
      (res) => {
        options.success?.(res);
        options.complete?.(res);
      },
      (err) => {
        options.fail?.(err);
        options.complete?.(err);
      },
    );
    return undefined;
  }
  return p;
}

/** Polls until `predicate` holds (React and the function calls are asynchronous). */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let booted: Weapp | undefined;

/**
 * Loads the weapp build once per test file (call after the cloud is up): sets the globals WeChat
 * provides, loads app.js, launches the app. `cloudUrl` is the local cloud's address; `storage` is
 * what WeChat's local storage already holds at launch (e.g. 长辈模式 switched on last time).
 */
export function loadWeapp(options: { cloudUrl: string; openid?: string; launchPath?: string; storage?: Record<string, unknown> }): Weapp {
  if (booted) throw new Error('loadWeapp: the build is already loaded in this test file (one app per file)');
  if (!fs.existsSync(path.join(WEAPP_DIR, 'app.js'))) throw new Error('dist/weapp is missing: call ensureWeappBuild() or run `npm run build:weapp`');
  const g = globalThis as any;
  let openid = options.openid;
  let launchScene = 1001;
  const calls: WxCall[] = [];
  const storage = new Map<string, unknown>(Object.entries(options.storage ?? {}));
  const answers = new Map<string, object>();
  const record = (api: string, args: unknown[]) => calls.push({ api, args });
  const ok = (api: string, extra: object = {}) => ({ errMsg: `${api}:ok`, ...extra });
  /** An async API that just succeeds (navigation, toasts…), recorded. */
  const asyncOk =
    (api: string, result: object = {}) =>
    (opts: Callbacks & Record<string, unknown> = {}) => {
      record(api, [opts]);
      return settle(opts, async () => ok(api, answers.get(api) ?? result));
    };

  const simulate = require('miniprogram-simulate');
  const baseApp = {
    SDKVersion: '3.7.0',
    language: 'zh_CN',
    version: '8.0.50',
    theme: 'light',
    enableDebug: false,
    host: { env: 'WeChat' },
    fontSizeSetting: 16,
    fontSizeScaleFactor: 1,
  };
  const systemInfo = {
    ...baseApp,
    brand: 'devtools',
    model: 'iPhone 12',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 750,
    statusBarHeight: 47,
    system: 'iOS 17.0',
    platform: 'devtools',
    safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  };

  const ours = {
    cloud: {
      init(opts?: unknown) {
        record('cloud.init', [opts]);
      },
      callFunction(opts: Callbacks & { name: string; data?: unknown }) {
        record('cloud.callFunction', [{ name: opts.name, data: opts.data }]);
        return settle(opts, async () => {
          let res: { status: number; body: any };
          try {
            res = await postJson(`${options.cloudUrl}/fn/${opts.name}`, opts.data ?? {}, openid ? { 'x-wx-openid': openid } : {});
          } catch (err) {
            throw { errCode: -1, errMsg: `cloud.callFunction:fail ${(err as Error).message}` };
          }
          if (res.body?.errMsg !== 'cloud.callFunction:ok')
            throw { errCode: res.body?.errCode ?? -1, errMsg: res.body?.errMsg ?? `cloud.callFunction:fail HTTP ${res.status}` };
          return { result: res.body.result, errMsg: res.body.errMsg, requestID: `local-${calls.length}` };
        });
      },
    },
    getStorageSync(key: string) {
      record('getStorageSync', [key]);
      return storage.has(key) ? storage.get(key) : '';
    },
    setStorageSync(key: string, value: unknown) {
      record('setStorageSync', [key, value]);
      storage.set(key, value);
    },
    removeStorageSync(key: string) {
      record('removeStorageSync', [key]);
      storage.delete(key);
    },
    getLaunchOptionsSync() {
      record('getLaunchOptionsSync', []);
      return { scene: launchScene, path: '', query: {}, referrerInfo: {}, forwardMaterials: [] };
    },
    getAppBaseInfo() {
      record('getAppBaseInfo', []);
      return { ...baseApp };
    },
    getSystemInfoSync() {
      record('getSystemInfoSync', []);
      return { ...systemInfo };
    },
    getWindowInfo() {
      return {
        pixelRatio: 3,
        screenWidth: 390,
        screenHeight: 844,
        windowWidth: 390,
        windowHeight: 750,
        statusBarHeight: 47,
        safeArea: systemInfo.safeArea,
        screenTop: 0,
      };
    },
    getDeviceInfo() {
      return { brand: 'devtools', model: 'iPhone 12', system: 'iOS 17.0', platform: 'devtools', pixelRatio: 3 };
    },
    getSystemInfo: (opts: Callbacks = {}) => settle(opts, async () => ok('getSystemInfo', systemInfo)),
    navigateTo: asyncOk('navigateTo'),
    redirectTo: asyncOk('redirectTo'),
    navigateBack: asyncOk('navigateBack'),
    switchTab: asyncOk('switchTab'),
    reLaunch: asyncOk('reLaunch'),
    showToast: asyncOk('showToast'),
    hideToast: asyncOk('hideToast'),
    showLoading: asyncOk('showLoading'),
    hideLoading: asyncOk('hideLoading'),
    showModal: asyncOk('showModal', { confirm: true, cancel: false }),
    makePhoneCall: asyncOk('makePhoneCall'),
    requestSubscribeMessage: asyncOk('requestSubscribeMessage', {}),
    scanCode: asyncOk('scanCode', { result: '', scanType: 'QR_CODE' }),
    openLocation: asyncOk('openLocation'),
    chooseLocation: asyncOk('chooseLocation', { name: '', address: '', latitude: 37.5, longitude: 121.26 }),
    getLocation: asyncOk('getLocation', { latitude: 37.496, longitude: 121.257, accuracy: 30 }),
    getFuzzyLocation: asyncOk('getFuzzyLocation', { latitude: 37.5, longitude: 121.26 }),
    setNavigationBarTitle: asyncOk('setNavigationBarTitle'),
    stopPullDownRefresh: asyncOk('stopPullDownRefresh'),
    pageScrollTo: asyncOk('pageScrollTo'),
    // As in WeChat, a selector query reads the page on screen (simulate's own global one is an empty stand-in).
    createSelectorQuery: () => pages[pages.length - 1].createSelectorQuery(),
    nextTick(cb: () => void) {
      Promise.resolve().then(cb);
    },
    onAppShow() {},
    onAppHide() {},
    offAppShow() {},
    offAppHide() {},
  };
  // simulate's require put its mock API on global.wx; ours override it. A fresh plain object, so
  // Taro's processApis sees every key (Object.keys + hasOwnProperty) when taro.js loads below.
  g.wx = { ...(g.wx ?? {}), ...ours };

  let app: any;
  const pages: any[] = [];
  g.App = (config: any) => {
    app = config;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages.slice();
  g.requirePlugin = () => ({});

  // Page → custom component: what miniprogram-simulate can mount.
  let pendingRoute = '';
  g.Page = (config: Record<string, any>) => {
    const route = pendingRoute;
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
    g.Component({
      data: config.data,
      methods,
      properties: { __query: { type: Object, value: {} } },
      lifetimes: {
        attached(this: any) {
          this.route = this.__route__ = route;
          pages.push(this);
          const query = { ...(this.data.__query ?? {}) };
          this.onLoad?.(query);
          this.onShow?.();
        },
        ready(this: any) {
          this.onReady?.();
        },
        detached(this: any) {
          this.onHide?.();
          this.onUnload?.();
          const i = pages.indexOf(this);
          if (i >= 0) pages.splice(i, 1);
        },
      },
    });
  };

  require(path.join(WEAPP_DIR, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  const launch = { path: options.launchPath ?? 'pages/service/index', query: {}, scene: 1001, referrerInfo: {} };
  app.onLaunch?.(launch);
  app.onShow?.(launch);

  // simulate.load runs a page's js once per registry (jest keeps modules cached): load each page once.
  const loaded = new Map<string, string>();
  const load = (route: string): string => {
    let id = loaded.get(route);
    if (!id) {
      pendingRoute = route;
      id = simulate.load(path.join(WEAPP_DIR, route), { rootPath: WEAPP_DIR }) as string;
      loaded.set(route, id);
    }
    return id;
  };

  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

  booted = {
    calls,
    storage,
    setAnswer(api, result) {
      answers.set(api, result);
    },
    callsOf: (api) => calls.filter((c) => c.api === api).map((c) => c.args),
    setOpenid(next) {
      openid = next;
    },
    setLaunchScene(scene) {
      launchScene = scene;
    },
    renderPage(route, query = {}) {
      const id = load(route);
      const component = simulate.render(id, { __query: query });
      const parent = document.createElement('parent-wrapper');
      document.body.appendChild(parent);
      component.attach(parent);
      const text = () => collapse(component.dom.textContent ?? '');
      const waitUntil = async (predicate: (t: string) => boolean, what: string, timeoutMs = 10000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const t = text();
          if (predicate(t)) return t;
          if (Date.now() > deadline) throw new Error(`${route}: timed out after ${timeoutMs} ms waiting for ${what}; page text: ${JSON.stringify(t)}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      return {
        component,
        text,
        waitUntil,
        waitForText: (expected, timeoutMs) =>
          waitUntil((t) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t)), JSON.stringify(String(expected)), timeoutMs),
        findByText(needle) {
          const all = Array.from(component.dom.querySelectorAll('*')) as Element[];
          // The innermost element whose text holds the needle.
          return all.reverse().find((el) => collapse(el.textContent ?? '').includes(needle)) ?? null;
        },
        tap(element) {
          // As WeChat delivers a tap: touchstart + touchend on the node; miniprogram-simulate turns them
          // into a `tap`, the base template's bindtap sends it to Taro's `eh`, and Taro to React's onClick.
          // Touch is miniprogram-simulate's polyfill (jsdom has none), as its own dispatchEvent uses.
          const point = () => new (g.Touch as any)({ identifier: 1, target: element, clientX: 1, clientY: 1, pageX: 1, pageY: 1 });
          const touch = (type: string, touches: unknown[]) =>
            element.dispatchEvent(new TouchEvent(type, { bubbles: true, cancelable: true, touches, changedTouches: [point()] } as TouchEventInit));
          touch('touchstart', [point()]);
          touch('touchend', []);
        },
        type(input, value) {
          // WeChat's input event carries the whole value; miniprogram-simulate's own dispatchEvent sends custom events this way.
          const exparser = require('miniprogram-exparser');
          const node = (input as Element & { __wxElement?: unknown }).__wxElement;
          if (!node) throw new Error(`${route}: type() needs a rendered <input>, got <${input.tagName.toLowerCase()}>`);
          exparser.Event.dispatchEvent(
            node,
            exparser.Event.create('input', { value, cursor: value.length }, { bubbles: true, capturePhase: true, composed: true }),
          );
        },
        close() {
          component.detach();
          parent.remove();
        },
      };
    },
  };
  return booted;
}
