/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// (Node's export conditions: test/helpers/weapp loads the local cloud's modules, whose Node builds jsdom would not pick.)
import fs from 'fs';
import path from 'path';
import { ensureWeappBuild, WEAPP_DIR } from '../helpers/weapp';

/**
 * What WeChat requires before the 服务站 tab may ask for a position, checked in the built app.json:
 * the private APIs declared, the reason shown when asking, the privacy-consent check on, and the
 * station page in the main package with the tab.
 */
let appJson: Record<string, any>;
beforeAll(() => {
  ensureWeappBuild();
  appJson = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8'));
}, 300_000);

test('declares the location APIs it calls, and only those (precise location, never also the fuzzy one)', () => {
  expect([...appJson.requiredPrivateInfos].sort()).toEqual(['chooseLocation', 'getLocation']);
  expect(appJson.requiredPrivateInfos).not.toContain('getFuzzyLocation');
});

test('gives WeChat the reason to show when asking for the location, within its 30 characters', () => {
  const desc: string = appJson.permission['scope.userLocation'].desc;
  expect(desc).toContain('党群服务站');
  expect(desc).toContain('不会保存');
  expect([...desc].length).toBeLessThanOrEqual(30);
});

test('turns the privacy-consent check on', () => {
  expect(appJson.__usePrivacyCheck__).toBe(true);
});

test('the station page is in the main package, next to the tab', () => {
  expect(appJson.pages).toEqual(expect.arrayContaining(['pages/stations/index', 'pages/stations/detail']));
});

test('every tab has an icon and its selected icon, PNG files in the build within WeChat’s 40 KB', () => {
  expect(appJson.tabBar.list.length).toBe(4);
  for (const tab of appJson.tabBar.list) {
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      expect(icon).toMatch(/\.png$/);
      const file = path.join(WEAPP_DIR, icon);
      expect(fs.readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      expect(fs.statSync(file).size).toBeLessThanOrEqual(40 * 1024);
    }
    expect(tab.selectedIconPath).not.toBe(tab.iconPath);
  }
});
