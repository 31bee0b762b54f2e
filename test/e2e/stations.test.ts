import type { LngLat, NearbyStation, Station, StationDetail } from '../../contract';
import { wgs84ToGcj02 } from '../../rules/geo';
import { currentPage, waitForRoute, waitForText } from '../helpers/browser';
import { useDemoApp } from '../helpers/demo-app';

/**
 * The 服务站 tab in Chromium with a faked browser position: the browser reports WGS-84 near a demo
 * community station, the app converts it to GCJ-02, asks the real `stations.nearest`, and opens the station.
 */

const app = useDemoApp();

/** The WGS-84 point a GPS would report where GCJ-02 shows `gcj` (the offset barely changes over metres: one step suffices). */
function gcj02ToWgs84(gcj: LngLat): LngLat {
  const shifted = wgs84ToGcj02(gcj);
  return { lng: gcj.lng - (shifted.lng - gcj.lng), lat: gcj.lat - (shifted.lat - gcj.lat) };
}

/** A community station with the most teams and events held there, to open. */
async function busiestCommunityStation(): Promise<{ station: Station; detail: StationDetail }> {
  // The 30 community stations nearest the district centre.
  const { items } = await app.call<{ items: Station[] }>('stations', 'nearest', { from: { lng: 121.26, lat: 37.5 }, level: 'community', pageSize: 30 });
  const details = await Promise.all(items.map((s) => app.call<StationDetail>('stations', 'get', { stationId: s.id })));
  const best = details.sort((a, b) => b.teams.length + b.events.length - (a.teams.length + a.events.length))[0];
  if (!best || best.teams.length + best.events.length === 0) throw new Error('the demo data has no community station with teams or events');
  return { station: best.station, detail: best };
}

test('with the position allowed, the nearest station comes first with minutes on foot and 15分钟内, and opens with its teams and events', async () => {
  const { station, detail } = await busiestCommunityStation();
  // About 110 m north of the station, as a phone's GPS (WGS-84) would report it.
  const here = gcj02ToWgs84({ lng: station.location.lng, lat: station.location.lat + 0.001 });
  const expected = await app.call<{ items: NearbyStation[] }>('stations', 'nearest', { from: wgs84ToGcj02(here), pageSize: 10 });
  expect(expected.items[0].id).toBe(station.id);

  await app.browser.context.grantPermissions(['geolocation'], { origin: app.cloud.url });
  await app.browser.context.setGeolocation({ latitude: here.lat, longitude: here.lng, accuracy: 10 });
  const page = await app.openApp();
  await page.locator('.taro-tabbar__tabbar .weui-tabbar__label', { hasText: '服务站' }).click();
  const tab = await waitForRoute(page, '/pages/stations/index');
  // The reason comes first; nothing is asked before the tap.
  await waitForText(tab, '您的位置只用于这一次查找');
  await tab.getByText('使用我的位置').click();

  await waitForText(tab, '起点：我的位置');
  const cards = tab.getByTestId('station-card');
  await cards.first().waitFor({ state: 'visible', timeout: 15000 });
  const first = cards.first();
  await waitForText(first, station.name);
  const nearest = expected.items[0];
  expect(nearest.withinCircle).toBe(true);
  await waitForText(first, `步行约 ${nearest.walkingMinutes} 分钟`);
  await waitForText(first, '✓ 15分钟内');
  await waitForText(first, nearest.openState.open ? '营业中' : '已休息');
  // The list is the function's order, nearest first.
  // Each card's first title is the station's name (TitleRow).
  const names = await cards.evaluateAll((els) => els.map((el) => el.querySelector('.t-title.grow')?.textContent?.trim() ?? ''));
  expect(names).toEqual(expected.items.slice(0, names.length).map((s) => s.name));

  await first.getByText(station.name).click();
  const stationPage = await waitForRoute(page, '/pages/stations/detail');
  await waitForText(stationPage, `地址：${station.address}`);
  await waitForText(stationPage, '（今天）');
  for (const team of detail.teams) await waitForText(stationPage, team.name);
  for (const event of detail.events) await waitForText(stationPage, event.title);
  if (!detail.teams.length) await waitForText(stationPage, '暂时没有服务队在这里固定服务');
  if (!detail.events.length) await waitForText(stationPage, '近期没有在这里举办的活动');

  // Offline by design: no online map, nothing left loopback; and no page errors.
  expect(app.browser.blocked).toEqual([]);
  expect(page.errors).toEqual([]);
  expect(await currentPage(page).locator('taro-map-core').count()).toBe(0);
});

test('with the position refused, the resident starts from a community and still gets the nearest stations', async () => {
  await app.browser.context.clearPermissions();
  const page = await app.openApp();
  await page.locator('.taro-tabbar__tabbar .weui-tabbar__label', { hasText: '服务站' }).click();
  const tab = await waitForRoute(page, '/pages/stations/index');
  await tab.getByText('使用我的位置').click();
  await waitForText(tab, '没有获得位置权限');
  const own = await waitForText(tab, /从我的社区出发：/);
  const label = (await own.innerText()).replace('从我的社区出发：', '').trim();
  await own.click();
  await waitForText(tab, `起点：${label}`);
  await tab.getByTestId('station-card').first().waitFor({ state: 'visible', timeout: 15000 });
  expect(page.errors).toEqual([]);
});
