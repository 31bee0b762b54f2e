import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import type { Booking, DayView, EventSummary, Roles, Station, TeamSummary } from '../../contract';
import { ROOT } from '../helpers/cloud';
import { currentPage, newPhonePage, waitForRoute } from '../helpers/browser';
import { ADMIN, chip, LEADER, RESIDENT, STAFF, useDemoApp } from '../helpers/demo-app';
import { measurePage, Measurement, Rules } from '../helpers/accessibility';

/**
 * Every page of the h5 app, as a demo identity that can open it, measured in Chromium on a 375×667
 * screen in normal mode, in 长辈模式, and in 长辈模式 at WeChat's largest text (body 30 px): text size,
 * line height, contrast, tap-target size, horizontal overflow, clipping and overlap
 * (test/helpers/accessibility.ts, the rules in docs/ACCESSIBILITY.md). `E2E_SCREENSHOT=1` also saves the
 * screenshots of docs/screenshots/.
 */

const VIEWPORT = { width: 375, height: 667 };
const SCREENSHOTS = process.env.E2E_SCREENSHOT ? path.join(ROOT, 'docs', 'screenshots') : undefined;

interface Mode {
  name: string;
  elder: boolean;
  /** The system font factor (`?font-scale=`, see src/stores/display.ts), and the body text it gives. */
  fontScale: number;
  bodyPx: number;
  rules: Rules;
  /** The file-name part of its screenshots; none: no screenshots in this mode. */
  shot?: string;
}

const MODES: Mode[] = [
  { name: '普通', elder: false, fontScale: 1, bodyPx: 18, rules: { minText: 16, minTarget: 44 }, shot: 'normal' },
  { name: '长辈模式', elder: true, fontScale: 1, bodyPx: 24, rules: { minText: 24, minTarget: 60 }, shot: 'elder' },
  // WeChat's largest font setting: body text 30 px (24 × 1.25).
  { name: '长辈模式，30 px', elder: true, fontScale: 1.25, bodyPx: 30, rules: { minText: 24, minTarget: 60 } },
];

interface Visit {
  route: string;
  query?: string;
  openid: string;
  /** A choice chip to tap once the page shows (another view of the same page). */
  choose?: string;
  /** Words the page must show (that it is the view meant). */
  shows?: string;
  /** Saved as docs/screenshots/<shot>-<mode>.png. */
  shot?: string;
}

const app = useDemoApp();
/** Someone opening the app for the first time: 服务 asks where they live. */
const NEWCOMER = 'e2e-a11y-newcomer';

/** The demo data's ids the pages need: a team with a coming day, a booking, an event, a station, the leader's and staff's. */
async function everyPage(): Promise<Visit[]> {
  const call = <T>(fn: string, action: string, input: unknown, openid = RESIDENT) => app.call<T>(fn, action, input, openid);
  const teams = await call<{ items: TeamSummary[] }>('service', 'listTeams', { pageSize: 50 });
  // A team whose next day takes bookings: the resident books there (or finds their booking).
  let booking = (await call<{ items: Booking[] }>('booking', 'mine', { scope: 'upcoming' })).items[0];
  let team = teams.items.find((t) => t.nextOccurrence)!;
  for (const candidate of teams.items.filter((t) => t.nextOccurrence)) {
    if (booking) break;
    const day = await call<DayView>('booking', 'day', { teamId: candidate.id, date: candidate.nextOccurrence!.date });
    const slot = day.state === 'open' ? day.slots.find((s) => s.bookable && s.placesLeft > 0) : undefined;
    if (!slot) continue;
    team = candidate;
    booking = await call<Booking>('booking', 'book', { teamId: team.id, date: day.occurrence.date, startTime: slot.startTime });
  }
  const date = team.nextOccurrence!.date;
  const event = (await call<{ items: EventSummary[] }>('events', 'listUpcoming', { pageSize: 5 })).items[0];
  const station = (await call<{ items: Station[] }>('stations', 'nearest', { from: { lng: 121.26, lat: 37.5 }, pageSize: 1 })).items[0];
  const roles = (openid: string) => call<{ roles: Roles }>('account', 'whoami', {}, openid).then((w) => w.roles);
  const leaderTeam = (await roles(LEADER)).leaderOf[0];
  const leaderDay = (await call<{ nextOccurrence: { date: string } | null }>('service', 'getTeam', { teamId: leaderTeam })).nextOccurrence?.date ?? date;
  const staffCommunity = (await roles(STAFF)).staffOf[0];
  const staffEvent = (await call<{ items: { id: string }[] }>('events', 'communityEvents', { communityId: staffCommunity, pageSize: 1 }, STAFF)).items[0];
  const staffStation = (await call<{ items: Station[] }>('stations', 'listForStaff', { communityId: staffCommunity, pageSize: 1 }, STAFF)).items[0];

  const resident = (route: string, query?: string, shot?: string): Visit => ({ route, query, openid: RESIDENT, shot });
  const as = (openid: string, pkg: string, pages: string[]): Visit[] => pages.map((p) => ({ route: `/packages/${pkg}/${p}`, openid }));
  return [
    // First: a newcomer's 服务 asks where they live (the phone keeps the answer, so before anyone has one).
    { route: '/pages/service/index', openid: NEWCOMER, shows: '您住在哪个社区？', shot: 'first-run' },
    resident('/pages/service/index', undefined, 'service'),
    resident('/pages/service/team', `id=${team.id}`, 'team'),
    resident('/pages/service/day', `teamId=${team.id}&date=${date}`),
    resident('/pages/events/index', undefined, 'events'),
    { route: '/pages/events/index', openid: RESIDENT, choose: '日历' },
    resident('/pages/events/detail', `id=${event.id}`, 'event'),
    resident('/pages/stations/index', undefined, 'stations'),
    resident('/pages/stations/detail', `id=${station.id}`),
    resident('/pages/me/index', undefined, 'me'),
    resident('/pages/me/profile'),
    resident('/pages/me/bookings'),
    resident('/pages/me/booking', `id=${booking.id}`, 'booking'),
    resident('/pages/me/messages'),
    resident('/pages/me/signups'),
    resident('/packages/pass/index', `code=${encodeURIComponent('A1B2C3')}&title=${encodeURIComponent('签到码')}`),
    resident('/packages/invite/accept'),
    ...as(LEADER, 'leader', ['index', 'schedule', 'profile']),
    { route: '/packages/leader/session', query: `teamId=${leaderTeam}&date=${leaderDay}`, openid: LEADER },
    ...as(STAFF, 'staff', ['index', 'approvals', 'events', 'event-edit', 'stations', 'station-edit', 'coverage', 'compounds', 'teams', 'invitations']),
    { route: '/packages/staff/event-edit', query: `id=${staffEvent.id}`, openid: STAFF },
    { route: '/packages/staff/roster', query: `id=${staffEvent.id}`, openid: STAFF },
    { route: '/packages/staff/station-edit', query: `id=${staffStation.id}`, openid: STAFF },
    ...as(ADMIN, 'staff', ['registry', 'changes', 'import']),
    ...as(ADMIN, 'admin', ['index', 'people', 'invitations']),
  ];
}

/** Opens `visit` afresh (a new load: the identity, 长辈模式 and font scale are read as the app starts) and waits for its data. */
async function open(page: Page, visit: Visit, mode: Mode): Promise<void> {
  await page.goto('about:blank');
  const search = `?openid=${visit.openid}&font-scale=${mode.fontScale}`;
  await page.goto(`${app.cloud.url}/${search}#${visit.route}${visit.query ? `?${visit.query}` : ''}`);
  await waitForRoute(page, visit.route);
  await page.waitForLoadState('networkidle');
  // Lists and details show 正在加载… until their data arrives; fonts and the virtual lists settle after.
  await page.waitForFunction(() => !/正在加载|加载中/.test(document.body.innerText), undefined, { timeout: 15000 });
  if (visit.choose) {
    await chip(currentPage(page), visit.choose).click();
    await page.waitForLoadState('networkidle');
  }
  await page.waitForTimeout(300);
}

const found: Record<string, Measurement[]> = {};
let visits: Promise<Visit[]> | undefined;

describe.each(MODES)('in $name mode', (mode) => {
  test(`every page meets the rules: text ≥ ${mode.rules.minText} px, targets ≥ ${mode.rules.minTarget} px, line height ≥ 1.3, contrast ≥ 4.5, nothing overflowing, clipped or overlapping`, async () => {
    visits ??= everyPage();
    const page = await newPhonePage(app.browser);
    await page.setViewportSize(VIEWPORT);
    // 长辈模式 as Taro's h5 storage keeps it (about:blank, between pages, has no storage).
    await page.addInitScript(
      ({ elder, newcomer }) => {
        if (location.protocol !== 'http:') return;
        window.localStorage.setItem('elder-mode', JSON.stringify({ data: elder }));
        // The phone keeps a resident's community: a newcomer's phone has none (the browser is shared by all visits).
        if (location.search.includes(`openid=${newcomer}`)) window.localStorage.removeItem('home-community');
      },
      { elder: mode.elder, newcomer: NEWCOMER },
    );
    const violations: string[] = [];
    found[mode.name] = [];
    for (const visit of await visits) {
      const errorsBefore = page.errors.length;
      await open(page, visit, mode);
      if (visit.shows) await currentPage(page).getByText(visit.shows).waitFor({ timeout: 5000 });
      expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(mode.elder);
      expect(
        await currentPage(page)
          .locator('.screen')
          .first()
          .evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
      ).toBeCloseTo(mode.bodyPx, 1);
      const measured = await measurePage(page, mode.rules);
      found[mode.name].push(measured);
      const where = `${visit.route}${visit.query ? `?${visit.query}` : ''} (${visit.openid})`;
      violations.push(...measured.violations.map((v) => `${where}: ${v}`));
      violations.push(...page.errors.slice(errorsBefore).map((e) => `${where}: ${e.split('\n')[0]}`));
      if (SCREENSHOTS && mode.shot && visit.shot) {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${visit.shot}-${mode.shot}.png`) });
      }
    }
    const all = found[mode.name];
    const least = (pick: (m: Measurement) => number) => Math.min(...all.map(pick).filter((n) => n > 0));
    // The figures docs/ACCESSIBILITY.md quotes.
    console.log(
      `${mode.name}: ${all.length} pages, ${all.reduce((n, m) => n + m.texts, 0)} text runs, ${all.reduce((n, m) => n + m.targets, 0)} targets; ` +
        `smallest text ${least((m) => m.minText)} px, line height ${least((m) => m.minLineHeight).toFixed(2)}, ` +
        `target ${least((m) => m.minTargetSide)} px, contrast ${least((m) => m.minContrast).toFixed(2)}:1`,
    );
    expect(violations).toEqual([]);
  }, 600_000);
});
