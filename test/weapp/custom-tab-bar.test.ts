/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// (Node's export conditions, as in the other weapp tests: test/helpers/weapp loads the local cloud's modules.)
import fs from 'fs';
import path from 'path';
import { TABS, tabIconPath } from '../../src/tabs';
import { ensureWeappBuild, loadWeapp, waitFor, Weapp, WEAPP_DIR } from '../helpers/weapp';

/**
 * The weapp tab bar is ours (WeChat's own cannot enlarge its labels): app.json asks for it, the build
 * ships it, and miniprogram-simulate renders it from the build with 长辈模式 on, as saved last time.
 */
let weapp: Weapp;
let appJson: Record<string, any>;
/** miniprogram-simulate's custom tab bar component, rendered once (its js runs once per test file). */
let tabBar: any;
beforeAll(() => {
  ensureWeappBuild();
  appJson = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8'));
  // The tab bar calls no function: no cloud is needed behind it.
  weapp = loadWeapp({ cloudUrl: 'http://127.0.0.1:9', storage: { 'elder-mode': true } });
  tabBar = renderTabBar();
}, 300_000);

function renderTabBar() {
  const simulate = require('miniprogram-simulate');
  // Taro leaves an unset `behaviors` as {}, which WeChat ignores and miniprogram-simulate cannot map over.
  const g = globalThis as any;
  const simulated = g.Component;
  g.Component = (definition: Record<string, unknown>) =>
    simulated({ ...definition, behaviors: Array.isArray(definition.behaviors) ? definition.behaviors : [] });
  let id: string;
  try {
    id = simulate.load(path.join(WEAPP_DIR, 'custom-tab-bar/index'), { rootPath: WEAPP_DIR });
  } finally {
    g.Component = simulated;
  }
  const component = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  component.attach(parent);
  return component;
}

test('app.json asks for the custom tab bar and still lists the four tabs, as WeChat requires', () => {
  expect(appJson.tabBar.custom).toBe(true);
  expect(appJson.tabBar.list.map((tab: { text: string }) => tab.text)).toEqual(['服务', '活动', '服务站', '我的']);
  const config = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'custom-tab-bar/index.json'), 'utf8'));
  expect(config.component).toBe(true);
  for (const ext of ['js', 'wxml', 'wxss']) expect(fs.existsSync(path.join(WEAPP_DIR, `custom-tab-bar/index.${ext}`))).toBe(true);
  // WeChat draws a custom tab bar only on tab pages that declare usingComponents.
  for (const tab of TABS) expect(JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, `${tab.pagePath}.json`), 'utf8')).usingComponents).toBeDefined();
});

test('draws the four tabs with their icons and labels, half as large again in 长辈模式', async () => {
  const dom = tabBar.dom as HTMLElement;
  await waitFor(() => (dom.textContent ?? '').includes('我的'), 'the tab bar to render');
  expect(dom.textContent!.replace(/\s+/g, '')).toBe('服务活动服务站我的');
  // An <image>'s src lives in the data Taro hands the template, not in simulate's DOM.
  expect(dom.querySelectorAll('wx-image')).toHaveLength(4);
  const icons = JSON.stringify(tabBar.data).match(/\/assets\/tabbar\/[\w-]+\.png/g);
  expect(icons).toEqual(TABS.map((tab) => `/${tabIconPath(tab.icon, false)}`));
  for (const icon of icons!) expect(fs.existsSync(path.join(WEAPP_DIR, icon))).toBe(true);
  // 长辈模式 was on at launch: 16 px labels and 48 px targets become 24 px and 72 px.
  expect(dom.innerHTML).toContain('--tab-scale: 1.5');
  expect(weapp.callsOf('getStorageSync')).toContainEqual(['elder-mode']);
});

test('a tap on a tab switches to it', async () => {
  await waitFor(() => (tabBar.dom.textContent ?? '').includes('活动'), 'the tab bar to render');
  const events = tabBar.querySelectorAll('.tab-bar-item')[1];
  events.dispatchEvent('tap');
  await waitFor(() => weapp.callsOf('switchTab').length > 0, 'wx.switchTab');
  expect(weapp.callsOf('switchTab')[0][0]).toMatchObject({ url: '/pages/events/index' });
});

test('marks the tab whose page is shown', async () => {
  // The page's own data fails to load here (no cloud); showing it is what tells the tab bar.
  const page = weapp.renderPage('pages/me/index');
  try {
    await waitFor(() => JSON.stringify(tabBar.data).includes('/assets/tabbar/me-selected.png'), 'the 我的 tab to be marked');
    const labels = Array.from(tabBar.dom.querySelectorAll('wx-text')) as HTMLElement[];
    expect(labels.map((label) => label.getAttribute('style'))).toEqual(['color: #4A4A4A;', 'color: #4A4A4A;', 'color: #4A4A4A;', 'color: #B3261E;']);
    expect(tabBar.dom.querySelectorAll('.main--tab-bar-item-selected')).toHaveLength(1);
  } finally {
    page.close();
  }
});

test('its style sizes every part by the scale, and keeps the bottom clear of the home indicator', () => {
  const wxss = fs.readFileSync(path.join(WEAPP_DIR, 'custom-tab-bar/index.wxss'), 'utf8');
  expect(wxss).toContain('min-height:calc(96rpx*var(--tab-scale))');
  expect(wxss).toContain('font-size:calc(32rpx*var(--tab-scale))');
  expect(wxss).toContain('env(safe-area-inset-bottom)');
});
