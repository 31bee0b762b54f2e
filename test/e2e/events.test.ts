import ExcelJS from 'exceljs';
import { EventDetail, Roles, Roster } from '../../contract';
import { addDays, chinaDate, chinaInstant } from '../../rules/china-time';
import { waitForRoute, waitForText } from '../helpers/browser';
import { chip, RESIDENT, STAFF, switchIdentity, useDemoApp } from '../helpers/demo-app';

/** 百家宴 from both sides in Chromium: a household signs up with a dish, staff see it on the roster and export it. */

const app = useDemoApp();

type WhoAmI = { roles: Roles; user: { name: string } | null };

/** A published banquet of the demo staff's community, a few days ahead, wanting 2 hot dishes and 1 soup. */
async function publishBanquet(): Promise<EventDetail> {
  const staff = await app.call<WhoAmI>('account', 'whoami', {}, STAFF);
  const day = addDays(chinaDate(new Date()), 5);
  const draft = await app.call<EventDetail>(
    'events',
    'createEvent',
    {
      communityId: staff.roles.staffOf[0],
      type: 'banquet',
      title: '冬至百家宴',
      description: '各家带一道拿手菜，一起过冬至。',
      place: { address: '社区文化广场', location: { lng: 121.26, lat: 37.5 }, stationId: null },
      startAt: chinaInstant(day, '11:00').toISOString(),
      endAt: chinaInstant(day, '13:30').toISOString(),
      deadline: chinaInstant(addDays(day, -1), '18:00').toISOString(),
      capacity: 40,
      maxHeadcount: 6,
      dishCaps: { hot: 2, soup: 1 },
    },
    STAFF,
  );
  return app.call<EventDetail>('events', 'publishEvent', { eventId: draft.id }, STAFF);
}

test('a household signs up for 百家宴 with a dish: the dish counts update, and staff see it on the roster', async () => {
  const banquet = await publishBanquet();
  const resident = await app.call<WhoAmI>('account', 'whoami', {}, RESIDENT);
  const page = await app.openApp();

  await page.goto(`${app.cloud.url}/#/pages/events/detail?id=${banquet.id}`);
  const detail = await waitForRoute(page, '/pages/events/detail');
  const dishes = detail.getByTestId('dishes');
  await waitForText(dishes, '热菜：已有 0 道 / 需要 2 道');
  await waitForText(dishes, '汤：已有 0 道 / 需要 1 道');

  // Three of the family, bringing a hot dish.
  const form = detail.getByTestId('signup-form');
  await form.getByLabel('人数加一').click();
  await form.getByLabel('人数加一').click();
  await waitForText(form.getByTestId('stepper-value'), '3');
  await chip(form, '热菜').click();
  await form.locator('taro-input-core input').fill('红烧肉');
  await form.locator('taro-button-core.btn-primary', { hasText: '确认报名' }).click();
  await waitForText(detail.getByTestId('signup-result'), '报名成功');
  await waitForText(dishes, '热菜：已有 1 道 / 需要 2 道');
  await waitForText(detail.getByTestId('event-info'), '剩余 37 人');
  const stored = await app.call<EventDetail>('events', 'getEvent', { eventId: banquet.id });
  expect(stored.dishes?.hot).toEqual({ cap: 2, taken: 1, left: 1 });
  expect(stored.placesLeft).toBe(37);

  // Community staff open the roster: the household, its headcount and its dish.
  await switchIdentity(page, '社区工作者');
  await page.goto(`${app.cloud.url}/#/packages/staff/roster?id=${banquet.id}`);
  const roster = await waitForRoute(page, '/packages/staff/roster');
  await waitForText(roster.getByTestId('roster-summary'), '报名 1 份，共 3 人');
  const row = roster.getByTestId('roster-signup').first();
  await waitForText(row, resident.user!.name);
  await waitForText(row, '3 人 · 带热菜：红烧肉');
  const staffView = await app.call<Roster>('events', 'roster', { eventId: banquet.id }, STAFF);
  await waitForText(row, staffView.signUps[0].phone);

  // 导出 Excel: the browser downloads the day's roster, and a spreadsheet reader finds the household in it.
  const [download] = await Promise.all([page.waitForEvent('download'), roster.locator('taro-button-core', { hasText: '导出 Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^百家宴-冬至百家宴-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const rows: string[][] = [];
  workbook.getWorksheet('花名册')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  const household = rows.find((r) => r.includes(resident.user!.name));
  expect(household).toEqual(expect.arrayContaining([staffView.signUps[0].phone, '3', expect.stringContaining('红烧肉')]));
  expect(page.errors).toEqual([]);
  expect(app.browser.blocked).toEqual([]);
});
