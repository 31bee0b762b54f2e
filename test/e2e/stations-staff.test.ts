import type { Locator, Page } from 'playwright-core';
import type { Community, Coverage, CoverageArea, NearbyStation, Station, StationDetail } from '../../contract';
import { addDays, chinaDate } from '../../rules/china-time';
import { straightMetres } from '../../rules/geo';
import { currentPage, waitForRoute, waitForText } from '../helpers/browser';
import { chip, RESIDENT, STAFF, switchIdentity, useDemoApp } from '../helpers/demo-app';
import { pickOnPlane } from '../helpers/place-picker';

/**
 * The staff side of the stations in Chromium: a community worker fills the 15-minute circle's gap at
 * a compound with a new station (its position picked on the map, hours, a holiday) and the coverage shows it covered;
 * deactivated with a reason, the compound falls out of the circle again and residents no longer find it.
 */

const app = useDemoApp();

/** Types into the Taro <Input> labelled `label` inside `scope` (the label is on Taro's element, the text goes to its <input>). */
async function typeInto(scope: Locator, label: string, value: string): Promise<void> {
  await scope.locator(`taro-input-core[aria-label="${label}"] input`).fill(value);
}

/** Opens the coverage view and waits until its totals read as the function's `expected` (the list renders with them). */
async function expectTotals(page: Page, expected: Coverage): Promise<Locator> {
  await page.goto(`${app.cloud.url}/#/packages/staff/coverage`);
  const view = await waitForRoute(page, '/packages/staff/coverage');
  const totals = view.getByTestId('coverage-totals');
  await waitForText(totals, `${expected.coveredHouseholds} / ${expected.households} 户`);
  await waitForText(totals, `分布在 ${expected.uncovered.length} 个小区或社区`);
  return view;
}

test('a compound station closes a gap in the 15-minute circle; deactivated, the gap is back and residents no longer find it', async () => {
  const coverage = () => app.call<Coverage>('stations', 'coverage', {}, STAFF);
  const before = await coverage();
  // The uncovered compound with the most households: first of the compounds in the list.
  const compound = before.uncovered.find((a) => a.kind === 'compound');
  if (!compound) throw new Error('the demo staff’s community has no compound outside the 15-minute circle');
  const left = (after: Coverage) => before.uncovered.filter((a) => !after.uncovered.some((b) => b.id === a.id));
  const households = (areas: CoverageArea[]) => areas.reduce((sum, a) => sum + a.households, 0);

  const page = await app.openApp();
  await switchIdentity(page, '社区工作者');
  await page.locator('.taro-tabbar__tabbar .weui-tabbar__label', { hasText: '我的' }).click();
  const me = await waitForRoute(page, '/pages/me/index');
  await me.getByTestId('workbench-staff').click();
  const workbench = await waitForRoute(page, '/packages/staff/index');
  await workbench.getByTestId('stations-entry').click();
  const list = await waitForRoute(page, '/packages/staff/stations');

  // Before: the compound is among the places left out.
  await list.locator('taro-button-core', { hasText: '15分钟服务圈覆盖' }).click();
  let view = await waitForRoute(page, '/packages/staff/coverage');
  await waitForText(view.getByTestId('coverage-totals'), `${before.coveredHouseholds} / ${before.households} 户`);
  await waitForText(view.getByTestId('coverage-totals'), `分布在 ${before.uncovered.length} 个小区或社区`);
  await waitForText(view.getByTestId('uncovered').filter({ hasText: compound.name }).first(), `${compound.households} 户`);
  await page.goBack();
  await waitForRoute(page, '/packages/staff/stations');

  // A compound station about 30 m from the compound's centre, open Monday to Friday, closed tomorrow.
  await list.locator('taro-button-core', { hasText: '新建服务站' }).click();
  const editorPage = await waitForRoute(page, '/packages/staff/station-edit');
  const editor = editorPage.getByTestId('station-editor');
  const name = `${compound.name}党群服务站`;
  await typeInto(editor, '名称', name);
  await chip(editor, '小区级').click();
  await typeInto(editor, '地址', `${compound.name}南门`);
  await typeInto(editor, '电话', '0535-6309999');
  // Picked on the plane, which opens on the community's centre: a tap about 30 m north of the compound's.
  const aimed = { lng: compound.location.lng, lat: compound.location.lat + 0.0003 };
  const [community] = (await app.call<Community[]>('directory', 'listCommunities', {})).filter((c) => c.id === compound.communityId);
  const place = editor.getByTestId('position');
  await pickOnPlane(place, community.location, aimed);
  await waitForText(place.getByTestId('position-words'), '已在地图上选好位置');
  expect(await place.textContent()).not.toMatch(/经度|纬度|GCJ/);
  await chip(editor.getByTestId('services'), '图书').click();
  await editor.getByTestId('hours-editor').locator('taro-button-core', { hasText: '复制到周二至周五' }).click();
  const holidays = editor.getByTestId('exceptions-editor');
  await holidays.locator('taro-button-core', { hasText: '＋ 添加特殊日期' }).click();
  await typeInto(holidays, '第1个特殊日期的说明', '小区停电休息');
  await editor.locator('taro-button-core.btn-primary', { hasText: '建好服务站' }).click();
  await waitForText(editor.getByTestId('station-saved'), '服务站已建好');

  // Stored as given: level, community, the position where the tap fell (a tap is worth about 10 m here), hours and the holiday.
  const mine = await app.call<{ items: Station[] }>('stations', 'listForStaff', { pageSize: 50 }, STAFF);
  const created = mine.items.find((s) => s.name === name);
  expect(created).toMatchObject({ level: 'compound', communityId: compound.communityId, active: true, services: ['图书'] });
  expect(straightMetres(created!.location, aimed)).toBeLessThan(15);
  const tomorrow = addDays(chinaDate(new Date()), 1);
  const detail = await app.call<StationDetail>('stations', 'get', { stationId: created!.id });
  expect(detail.station.exceptions).toEqual([{ date: tomorrow, periods: [], note: '小区停电休息' }]);
  expect(Object.keys(detail.station.openingHours).sort()).toEqual(['1', '2', '3', '4', '5']);
  const nearest = (from = compound.location) => app.call<{ items: NearbyStation[] }>('stations', 'nearest', { from, pageSize: 5 }, RESIDENT);
  expect((await nearest()).items[0]).toMatchObject({ id: created!.id, withinCircle: true });

  // Covered now: the households covered went up by the compound's (and any neighbour's it also reaches).
  const covered = await coverage();
  const nowCovered = left(covered);
  expect(nowCovered.map((a) => a.id)).toContain(compound.id);
  expect(covered.coveredHouseholds - before.coveredHouseholds).toBe(households(nowCovered));
  view = await expectTotals(page, covered);
  expect(await view.getByTestId('uncovered').filter({ hasText: compound.name }).count()).toBe(0);

  // Deactivated with a reason (and a confirmation): the gap is back, and residents no longer find the station.
  await page.goto(`${app.cloud.url}/#/packages/staff/station-edit?id=${created!.id}`);
  const again = (await waitForRoute(page, '/packages/staff/station-edit')).getByTestId('station-editor');
  const active = again.getByTestId('active-switch');
  await typeInto(active, '停用原因', '小区物业收回房屋');
  await active.locator('taro-button-core', { hasText: '停用' }).click();
  const modal = page.locator('.taro__modal');
  await waitForText(modal, '居民将看不到它');
  await modal.locator('.taro-model__confirm').click();
  await waitForText(again, '已停用');

  const after = await coverage();
  expect(after).toEqual(before);
  view = await expectTotals(page, after);
  await waitForText(view.getByTestId('uncovered').filter({ hasText: compound.name }).first(), `${compound.households} 户`);
  expect((await nearest()).items.map((s) => s.id)).not.toContain(created!.id);
  expect((await nearest(created!.location)).items.map((s) => s.id)).not.toContain(created!.id);

  expect(page.errors).toEqual([]);
  expect(app.browser.blocked).toEqual([]);
  expect(await currentPage(page).locator('taro-map-core').count()).toBe(0);
});
