import type { Locator, Page } from 'playwright-core';
import { Community, Street, TeamSummary } from '../../contract';
import { currentPage, newPhonePage, waitForRoute, waitForText, waitUntil } from '../helpers/browser';
import { chip, TrackedPage, useDemoApp } from '../helpers/demo-app';

/**
 * A new resident's first run in Chromium on a 375×667 phone: asked where they live (by street, by
 * name), 服务 opens on their community's teams with the first card on the screen, the choice kept when
 * the app is opened again; or the question skipped.
 */

const SMALL_PHONE = { width: 375, height: 667 };
const app = useDemoApp();
type TeamPage = { items: TeamSummary[]; nextCursor: string | null };

let streets: Street[];
let communities: Community[];
beforeAll(async () => {
  [streets, communities] = await Promise.all([app.call<Street[]>('directory', 'listStreets', {}), app.call<Community[]>('directory', 'listCommunities', {})]);
});

/** A community with at least `teams` teams of its own, and their number. */
async function communityWithTeams(teams: number, skip = 0): Promise<{ community: Community; own: number }> {
  let found = 0;
  for (const community of communities) {
    const own = (await app.call<TeamPage>('service', 'listTeams', { communityId: community.id, pageSize: 50 })).items.length;
    if (own >= teams && found++ === skip) return { community, own };
  }
  throw new Error(`the demo data has no community with ${teams} teams`);
}

/** The app as a new person on a small phone, on 服务 with the first-run question showing. */
async function firstRun(openid: string): Promise<{ page: TrackedPage; service: Locator }> {
  const page = await app.openApp({ openid });
  await page.setViewportSize(SMALL_PHONE);
  const service = currentPage(page);
  await waitForText(service.getByTestId('home-chooser'), '您住在哪个社区？');
  return { page, service };
}

/** The cards' team names once the first `expected` show in order; and the first card's top and bottom edge (CSS px). */
async function firstCards(page: Page, expected: string[]): Promise<{ names: string[]; top: number; bottom: number }> {
  const cards = currentPage(page).getByTestId('team-card');
  return waitUntil(
    async () => {
      const names = await cards.locator('.t-title').allInnerTexts();
      const box = names.length ? await cards.first().evaluate((el) => el.getBoundingClientRect()) : { top: 0, bottom: 0 };
      return { names, top: box.top, bottom: box.bottom };
    },
    ({ names }) => names.length >= expected.length && expected.every((name, i) => names[i] === name),
    15000,
    `the first team cards ${JSON.stringify(expected)}`,
  );
}

/** 服务 lists `community`'s teams first (all `own` of them, by next service day), the first card whole on the screen. */
async function expectHomeFirst(page: Page, community: Community, own: number): Promise<void> {
  const expected = await app.call<TeamPage>('service', 'listTeams', { homeCommunityId: community.id, pageSize: 20 });
  const mine = expected.items.slice(0, own);
  expect(mine.every((t) => t.communityId === community.id)).toBe(true);
  expect(expected.items[own]?.communityId).not.toBe(community.id);
  const shown = await firstCards(
    page,
    mine.slice(0, 2).map((t) => t.name),
  );
  // The first useful card is above the fold: all of it on a 375×667 screen.
  expect(shown.top).toBeGreaterThan(0);
  expect(shown.bottom).toBeLessThanOrEqual(SMALL_PHONE.height);
  await waitForText(currentPage(page), `${community.name}的服务队在前`);
}

test('choosing by street: 服务 then opens on my community’s teams, the first card on the screen; opened again, it still does', async () => {
  const { community, own } = await communityWithTeams(2);
  const street = streets.find((s) => s.id === community.streetId)!;
  const { page, service } = await firstRun('e2e-first-run-street');
  const picker = service.getByTestId('community-picker');
  await chip(picker, street.name).click();
  await chip(picker, community.name).click();
  await expectHomeFirst(page, community, own);

  // Opened again on the same phone (its storage kept): no question, the same list.
  const again = (await newPhonePage(app.browser)) as TrackedPage;
  try {
    await again.setViewportSize(SMALL_PHONE);
    await again.goto(`${app.cloud.url}/?openid=e2e-first-run-street`);
    await waitForRoute(again, '/pages/service/index');
    await expectHomeFirst(again, community, own);
    expect(await currentPage(again).getByTestId('home-chooser').count()).toBe(0);
    expect(again.errors).toEqual([]);
  } finally {
    await again.close();
  }
  expect(page.errors).toEqual([]);
});

test('choosing by a few characters of the name', async () => {
  const { community, own } = await communityWithTeams(2, 1);
  // What a resident would type: the name without 社区.
  const typed = community.name.replace(/社区$/, '');
  const { page, service } = await firstRun('e2e-first-run-search');
  await service.getByTestId('home-chooser').locator('taro-input-core input').first().fill(typed);
  await chip(service.getByTestId('community-search-results'), community.name).click();
  await expectHomeFirst(page, community, own);
  expect(page.errors).toEqual([]);
});

test('skipping shows the whole district’s teams by name, and is not asked again', async () => {
  const { page, service } = await firstRun('e2e-first-run-skip');
  await service.getByText('跳过，先看全区的服务').click();
  const byName = await app.call<TeamPage>('service', 'listTeams', { pageSize: 20 });
  await firstCards(
    page,
    byName.items.slice(0, 2).map((t) => t.name),
  );
  const again = (await newPhonePage(app.browser)) as TrackedPage;
  try {
    await again.goto(`${app.cloud.url}/?openid=e2e-first-run-skip`);
    await waitForRoute(again, '/pages/service/index');
    await firstCards(
      again,
      byName.items.slice(0, 2).map((t) => t.name),
    );
    expect(await currentPage(again).getByTestId('home-chooser').count()).toBe(0);
  } finally {
    await again.close();
  }
  expect(page.errors).toEqual([]);
});
