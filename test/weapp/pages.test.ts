/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// (Node's export conditions: the local cloud's modules and wx-server-sdk load their Node builds in jsdom.)
import fs from 'fs';
import http from 'http';
import path from 'path';
import { DEMO_OPENIDS, generateDemoData, seedDemoData } from '../../demo/seed';
import type { Coverage, DayView, EventSummary, Station, StationDetail, TeamDetail } from '../../contract';
import { addMonths, chinaMonth, monthLabel } from '../../rules/calendar';
import { addDays, chinaDate, isoWeekday } from '../../rules/china-time';
import { describeHoursOn, describeRecurrence, formatDate, formatOccurrence, formatSlot, weekdayName } from '../../src/format';
import { REMINDER_TEMPLATE_ID } from '../../src/templates';
import { startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { ensureWeappBuild, loadWeapp, RenderedPage, waitFor, Weapp, WEAPP_DIR } from '../helpers/weapp';
import { momentWords, slotWords } from '../../rules/words';

/**
 * The real weapp build (dist/weapp) rendered by miniprogram-simulate: page code, Taro's runtime and
 * React, the base template, and `wx.cloud.callFunction` reaching the real functions in a local
 * cloud seeded with the demo data. The caller's identity is what WeChat would attach (x-wx-openid).
 */

let cloud: TestCloud;
let weapp: Weapp;
const NOW = new Date();
const demo = generateDemoData(NOW);
const userOf = (openid: string) => demo.users.find((u) => u._id === openid)!;
const open: RenderedPage[] = [];

/** An icon's data: URL as the build inlines it (src/assets/icons/<file>.svg, base64). */
const iconUrl = (file: string) =>
  `data:image/svg+xml;base64,${fs.readFileSync(path.join(__dirname, '../../src/assets/icons', `${file}.svg`)).toString('base64')}`;
/** The loading state's icon: a page still showing it has not loaded. */
const LOADING_ICON = iconUrl('hourglass');
const isLoading = (page: RenderedPage) => page.component.dom.innerHTML.includes(LOADING_ICON);

function render(route: string, openid: string | undefined, query?: Record<string, string>): RenderedPage {
  weapp.setOpenid(openid);
  const page = weapp.renderPage(route, query);
  open.push(page);
  return page;
}

beforeAll(async () => {
  ensureWeappBuild();
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  await seedDemoData(sdk.database(), NOW);
  weapp = loadWeapp({ cloudUrl: cloud.url });
}, 90_000);

afterEach(() => {
  while (open.length) open.pop()!.close();
});

afterAll(async () => {
  await cloud?.stop();
});

describe('app start', () => {
  test('launching initialises the cloud as the app does on weapp', async () => {
    // useLaunch runs once React has rendered the app: after App().onLaunch, asynchronously.
    await waitFor(() => weapp.callsOf('cloud.init').length > 0, 'cloud.init');
    expect(weapp.callsOf('cloud.init')).toEqual([[{ traceUser: true }]]);
  });
});

describe('我的 (pages/me/index)', () => {
  test('a staff member sees their profile and the workbench entry', async () => {
    const staff = userOf(DEMO_OPENIDS.staff);
    const home = demo.communities.find((c) => c._id === staff.communityId)!;
    const page = render('pages/me/index', DEMO_OPENIDS.staff);
    const text = await page.waitForText(staff.name);
    expect(text).toContain('社区工作者');
    expect(text).toContain(`社区：${home.name}`);
    // The caller's own phone, masked on screen.
    expect(text).toContain(`手机：${staff.phone.slice(0, 3)}****${staff.phone.slice(-4)}`);
    expect(text).toContain('进入社区工作台');
    // Both reads went through wx.cloud.callFunction to the real functions.
    const called = weapp.callsOf('cloud.callFunction').map(([c]) => {
      const { name, data } = c as { name: string; data: { action: string } };
      return `${name}.${data.action}`;
    });
    expect(called).toEqual(expect.arrayContaining(['account.whoami', 'directory.listCommunities']));
  });

  test('tapping the workbench entry opens the staff workbench subpackage', async () => {
    const page = render('pages/me/index', DEMO_OPENIDS.staff);
    await page.waitForText('进入社区工作台');
    const before = weapp.callsOf('navigateTo').length;
    page.tap(page.findByText('进入社区工作台')!);
    await waitFor(() => weapp.callsOf('navigateTo').length > before, 'wx.navigateTo');
    expect(weapp.callsOf('navigateTo').slice(before)).toEqual([[expect.objectContaining({ url: '/packages/staff/index' })]]);
  });

  test('a resident sees their profile and no workbench entry', async () => {
    const resident = userOf(DEMO_OPENIDS.resident);
    const page = render('pages/me/index', DEMO_OPENIDS.resident);
    const text = await page.waitForText(resident.name);
    expect(text).toContain('居民');
    expect(text).toContain('修改个人信息');
    expect(text).not.toContain('工作台');
    expect(text).not.toContain('区管理');
    expect(text).not.toContain(userOf(DEMO_OPENIDS.staff).name);
  });

  test('a new WeChat user is asked for their details', async () => {
    const page = render('pages/me/index', DEMO_OPENIDS.stranger);
    const text = await page.waitForText('欢迎使用幸福家园');
    expect(text).toContain('填写个人信息');
    expect(text).not.toContain('工作台');
  });
});

describe('服务 (pages/service/index)', () => {
  /** The teams as the 服务 tab lists them for the resident: from their profile's community on (the first page is 20). */
  const teamsNearHome = async () =>
    (
      await call<{ items: Array<{ name: string }> }>(
        'service',
        'listTeams',
        { homeCommunityId: userOf(DEMO_OPENIDS.resident).communityId, pageSize: 30 },
        DEMO_OPENIDS.resident,
      )
    ).items;
  const firstPageOfTeams = async () => (await teamsNearHome()).slice(0, 20);

  test('lists the teams the service function returns, from the resident’s community on', async () => {
    const firstPage = await firstPageOfTeams();
    const page = render('pages/service/index', DEMO_OPENIDS.resident);
    const text = await page.waitForText(firstPage[0].name);
    // The first teams of the page of 20, in the function's order (name, then id): those near the screen
    // (the list is virtualised; without layout here each card counts as the 180 px guess, the screen 750 px).
    let at = -1;
    const shown = firstPage.filter((team) => text.includes(team.name));
    expect(shown.map((t) => t.name)).toEqual(firstPage.slice(0, shown.length).map((t) => t.name));
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.length).toBeLessThan(firstPage.length);
    for (const team of shown) {
      const i = text.indexOf(team.name, at + 1);
      expect({ team: team.name, found: i > at }).toEqual({ team: team.name, found: true });
      at = i;
    }
    // A team beyond the first page is not shown until more are asked for.
    const beyond = (await teamsNearHome())[25].name;
    expect(text).not.toContain(beyond);
    expect(weapp.callsOf('cloud.callFunction').some(([c]) => (c as { name: string }).name === 'service')).toBe(true);
  });

  test('the team list follows the page scroll: cards scrolled past leave, the ones coming arrive', async () => {
    const firstPage = await firstPageOfTeams();
    const page = render('pages/service/index', DEMO_OPENIDS.resident);
    await page.waitForText(firstPage[0].name);
    expect(page.text()).not.toContain(firstPage[16].name);
    // WeChat calls the page's onPageScroll; 14 cards of the 180 px guess down.
    page.component.instance.onPageScroll({ scrollTop: 14 * 180 });
    const text = await page.waitForText(firstPage[16].name);
    expect(text).not.toContain(firstPage[0].name);
  });
});

/** A function action as `openid`, straight to the local cloud (over node's http: jsdom has no fetch); throws unless it succeeds. */
function call<T>(fn: string, action: string, input: unknown, openid: string): Promise<T> {
  const data = Buffer.from(JSON.stringify({ action, input }));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${cloud.url}/fn/${fn}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(data.length), 'x-wx-openid': openid } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const result = JSON.parse(Buffer.concat(chunks).toString('utf8')).result as { ok: boolean; data?: T; message?: string } | undefined;
          if (result?.ok) resolve(result.data as T);
          else reject(new Error(`${fn}.${action}: ${result?.message ?? 'failed'}`));
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A slot `openid` could book now: it takes bookings, has places left, and is not already theirs. */
const takesMe = (s: DayView['slots'][number]) => s.bookable && s.placesLeft > 0 && !s.mine;

/**
 * The first coming day that takes bookings now, of the demo leader's team or else another (booking
 * windows differ by team). On the day itself the earlier slots have closed: one with a slot `openid` could book.
 */
async function dayTakingBookings(openid: string): Promise<{ teamId: string; day: DayView }> {
  for (const teamId of [userOf(DEMO_OPENIDS.leader).roles.leaderOf[0], ...demo.teams.slice(0, 30).map((t) => t._id)]) {
    const team = await call<TeamDetail>('service', 'getTeam', { teamId }, openid);
    for (const o of team.upcoming) {
      const day = await call<DayView>('booking', 'day', { teamId, date: o.date }, openid);
      if (day.state === 'open' && day.slots.some(takesMe)) return { teamId, day };
    }
  }
  throw new Error('no coming day of the demo teams takes bookings now');
}

describe('booking a service day (pages/service/day, pages/me/booking)', () => {
  test('slot → 确认预约: WeChat is asked for the reminder within the tap, then the place is booked and its QR code shown', async () => {
    const resident = DEMO_OPENIDS.resident;
    const { teamId, day } = await dayTakingBookings(resident);
    const slot = day.slots.find(takesMe)!;
    const slotText = `${slot.startTime}–${slot.endTime}`;

    const shown = render('pages/service/day', resident, { teamId, date: day.occurrence.date });
    await shown.waitForText(`剩余 ${slot.placesLeft} 个名额`);
    shown.tap(shown.findByText(slotText)!);
    await shown.waitForText('核对预约信息');
    const before = weapp.calls.length;
    shown.tap(shown.findByText('确认预约')!);
    await waitFor(() => weapp.callsOf('redirectTo').length > 0, 'wx.redirectTo to the booking');
    const after = weapp.calls
      .slice(before)
      .map((c) =>
        c.api === 'cloud.callFunction'
          ? `${(c.args[0] as { name: string; data: { action: string } }).name}.${(c.args[0] as { data: { action: string } }).data.action}`
          : c.api,
      );
    expect(after.indexOf('requestSubscribeMessage')).toBeGreaterThanOrEqual(0);
    expect(after.indexOf('requestSubscribeMessage')).toBeLessThan(after.indexOf('booking.book'));
    expect(weapp.callsOf('requestSubscribeMessage').at(-1)).toEqual([expect.objectContaining({ tmplIds: [REMINDER_TEMPLATE_ID] })]);
    const url = (weapp.callsOf('redirectTo').at(-1)![0] as { url: string }).url;
    const bookingId = /[?&]id=([^&]+)/.exec(url)![1];

    const booked = render('pages/me/booking', resident, { id: bookingId, new: '1' });
    const text = await booked.waitForText('签到码');
    expect(text).toContain('预约成功');
    expect(text).toContain(slotText);
    // 出示签到二维码 opens the pass subpackage, which draws the QR code there (its encoder is not in the main package).
    const navigationsBefore = weapp.callsOf('navigateTo').length;
    booked.tap(booked.findByText('出示签到二维码')!);
    await waitFor(() => weapp.callsOf('navigateTo').length > navigationsBefore, 'wx.navigateTo to the pass');
    const passUrl = (weapp.callsOf('navigateTo').at(-1)![0] as { url: string }).url;
    expect(passUrl).toMatch(/^\/packages\/pass\/index\?code=/);
    // WeChat hands the query to onLoad as it was in the url (still encoded).
    const params = Object.fromEntries(
      passUrl
        .split('?')[1]
        .split('&')
        .map((pair) => pair.split('=')),
    );
    const pass = render('packages/pass/index', resident, params);
    await pass.waitForText('签到码');
    // The QR code: an <image> whose src (in the page's data; the simulator does not reflect it) is the GIF.
    expect(pass.component.dom.querySelector('wx-image')).not.toBeNull();
    expect(JSON.stringify(pass.component.instance.data)).toContain('data:image/gif;base64,');
  });
});

describe('活动 calendar (pages/events/index)', () => {
  test('日历 shows the month with each day’s number of events in words, and lists the first coming day’s events', async () => {
    const resident = DEMO_OPENIDS.resident;
    const today = chinaDate(NOW);
    const eventsOf = async (month: string) => {
      const { events } = await call<{ events: EventSummary[] }>('events', 'listMonth', { month, scope: 'nearby' }, resident);
      const perDay = new Map<string, number>();
      for (const e of events) perDay.set(chinaDate(new Date(e.startAt)), (perDay.get(chinaDate(new Date(e.startAt))) ?? 0) + 1);
      return { month, events, perDay, firstComing: [...perDay.keys()].sort().find((d) => d >= today) };
    };
    // Late in a month nothing may be left to come: the calendar then says so, and the next month has some.
    const thisMonth = await eventsOf(chinaMonth(NOW));
    const { month, events, perDay, firstComing } = thisMonth.firstComing ? thisMonth : await eventsOf(addMonths(thisMonth.month, 1));
    expect(firstComing).toBeDefined();

    const page = render('pages/events/index', resident);
    await page.waitUntil((t) => t.includes('日历') && !t.includes('正在加载活动'), 'the list loaded');
    page.tap(page.findByText('日历')!);
    if (month !== thisMonth.month) {
      await page.waitForText(`${monthLabel(thisMonth.month)}没有可以报名的活动`);
      page.tap(page.findByText('下月 ›')!);
    }
    const text = await page.waitForText(`${formatDate(firstComing!)} 的活动（${perDay.get(firstComing!)} 场）`);
    expect(text).toContain(monthLabel(month));
    // Each day of the month with events carries its count in words ("2场"); days without carry none.
    const days = Array.from(page.component.dom.querySelectorAll('[class*="cal-day"]') as NodeListOf<Element>).filter((el) => !/cal-out/.test(el.className));
    const shown = new Map<string, string>();
    for (const el of days) {
      const [num, count] = Array.from(el.children, (c) => (c.textContent ?? '').trim());
      if (count && count !== '今天') shown.set(`${month}-${num.padStart(2, '0')}`, count);
    }
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries([...perDay].map(([day, n]) => [day, `${n}场`])));
    // The chosen day's events are listed under it.
    for (const e of events.filter((e) => chinaDate(new Date(e.startAt)) === firstComing)) expect(text).toContain(e.title);
  });
});

describe('a station (pages/stations/detail)', () => {
  test('shows where and when it is open, its teams and events; 拨打 calls it, 到这里去 opens WeChat’s map, a team opens', async () => {
    const resident = DEMO_OPENIDS.resident;
    // The demo's community station with the most teams and events.
    const details = await Promise.all(
      demo.stations.filter((s) => s.level === 'community' && s.active).map((s) => call<StationDetail>('stations', 'get', { stationId: s._id }, resident)),
    );
    const detail = details.sort((a, b) => b.teams.length + b.events.length - (a.teams.length + a.events.length))[0];
    const { station } = detail;
    expect(detail.teams.length).toBeGreaterThan(0);

    const page = render('pages/stations/detail', resident, { id: station.id });
    const text = await page.waitForText(`地址：${station.address}`);
    expect(text).toContain(station.name);
    expect(text).toContain(`电话：${station.phone}`);
    // This week's hours, today marked.
    const weekday = isoWeekday(chinaDate(NOW));
    expect(text).toContain(`${weekdayName(weekday)}（今天）${describeHoursOn(station.openingHours, weekday)}`);
    for (const team of detail.teams) expect(text).toContain(team.name);
    for (const event of detail.events) expect(text).toContain(event.title);
    if (!detail.events.length) expect(text).toContain('近期没有在这里举办的活动');

    // Each action shows its icon (an SVG drawn as a mask, no emoji font needed) beside its words.
    const iconsOf = (words: string) => page.findByText(words)!.parentElement!.innerHTML;
    expect(iconsOf(`拨打 ${station.phone}`)).toContain(iconUrl('phone'));
    expect(iconsOf('到这里去')).toContain(iconUrl('navigation'));
    page.tap(page.findByText(`拨打 ${station.phone}`)!);
    await waitFor(() => weapp.callsOf('makePhoneCall').length > 0, 'wx.makePhoneCall');
    expect(weapp.callsOf('makePhoneCall').at(-1)).toEqual([expect.objectContaining({ phoneNumber: station.phone })]);
    page.tap(page.findByText('到这里去')!);
    await waitFor(() => weapp.callsOf('openLocation').length > 0, 'wx.openLocation');
    expect(weapp.callsOf('openLocation').at(-1)).toEqual([
      expect.objectContaining({ latitude: station.location.lat, longitude: station.location.lng, name: station.name, address: station.address }),
    ]);
    const before = weapp.callsOf('navigateTo').length;
    page.tap(page.findByText(detail.teams[0].name)!);
    await waitFor(() => weapp.callsOf('navigateTo').length > before, 'wx.navigateTo');
    expect(weapp.callsOf('navigateTo').at(-1)).toEqual([expect.objectContaining({ url: `/pages/service/team?id=${detail.teams[0].id}` })]);
  });
});

describe('the staff’s stations (packages/staff/coverage, packages/staff/station-edit)', () => {
  const staff = DEMO_OPENIDS.staff;
  /** The <input> of the field whose label (the field's first line) is `label`. */
  const inputOf = (page: RenderedPage, label: string): Element => {
    const inputs = Array.from(page.component.dom.querySelectorAll('wx-input') as NodeListOf<Element>);
    const found = inputs.find((input) => (input.parentElement?.firstElementChild?.textContent ?? '').trim() === label);
    if (!found) throw new Error(`no input labelled ${label}`);
    return found;
  };

  test('coverage: the community’s households within 15 minutes, and the places left out with their nearest station', async () => {
    const coverage = await call<Coverage>('stations', 'coverage', {}, staff);
    expect(coverage.uncovered.length).toBeGreaterThan(0);
    const page = render('packages/staff/coverage', staff);
    const text = await page.waitForText(`${coverage.coveredHouseholds} / ${coverage.households} 户`);
    expect(text).toContain(`还有 ${coverage.households - coverage.coveredHouseholds} 户走路超过 15 分钟，分布在 ${coverage.uncovered.length} 个小区或社区`);
    expect(text).toContain(`共检查了 ${coverage.areasChecked} 个小区和社区`);
    const first = coverage.uncovered[0];
    expect(text).toContain(`1${first.name}${first.households} 户`);
    expect(text).toContain(first.nearest ? `最近的服务站：${first.nearest.name}，步行约 ${first.nearest.walkingMinutes} 分钟` : '5 公里内没有开放的服务站');
  });

  test('新建服务站: typed fields, the position picked on WeChat’s map, a holiday; saved, then 停用 with a reason', async () => {
    const me = userOf(staff);
    const community = demo.communities.find((c) => c._id === me.roles.staffOf[0])!;
    const page = render('packages/staff/station-edit', staff);
    await page.waitForText('还没有选位置');
    expect(page.text()).toContain(`所属社区${community.name}`);
    page.type(inputOf(page, '名称'), '清泉小区党群服务站');
    page.type(inputOf(page, '地址'), '清泉小区 3 号楼');
    page.type(inputOf(page, '电话'), '0535-6307777');
    page.tap(page.findByText('小区级')!);

    // 在地图上选位置 opens WeChat's map at the community's centre; the place picked there is the station's (GCJ-02), said in words.
    const picked = { latitude: 37.512345, longitude: 121.254321, name: '清泉小区', address: '福山区清泉路 8 号' };
    weapp.setAnswer('chooseLocation', picked);
    page.tap(page.findByText('在地图上选位置')!);
    await page.waitForText(`已选：${picked.name}（${picked.address}）`);
    expect(page.text()).not.toMatch(/经度|纬度|GCJ/);
    expect(weapp.callsOf('chooseLocation').at(-1)).toEqual([
      expect.objectContaining({ latitude: community.location.coordinates[1], longitude: community.location.coordinates[0] }),
    ]);
    page.tap(page.findByText('＋ 添加特殊日期')!);
    await page.waitForText(formatDate(addDays(chinaDate(NOW), 1)));
    page.tap(page.findByText('建好服务站')!);
    await page.waitForText('服务站已建好');

    const { items } = await call<{ items: Station[] }>('stations', 'listForStaff', { pageSize: 50 }, staff);
    const created = items.find((s) => s.name === '清泉小区党群服务站')!;
    expect(created).toMatchObject({
      level: 'compound',
      communityId: community._id,
      address: '清泉小区 3 号楼',
      phone: '0535-6307777',
      location: { lng: picked.longitude, lat: picked.latitude },
      exceptions: [{ date: addDays(chinaDate(NOW), 1), periods: [], note: '' }],
      active: true,
    });

    // The reason's input, in the card under its title.
    page.type(page.findByText('停用这个服务站')!.parentElement!.querySelector('wx-input')!, '房屋还没交付');
    page.tap(page.findByText('停用')!);
    await page.waitForText('这个服务站已停用');
    expect(weapp.callsOf('showModal').at(-1)).toEqual([expect.objectContaining({ title: '确认停用' })]);
    const sent = weapp
      .callsOf('cloud.callFunction')
      .map(([c]) => (c as { data: { action: string; input: unknown } }).data)
      .filter((d) => d.action === 'setActive');
    expect(sent).toEqual([{ action: 'setActive', input: { stationId: created.id, active: false, reason: '房屋还没交付' } }]);
    const after = await call<{ items: Station[] }>('stations', 'listForStaff', { pageSize: 50 }, staff);
    expect(after.items.find((s) => s.id === created.id)).toMatchObject({ active: false });
  });
});

describe('sharing a team, a service day and an event (WeChat’s menu: 发送给朋友, 分享到朋友圈)', () => {
  interface Shared {
    title: string;
    path?: string;
    query?: string;
  }
  /** What WeChat asks the page for when the sender picks 发送给朋友 and 分享到朋友圈 in its menu. */
  const sharedFrom = (page: RenderedPage): { chat: Shared; timeline: Shared } => {
    const { instance } = page.component;
    expect(typeof instance.onShareAppMessage).toBe('function');
    expect(typeof instance.onShareTimeline).toBe('function');
    return { chat: instance.onShareAppMessage({ from: 'menu' }), timeline: instance.onShareTimeline() };
  };
  /** The page a shared path opens, with the query as WeChat hands it to onLoad (still encoded). */
  const opened = (path: string): [string, Record<string, string>] => {
    const [route, query] = path.replace(/^\//, '').split('?');
    return [route, Object.fromEntries(query.split('&').map((pair) => pair.split('=')))];
  };
  const sender = DEMO_OPENIDS.resident;
  // The receiver may have never used the app: no profile yet.
  const receiver = DEMO_OPENIDS.stranger;
  const leadersTeam = userOf(DEMO_OPENIDS.leader).roles.leaderOf[0];

  test('a team: its name and fixed service days; a new user opens the same team', async () => {
    const team = await call<TeamDetail>('service', 'getTeam', { teamId: leadersTeam }, sender);
    const page = render('pages/service/team', sender, { id: team.id });
    await page.waitForText(team.name);
    const { chat, timeline } = sharedFrom(page);
    expect(chat).toEqual({ title: `${team.name} · 固定服务日 ${describeRecurrence(team.schedule!.recurrence)}`, path: `/pages/service/team?id=${team.id}` });
    expect(timeline).toEqual({ title: chat.title, query: `id=${team.id}` });

    const [route, query] = opened(chat.path!);
    const received = render(route, receiver, query);
    const text = await received.waitForText(team.name);
    expect(text).toContain(formatOccurrence(team.upcoming[0]));
  });

  test('a service day: the team, date and hours; a new user sees its slots and is asked for their details to book', async () => {
    const { teamId, day } = await dayTakingBookings(receiver);
    const team = await call<TeamDetail>('service', 'getTeam', { teamId }, sender);
    const page = render('pages/service/day', sender, { teamId: team.id, date: day.occurrence.date });
    await page.waitForText(formatOccurrence(day.occurrence));
    const { chat, timeline } = sharedFrom(page);
    expect(chat).toEqual({
      title: `${team.name} 服务日 · ${slotWords(day.occurrence.date, day.occurrence.startTime, day.occurrence.endTime)}`,
      path: `/pages/service/day?teamId=${team.id}&date=${day.occurrence.date}`,
    });
    expect(timeline).toEqual({ title: chat.title, query: `teamId=${team.id}&date=${day.occurrence.date}` });

    const [route, query] = opened(chat.path!);
    const received = render(route, receiver, query);
    const text = await received.waitForText(formatOccurrence(day.occurrence));
    expect(text).toContain(team.name);
    for (const slot of day.slots) expect(text).toContain(formatSlot(slot));
    received.tap(received.findByText(formatSlot(day.slots.find(takesMe)!))!);
    await received.waitForText('请先填写个人信息');
    const before = weapp.callsOf('navigateTo').length;
    received.tap(received.findByText('填写个人信息')!);
    await waitFor(() => weapp.callsOf('navigateTo').length > before, 'wx.navigateTo to the profile');
    expect(weapp.callsOf('navigateTo').at(-1)).toEqual([expect.objectContaining({ url: '/pages/me/profile' })]);
  });

  test('an event: its title and start; a new user opens the same event', async () => {
    // Late in a month none may be left: then next month's.
    const published = async (month: string) =>
      (await call<{ events: EventSummary[] }>('events', 'listMonth', { month, scope: 'nearby' }, sender)).events.filter((e) => e.status === 'published');
    const [event] = [...(await published(chinaMonth(NOW))), ...(await published(addMonths(chinaMonth(NOW), 1)))];
    expect(event).toBeDefined();
    const page = render('pages/events/detail', sender, { id: event.id });
    await page.waitForText(event.title);
    const { chat, timeline } = sharedFrom(page);
    expect(chat).toEqual({ title: `${event.title} · ${momentWords(new Date(event.startAt))}`, path: `/pages/events/detail?id=${event.id}` });
    expect(timeline).toEqual({ title: chat.title, query: `id=${event.id}` });

    const [route, query] = opened(chat.path!);
    const received = render(route, receiver, query);
    const text = await received.waitUntil((t) => t.includes(event.title) && !isLoading(received), `${event.title}, loaded`);
    expect(text).not.toContain('重新加载');
  });

  describe('opened from 朋友圈 (single-page mode: no login, no other page)', () => {
    const VISITOR = undefined;
    beforeEach(() => weapp.setLaunchScene(1154));
    afterEach(() => weapp.setLaunchScene(1001));
    /** The functions the page called, as `fn.action`. */
    const calledSince = (before: number) =>
      weapp
        .callsOf('cloud.callFunction')
        .slice(before)
        .map(([c]) => `${(c as any).name}.${(c as any).data.action}`);

    test('a team shows its days and where to book, and opens no day', async () => {
      const team = await call<TeamDetail>('service', 'getTeam', { teamId: leadersTeam }, sender);
      const before = weapp.callsOf('cloud.callFunction').length;
      const page = render('pages/service/team', VISITOR, { id: team.id });
      const text = await page.waitForText('前往小程序');
      expect(text).toContain(formatOccurrence(team.upcoming[0]));
      const navigations = weapp.callsOf('navigateTo').length;
      page.tap(page.findByText(formatOccurrence(team.upcoming[0]))!);
      await new Promise((r) => setTimeout(r, 100));
      expect(weapp.callsOf('navigateTo').length).toBe(navigations);
      expect(calledSince(before)).toEqual(['service.getTeam']);
    });

    test('a service day shows its slots and places, and offers no booking', async () => {
      const { teamId, day } = await dayTakingBookings(receiver);
      const before = weapp.callsOf('cloud.callFunction').length;
      const page = render('pages/service/day', VISITOR, { teamId, date: day.occurrence.date });
      const text = await page.waitForText('前往小程序');
      for (const slot of day.slots) expect(text).toContain(formatSlot(slot));
      page.tap(page.findByText(formatSlot(day.slots.find(takesMe)!))!);
      await new Promise((r) => setTimeout(r, 100));
      expect(page.text()).not.toContain('确认预约');
      expect(calledSince(before)).toEqual(['booking.day']);
    });

    test('an event shows its places and where to sign up, and no sign-up form', async () => {
      // Late in a month none may be left: then next month's.
      const takingSignUps = async (month: string) =>
        (await call<{ events: EventSummary[] }>('events', 'listMonth', { month, scope: 'nearby' }, sender)).events.filter(
          (e) => e.status === 'published' && new Date(e.deadline) > NOW,
        );
      const [event] = [...(await takingSignUps(chinaMonth(NOW))), ...(await takingSignUps(addMonths(chinaMonth(NOW), 1)))];
      expect(event).toBeDefined();
      const before = weapp.callsOf('cloud.callFunction').length;
      const page = render('pages/events/detail', VISITOR, { id: event.id });
      const text = await page.waitForText('前往小程序');
      expect(text).toContain(event.title);
      expect(text).not.toContain('我要报名');
      expect(calledSince(before)).toEqual(['events.getEvent']);
    });
  });
});

describe('the demo identity switch is h5-only', () => {
  test('no weapp page shows it', async () => {
    // Each tab with something only its loaded data gives it.
    const loaded: Array<[string, string]> = [
      ['pages/service/index', `${demo.communities.find((c) => c._id === userOf(DEMO_OPENIDS.resident).communityId)!.name}的服务队在前`],
      ['pages/events/index', '本社区'],
      // Before a starting point is chosen: the resident's own community, from their profile, as one tap.
      ['pages/stations/index', `从我的社区出发：${demo.communities.find((c) => c._id === userOf(DEMO_OPENIDS.resident).communityId)!.name}`],
      ['pages/me/index', userOf(DEMO_OPENIDS.resident).name],
    ];
    for (const [route, expected] of loaded) {
      const page = render(route, DEMO_OPENIDS.resident);
      // Rendered and done loading: the expected words are there and no loading state is left.
      const text = await page.waitUntil((t) => t.includes(expected) && !isLoading(page), `${expected} and no loading state`);
      expect(text).not.toContain('重新加载');
      expect(text).not.toContain('演示身份');
    }
  });

  test('the weapp build does not contain it at all', () => {
    const files: string[] = [];
    const walk = (dir: string) =>
      fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : files.push(path.join(dir, e.name))));
    walk(WEAPP_DIR);
    const escaped = [...'演示身份'].map((c) => '\\u' + c.charCodeAt(0).toString(16)).join('');
    const offenders = files.filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return text.includes('演示身份') || text.toLowerCase().includes(escaped) || text.includes(DEMO_OPENIDS.resident);
    });
    expect(offenders).toEqual([]);
  });
});
