import path from 'path';
import type { Locator, Page } from 'playwright-core';
import { Booking, DayView, SERVICE_CLASS_LABELS, ServiceClass, Roles, TeamDetail, TeamSummary } from '../../contract';
import { formatOccurrence } from '../../src/format';
import { chinaDate } from '../../rules/china-time';
import { ROOT } from '../helpers/cloud';
import { leaveRoomInTheDay } from '../helpers/clock';
import { currentPage, PHONE, waitForRoute, waitForText, waitUntil } from '../helpers/browser';
import { ADMIN, chip, LEADER, RESIDENT, STAFF, STRANGER, switchIdentity, useDemoApp } from '../helpers/demo-app';

/** The resident's, staff's and leader's main journeys in the h5 app in Chromium (see test/helpers/demo-app.ts). */

/** `npm run screenshot` sets this to refresh the README's screenshot; plain test runs leave docs/ alone. */
const SCREENSHOT = process.env.E2E_SCREENSHOT ? path.join(ROOT, 'docs', 'screenshot-service.png') : undefined;

// The approval story books a slot later today, has it approved and checked in on the day.
leaveRoomInTheDay(45 * 60_000);
const app = useDemoApp();
const call = <T>(fn: string, action: string, input: unknown, openid?: string) => app.call<T>(fn, action, input, openid);
const openApp = () => app.openApp();

type WhoAmI = { openid: string; roles: Roles; user: { name: string; communityId: string | null } | null };

/** The teams as the 服务 tab lists them for the demo resident: from the community in their profile. */
const listTeams = async (input: { serviceClass?: ServiceClass; keyword?: string; cursor?: string; pageSize?: number }) => {
  const home = (await call<WhoAmI>('account', 'whoami', {})).user?.communityId ?? undefined;
  return call<{ items: TeamSummary[]; nextCursor: string | null }>('service', 'listTeams', { ...input, homeCommunityId: home });
};

/** Every team, in the list's order. */
async function listAllTeams(): Promise<TeamSummary[]> {
  let all: TeamSummary[] = [];
  for (let cursor: string | undefined, pages = 0; pages < 20; pages++) {
    const p = await listTeams({ cursor, pageSize: 50 });
    all = all.concat(p.items);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return all;
}

/**
 * The names on the team cards of the page now showing, once the list has settled on `expected`. The
 * list is virtualised: at the top of the page it holds the first of `expected` in order, either all of
 * them or enough to fill the screen (the last card rendered reaches below its bottom edge).
 */
async function waitForTeamNames(page: Page, expected: string[], what: string): Promise<string[]> {
  const cards = currentPage(page).getByTestId('team-card');
  const read = async () => {
    const names = await cards.locator('.t-title').allInnerTexts();
    const lastBottom = names.length ? await cards.last().evaluate((el) => el.getBoundingClientRect().bottom) : 0;
    return { names, lastBottom };
  };
  const { names } = await waitUntil(
    read,
    ({ names, lastBottom }) =>
      names.length > 0 &&
      JSON.stringify(names) === JSON.stringify(expected.slice(0, names.length)) &&
      (names.length === expected.length || lastBottom > PHONE.height),
    15000,
    `${what}: the first team cards of ${JSON.stringify(expected)}, filling the screen`,
  );
  return names;
}

/** A keyword that some but not all teams have in their name: a 2-character piece of a name, matching 2-20 teams. */
function pickKeyword(all: TeamSummary[]): string {
  const counts = new Map<string, number>();
  for (const t of all) {
    const pieces = new Set<string>();
    for (let i = 0; i + 2 <= t.name.length; i++) pieces.add(t.name.slice(i, i + 2));
    pieces.forEach((p) => counts.set(p, (counts.get(p) ?? 0) + 1));
  }
  const fits = [...counts].filter(([, n]) => n >= 2 && n <= 12).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!fits.length) throw new Error('the demo data has no team-name keyword matching 2-12 teams');
  return fits[0][0];
}

test('a resident opens the app: the 服务 tab lists the service teams', async () => {
  const page = await openApp();
  const expected = await listTeams({});
  expect(expected.items.length).toBeGreaterThan(0);
  const service = currentPage(page);
  await waitForText(service, '演示身份：居民');
  const names = await waitForTeamNames(
    page,
    expected.items.map((t) => t.name),
    'first page of teams',
  );
  expect(names.every((n) => n.trim().length > 0)).toBe(true);

  // Each card: the class, name, community and the next service day, in words.
  const first = expected.items[0];
  const card = service.getByTestId('team-card').first();
  await expect(card.locator('.tag').innerText()).resolves.toBe(SERVICE_CLASS_LABELS[first.serviceClass]);
  await expect(card.innerText()).resolves.toContain(first.communityName);
  await expect(card.innerText()).resolves.toContain(first.nextOccurrence ? `下次服务：${formatOccurrence(first.nextOccurrence)}` : '近期暂无服务日');
  // Large text: a team's name at least 18 CSS px, body text at least 16.
  const size = (l: Locator) => l.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await size(card.locator('.t-title'))).toBeGreaterThanOrEqual(18);
  expect(await size(card)).toBeGreaterThanOrEqual(16);
  // More teams than one page: the list offers more.
  if (expected.nextCursor) await waitForText(service, '加载更多');

  if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT });
  expect(page.viewportSize()).toEqual(PHONE);
  expect(page.errors).toEqual([]);
  expect(app.browser.blocked).toEqual([]);
});

test('scrolling through all 206 teams keeps only the cards near the screen in the page, and the list ends', async () => {
  const all = await listAllTeams();
  expect(all.length).toBe(206); // the demo data's teams
  const page = await openApp();
  const service = currentPage(page);
  await waitForTeamNames(
    page,
    (await listTeams({})).items.map((t) => t.name),
    'first page of teams',
  );
  const cards = service.getByTestId('team-card');
  const scroller = page.locator('.taro_page:visible').last();
  let most = 0;
  // Down a screen at a time, pages loading by themselves on the way, until the end shows.
  for (let i = 0; i < 400 && !(await service.getByText(/没有更多了，共 \d+ 条/).count()); i++) {
    await scroller.evaluate((el) => el.scrollBy(0, el.clientHeight));
    await page.waitForTimeout(60);
    most = Math.max(most, await cards.count());
  }
  await waitForText(service, `没有更多了，共 ${all.length} 条`);
  // At the very bottom the last team is the last card, and at no time were more than a few screens of cards in the page.
  await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await waitUntil(
    () => cards.last().locator('.t-title').innerText(),
    (name) => name === all.at(-1)!.name,
    5000,
    'the last team at the bottom',
  );
  most = Math.max(most, await cards.count());
  expect(most).toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(30);
  expect(page.errors).toEqual([]);
});

test('a resident browses: a class chip narrows the list to that class, a keyword search to matching teams', async () => {
  const page = await openApp();
  const service = currentPage(page);
  const all = await listTeams({});
  await waitForTeamNames(
    page,
    all.items.map((t) => t.name),
    'first page of teams',
  );

  // 理发: only haircut teams, every card tagged 理发.
  const haircut = await listTeams({ serviceClass: 'haircut' });
  expect(haircut.items.length).toBeGreaterThan(0);
  expect(haircut.items.every((t) => t.serviceClass === 'haircut')).toBe(true);
  // The class chips fold behind 筛选, so the first team shows at once.
  await service.getByTestId('filters-toggle').click();
  await chip(service, '理发').click();
  await waitForText(service, '✓ 理发');
  await waitForTeamNames(
    page,
    haircut.items.map((t) => t.name),
    '理发 teams',
  );
  const tags = await service.getByTestId('team-card').locator('.tag').allInnerTexts();
  expect(new Set(tags)).toEqual(new Set(['理发']));

  // Back to all classes, then search a keyword.
  await chip(service, '全部').click();
  await waitForText(service, '✓ 全部');
  await waitForTeamNames(
    page,
    all.items.map((t) => t.name),
    'all teams again',
  );

  const everyTeam = await listAllTeams();
  const keyword = pickKeyword(everyTeam);
  const found = await listTeams({ keyword });
  expect(found.items.length).toBeGreaterThan(0);
  expect(found.items.length).toBeLessThan(everyTeam.length);
  // The box must be big enough to tap and type in (at least 44 CSS px wide, as a tap target).
  const input = service.locator('taro-input-core input');
  const box = await input.boundingBox();
  if (!box || box.width < 44) {
    throw new Error(
      `the search box cannot be typed in: its <input> is ${box ? `${box.width}x${box.height}` : 'not laid out'} px at ${PHONE.width}x${PHONE.height}`,
    );
  }
  await input.fill(keyword);
  await service.locator('taro-button-core.btn', { hasText: '搜索' }).click();
  await waitForText(service, `“${keyword}”的搜索结果`);
  await waitForTeamNames(
    page,
    found.items.map((t) => t.name),
    `teams matching “${keyword}”`,
  );
  for (const text of await service.getByTestId('team-card').allInnerTexts()) expect(text.toLowerCase()).toContain(keyword.toLowerCase());
  expect(page.errors).toEqual([]);
});

test('a resident opens a team: its page shows the name and the coming service days', async () => {
  const page = await openApp();
  const service = currentPage(page);
  const list = await listTeams({});
  const shown = await waitForTeamNames(
    page,
    list.items.map((t) => t.name),
    'first page of teams',
  );
  const team = list.items.find((t) => t.nextOccurrence && shown.includes(t.name));
  if (!team) throw new Error('no team on the first screen has a coming service day');
  const detail = await call<TeamDetail>('service', 'getTeam', { teamId: team.id });
  expect(detail.upcoming.length).toBeGreaterThan(0);

  await service
    .getByTestId('team-card')
    .filter({ has: page.locator('.t-title', { hasText: team.name }) })
    .first()
    .click();
  const teamPage = await waitForRoute(page, '/pages/service/team');
  expect(new URL(page.url()).hash).toContain(`id=${team.id}`);
  await expect((await waitForText(teamPage, team.name)).isVisible()).resolves.toBe(true);
  await expect(teamPage.locator('.t-h1').innerText()).resolves.toBe(team.name);
  await waitForText(teamPage, '近期服务日');
  const days = await waitUntil(
    () => teamPage.getByTestId('occurrence').allInnerTexts(),
    (d) => d.length === detail.upcoming.length,
    10000,
    'the coming service days',
  );
  // Each day's first line is its date and time (a tap opens it to book).
  expect(days.map((d) => d.split('\n')[0].trim())).toEqual(detail.upcoming.map(formatOccurrence));
  await waitForText(teamPage, `队长：${detail.leaders.join('、')}`);
  // The service tab's page is hidden behind, not shown beside.
  expect(await page.locator('.taro_page:visible').count()).toBe(1);
  expect(page.errors).toEqual([]);
});

test('a resident books a place in three taps from a team page, and finds it under 我的预约', async () => {
  // A team with a coming day that takes bookings now (booking windows differ by team).
  let found: { team: TeamDetail; day: DayView } | undefined;
  for (const summary of (await listTeams({ pageSize: 30 })).items.filter((t) => t.nextOccurrence)) {
    const team = await call<TeamDetail>('service', 'getTeam', { teamId: summary.id });
    const date = team.upcoming[0].date;
    const day = await call<DayView>('booking', 'day', { teamId: team.id, date });
    if (day.state === 'open' && day.slots[0]?.placesLeft > 0 && !day.slots[0].mine) {
      found = { team, day };
      break;
    }
  }
  if (!found) throw new Error('no team on the first page has an open first service day');
  const { team, day } = found;
  const slot = day.slots[0];

  const page = await openApp();
  await page.goto(`${app.cloud.url}/#/pages/service/team?id=${team.id}`);
  const teamPage = await waitForRoute(page, '/pages/service/team');
  // Tap 1: the day.
  await (await waitForText(teamPage, formatOccurrence(day.occurrence))).click();
  const dayPage = await waitForRoute(page, '/pages/service/day');
  await waitForText(dayPage, `剩余 ${slot.placesLeft} 个名额`);
  // Tap 2: the slot; the confirmation shows the name and the masked phone from the profile.
  await dayPage.getByTestId('slot').first().click();
  const confirm = dayPage.getByTestId('confirm');
  await waitForText(confirm, /姓名：/);
  await expect(confirm.innerText()).resolves.toMatch(/手机：1\d{2}\*{4}\d{4}/);
  // Tap 3: 确认预约, at least 44 CSS px high.
  const button = dayPage.locator('taro-button-core.btn-primary', { hasText: '确认预约' });
  expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await button.click();

  const bookingPage = await waitForRoute(page, '/pages/me/booking');
  const mine = await call<{ items: Booking[] }>('booking', 'mine', { scope: 'upcoming' });
  const made = mine.items.find((b) => b.teamId === team.id && b.date === day.occurrence.date && b.startTime === slot.startTime);
  expect(made).toBeDefined();
  expect(new URL(page.url()).hash).toContain(`id=${made!.id}`);
  if (made!.status === 'confirmed') {
    await waitForText(bookingPage, '✓ 预约成功');
    // The code in words, and one tap to its QR code on the pass page.
    await waitForText(bookingPage.getByTestId('check-in-code'), '签到码');
    await bookingPage.locator('taro-button-core', { hasText: '出示签到二维码' }).click();
    const pass = await waitForRoute(page, '/packages/pass/index');
    const qr = pass.getByTestId('check-in-qr').locator('img');
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/gif;base64,/);
    expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(150);
    await pass.locator('taro-button-core', { hasText: '返回' }).click();
    await waitForRoute(page, '/pages/me/booking');
  } else {
    expect(made!.status).toBe('pending');
    await waitForText(bookingPage, '已提交，等待社区审核');
  }

  await bookingPage.getByText('查看我的全部预约').click();
  const list = await waitForRoute(page, '/pages/me/bookings');
  await waitForText(list.getByTestId('booking-card').first(), team.name);
  expect(page.errors).toEqual([]);
  expect(app.browser.blocked).toEqual([]);
});

test('the demo identity switch changes what 我的 shows: resident, community staff, new user', async () => {
  const [resident, staff, stranger] = await Promise.all([RESIDENT, STAFF, STRANGER].map((openid) => call<WhoAmI>('account', 'whoami', {}, openid)));
  expect(resident.user?.name).toBeTruthy();
  expect(staff.roles.staffOf).toHaveLength(1);
  expect(staff.user?.name).toBeTruthy();
  expect(staff.user!.name).not.toBe(resident.user!.name);
  expect(stranger.user).toBeNull();

  const page = await openApp();
  await page.locator('.taro-tabbar__tabbar .weui-tabbar__label', { hasText: '我的' }).click();
  const me = await waitForRoute(page, '/pages/me/index');
  const card = me.getByTestId('profile-card');

  // 居民: the resident's name, no workbench.
  await waitForText(card, resident.user!.name);
  await expect(me.getByTestId('demo-identity').innerText()).resolves.toContain('演示身份：居民');
  expect(await me.locator('[data-testid^="workbench-"]').count()).toBe(0);
  await expect(card.innerText()).resolves.toContain('修改个人信息');

  const switchTo = (label: string) => switchIdentity(page, label);

  // 社区工作者: the staff member's name and the entry to the community workbench.
  await switchTo('社区工作者');
  await waitForText(card, staff.user!.name);
  const workbench = me.getByTestId('workbench-staff');
  await workbench.waitFor({ state: 'visible' });
  await expect(workbench.innerText()).resolves.toBe('进入社区工作台');
  await expect(card.innerText()).resolves.not.toContain(resident.user!.name);

  // 新用户: no profile yet; the card invites filling it in.
  await switchTo('新用户');
  await waitForText(card, '欢迎使用幸福家园');
  await waitForText(card, '填写个人信息');
  const text = await card.innerText();
  expect(text).not.toContain(staff.user!.name);
  expect(text).not.toContain(resident.user!.name);
  expect(await me.locator('[data-testid^="workbench-"]').count()).toBe(0);
  expect(page.errors).toEqual([]);
});

test('a booking that needs approval: the resident books, staff approve, the resident sees it confirmed, the leader checks them in', async () => {
  // Set-up through the functions, as the people concerned would do it in their workbenches: the leader
  // posts a service day today that needs approval, and the admin makes the demo staff member serve the
  // team's community.
  const leader = await call<{ roles: Roles }>('account', 'whoami', {}, LEADER);
  const teamId = leader.roles.leaderOf[0];
  const team = await call<TeamDetail>('service', 'getTeam', { teamId }, LEADER);
  await call('account', 'grantRole', { openid: STAFF, grant: { role: 'staff', communityId: team.communityId } }, ADMIN);
  const now = new Date();
  const today = chinaDate(now);
  await call(
    'service',
    'saveSchedule',
    {
      teamId,
      schedule: {
        recurrence: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7] },
        startTime: '00:00',
        endTime: '23:50',
        slotMinutes: 10,
        placesPerSlot: 5,
        place: { address: '社区党群服务站一楼', location: null, stationId: null },
        needsApproval: true,
        opensDaysBefore: 1,
        closesHoursBefore: 0,
        cancelHoursBefore: 0,
        weeklyLimit: 5,
        validFrom: today,
        validUntil: null,
      },
    },
    LEADER,
  );
  // The first slot that has not started yet (slots run all day in 10-minute steps).
  const day = await call<DayView>('booking', 'day', { teamId, date: today });
  const slot = day.slots.find((s) => s.bookable);
  if (!slot) throw new Error('no slot later today (China time): leaveRoomInTheDay should have left one');
  const resident = await call<WhoAmI>('account', 'whoami', {}, RESIDENT);

  const page = await openApp();
  const switchTo = (label: string) => switchIdentity(page, label);

  // The resident books: it waits for the community's approval.
  await page.goto(`${app.cloud.url}/#/pages/service/day?teamId=${teamId}&date=${today}`);
  const dayPage = await waitForRoute(page, '/pages/service/day');
  await waitForText(dayPage, '预约需要社区审核');
  await dayPage
    .getByTestId('slot')
    .filter({ hasText: `${slot.startTime}–` })
    .first()
    .click();
  await dayPage.locator('taro-button-core.btn-primary', { hasText: '确认预约' }).click();
  const bookingPage = await waitForRoute(page, '/pages/me/booking');
  await waitForText(bookingPage, '已提交，等待社区审核');
  const bookingId = new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('id')!;

  // Community staff approve it in their queue.
  await switchTo('社区工作者');
  await page.goto(`${app.cloud.url}/#/packages/staff/approvals`);
  const queue = await waitForRoute(page, '/packages/staff/approvals');
  const card = queue.getByTestId('approval').filter({ hasText: resident.user!.name }).filter({ hasText: slot.startTime });
  await card.getByText(resident.user!.name).click();
  await queue.locator('taro-button-core.btn-primary', { hasText: /通过（1）/ }).click();
  await page.locator('.taro-model__confirm').click();
  await waitForText(queue.getByTestId('decision-results'), '已通过');

  // The resident sees it confirmed, with the check-in code.
  await switchTo('居民');
  await page.goto(`${app.cloud.url}/#/pages/me/booking?id=${bookingId}`);
  const confirmed = await waitForRoute(page, '/pages/me/booking');
  await waitForText(confirmed, '已确认');
  await waitForText(confirmed.getByTestId('check-in-code'), '签到码');

  // The leader checks the resident in from the day's list.
  await switchTo('服务队队长');
  await page.goto(`${app.cloud.url}/#/packages/leader/session?date=${today}`);
  const session = await waitForRoute(page, '/packages/leader/session');
  const row = session.getByTestId('session-booking').filter({ hasText: resident.user!.name });
  await row.locator('taro-button-core', { hasText: '签到' }).click();
  await waitForText(session.getByTestId('check-in-outcome'), `${resident.user!.name} 已签到`);

  const final = await call<Booking>('booking', 'get', { bookingId }, RESIDENT);
  expect(final.status).toBe('attended');
  expect(final.decision).toMatchObject({ approved: true, by: expect.any(String) });
  expect(page.errors).toEqual([]);
  expect(app.browser.blocked).toEqual([]);
});
