import type { Page } from 'playwright-core';
import type { Booking, EventSummary, NearbyStation, TeamSummary } from '../../contract';
import { currentPage, newPhonePage, waitForNoText, waitForRoute } from '../helpers/browser';
import { useDemoApp } from '../helpers/demo-app';

/**
 * Phone numbers, times, dates and codes are read whole: on the resident's pages, in 长辈模式 on a 375 px
 * wide phone (the narrowest common width, the largest text), no such value is split across two lines.
 * Values are found by their shape in the text the page shows, so one left unmarked is caught too; each
 * must lie on one line box.
 */

const app = useDemoApp();
const SMALL_PHONE = { width: 375, height: 667 };

/**
 * The shapes of what must stay whole, as the pages write them: a mobile (whole or masked) or a landline
 * with its area code; a clock time or a range of them (with the part of the day, 上午9:00–11:30); a
 * date (12月7日, with its weekday); a check-in code in its groups of four (ABCD 2345).
 */
const UNBROKEN =
  '1[3-9]\\d(?:\\d{4}|\\*{4})\\d{4}|0\\d{2,3}-\\d{7,8}' +
  '|(?:凌晨|上午|中午|下午|晚上)?\\d{1,2}:\\d{2}(?:\\s*[–-]\\s*(?:凌晨|上午|中午|下午|晚上)?\\d{1,2}:\\d{2})?' +
  '|\\d{1,2}月\\d{1,2}日(?:\\s*周[一二三四五六日])?' +
  '|\\b[A-Z0-9]{4} [A-Z0-9]{4}\\b';

/** The values on the page now showing that span more than one line, with the text around them. */
async function splitValues(page: Page): Promise<string[]> {
  return currentPage(page).evaluate((root, source) => {
    const split: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const element = node.parentElement;
      if (!element || !element.offsetParent) continue;
      for (const match of text.matchAll(new RegExp(source, 'gu'))) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.bottom)));
        if (lines.size > 1) split.push(`“${match[0]}” in “${text.trim()}”`);
      }
    }
    return split;
  }, UNBROKEN);
}

test('in 长辈模式 at 375 px, no phone number, time, date or code on the resident pages is split across lines', async () => {
  const [team] = (await app.call<{ items: TeamSummary[] }>('service', 'listTeams', { pageSize: 1 })).items;
  const [event] = (await app.call<{ items: EventSummary[] }>('events', 'listUpcoming', { pageSize: 1 })).items;
  const [booking] = (await app.call<{ items: Booking[] }>('booking', 'mine', { scope: 'upcoming', pageSize: 1 })).items;
  const [station] = (await app.call<{ items: NearbyStation[] }>('stations', 'nearest', { from: event.place.location!, pageSize: 1 })).items;
  const nextDay = (await app.call<{ upcoming: { date: string }[] }>('service', 'getTeam', { teamId: team.id })).upcoming[0];
  const routes = [
    '/pages/service/index',
    `/pages/service/team?id=${team.id}`,
    ...(nextDay ? [`/pages/service/day?teamId=${team.id}&date=${nextDay.date}`] : []),
    '/pages/events/index',
    `/pages/events/detail?id=${event.id}`,
    '/pages/stations/index',
    `/pages/stations/detail?id=${station.id}`,
    '/pages/me/index',
    '/pages/me/bookings',
    ...(booking ? [`/pages/me/booking?id=${booking.id}`] : []),
    '/pages/me/signups',
    '/pages/me/messages',
  ];

  const page = await newPhonePage(app.browser);
  try {
    await page.setViewportSize(SMALL_PHONE);
    // 长辈模式 as the switch on 我的 keeps it (Taro's storage: the value under `data`), before the app reads it.
    await page.addInitScript(() => localStorage.setItem('elder-mode', JSON.stringify({ data: true })));
    const split: string[] = [];
    for (const route of routes) {
      await page.goto(`${app.cloud.url}/#${route}`);
      const shown = await waitForRoute(page, route.split('?')[0]);
      // The page's data, not its loading state (QueryView says 正在加载…).
      await page.waitForLoadState('networkidle');
      await waitForNoText(shown, /正在加载/);
      split.push(...(await splitValues(page)).map((s) => `${route}: ${s}`));
    }
    expect(split).toEqual([]);
  } finally {
    await page.close();
  }
});
