import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { NearbyStation, StationDetail } from '../../contract';
import { addDays, chinaDate, chinaInstant, isoWeekday } from '../../rules/china-time';
import { wgs84ToGcj02 } from '../../rules/geo';
import { describeOpenState, formatMetres, weekdayName } from '../../src/format';
import StationDetailPage from '../../src/pages/stations/detail';
import StationsPage from '../../src/pages/stations/index';
import { originStore } from '../../src/stores/origin';
import { pinClock } from '../helpers/clock';
import { community, eventSummary, ok, roles, station as plainStation, user } from './fixtures';
import { answer, calls, fail, routeParams, typeInto } from './mockTransport';
import { residentPages } from './residentPages';
import { fakeGeolocation } from './fakeGeolocation';

/** The 服务站 tab and a station's page on Taro's h5 components; the network transport and the browser's position are replaced. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

// A station's week is shown with today marked; its fixtures' Monday and Saturday hours are seen from
// Wednesday 25 November 2026, 10:00 in Fushan, whatever day the suite runs.
pinClock('2026-11-25T10:00:00+08:00');

const street = { id: 's-qy', code: 'QY', name: '清洋街道' };
const otherCommunity = { ...community, id: 'c-hd', code: 'QY02', name: '河东社区', location: { lng: 121.3, lat: 37.52 } };
const whoami = (communityId: string | null = 'c-qy') => ok({ openid: 'demo-resident', roles: roles(), user: user({ communityId }) });
const tomorrowAt = (clock: string) => chinaInstant(addDays(chinaDate(new Date()), 1), clock).toISOString();

function station(overrides: Partial<NearbyStation> = {}): NearbyStation {
  return {
    ...plainStation(),
    straightMetres: 300,
    walkingMetres: 390,
    walkingMinutes: 5,
    withinCircle: true,
    openState: { open: false, changesAt: tomorrowAt('08:30') },
    ...overrides,
  };
}
const farStation = station({
  id: 'st2',
  name: '福山区党群服务中心',
  level: 'district',
  communityId: null,
  straightMetres: 1500,
  walkingMetres: 2010,
  walkingMinutes: 26,
  withinCircle: false,
  openState: { open: true, changesAt: null },
});

/** The directory and account answers every chooser needs, plus `stations` for the stations function. */
function answerWith(stations: (action: string, input: any) => unknown, communityId: string | null = 'c-qy') {
  answer((fn, e) => {
    if (fn === 'account') return whoami(communityId);
    if (fn === 'directory') return e.action === 'listStreets' ? ok([street]) : ok([community, otherCommunity]);
    if (fn === 'stations') return stations(e.action, e.input);
    throw new Error(`unexpected ${fn}.${e.action}`);
  });
}
const nearestAnswer =
  (items: NearbyStation[] = [station(), farStation], nextCursor: string | null = null) =>
  () =>
    ok({ items, nextCursor });

const taro = residentPages();
beforeEach(() => originStore.set(null));

describe('服务站 tab: where to measure from', () => {
  test('explains why the position is wanted, and asks for it only when 使用我的位置 is tapped (converted to GCJ-02)', async () => {
    const getCurrentPosition = fakeGeolocation({ lng: 121.255, lat: 37.495 });
    answerWith(nearestAnswer());
    render(<StationsPage />);
    const why = await screen.findByTestId('location-why');
    expect(why).toHaveTextContent('找离您最近的党群服务站');
    expect(why).toHaveTextContent('不会保存');
    await screen.findByText('从我的社区出发：清洋社区');
    expect(getCurrentPosition).not.toHaveBeenCalled();
    expect(calls('stations', 'nearest')).toEqual([]);

    fireEvent.click(screen.getByText('使用我的位置'));
    expect(await screen.findByText('清洋社区党群服务站')).toBeInTheDocument();
    expect(getCurrentPosition).toHaveBeenCalledTimes(1);
    expect(screen.getByText('起点：我的位置')).toBeInTheDocument();
    const from = calls('stations', 'nearest')[0].from;
    expect(from).toEqual(wgs84ToGcj02({ lng: 121.255, lat: 37.495 }));
    expect(from.lng).not.toBeCloseTo(121.255, 4); // the GCJ-02 offset (hundreds of metres here) was applied
  });

  test('refused: the app keeps working from a community the resident picks, street then community', async () => {
    fakeGeolocation({ code: 1 });
    answerWith(nearestAnswer(), null);
    render(<StationsPage />);
    fireEvent.click(await screen.findByText('使用我的位置'));
    expect(await screen.findByRole('alert')).toHaveTextContent('没有获得位置权限');
    expect(screen.queryByText(/从我的社区出发/)).toBeNull(); // no community in this profile
    fireEvent.click(screen.getByText(/按社区选择/));
    fireEvent.click(within(screen.getByTestId('community-picker')).getByText('清洋街道'));
    fireEvent.click(screen.getByText('河东社区'));
    expect(await screen.findByText('清洋社区党群服务站')).toBeInTheDocument();
    expect(screen.getByText('起点：河东社区')).toBeInTheDocument();
    expect(calls('stations', 'nearest')[0]).toMatchObject({ from: otherCommunity.location, pageSize: 10 });
  });

  test("the resident's own community is one tap, and the choice is kept for the session", async () => {
    const getCurrentPosition = fakeGeolocation({ lng: 121.255, lat: 37.495 });
    answerWith(nearestAnswer());
    const first = render(<StationsPage />);
    fireEvent.click(await screen.findByText('从我的社区出发：清洋社区'));
    await screen.findByText('清洋社区党群服务站');
    expect(calls('stations', 'nearest')[0].from).toEqual(community.location);
    first.unmount();

    render(<StationsPage />); // the tab opened again
    expect(await screen.findByText('清洋社区党群服务站')).toBeInTheDocument();
    expect(screen.queryByTestId('location-why')).toBeNull();
    expect(getCurrentPosition).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('更换起点'));
    expect(await screen.findByTestId('location-why')).toBeInTheDocument();
    fireEvent.click(screen.getByText('不换了，返回列表'));
    expect(await screen.findByText('清洋社区党群服务站')).toBeInTheDocument();
  });

  test('no position available: says so and offers the other ways', async () => {
    fakeGeolocation({ code: 3 });
    answerWith(nearestAnswer());
    render(<StationsPage />);
    fireEvent.click(await screen.findByText('使用我的位置'));
    expect(await screen.findByRole('alert')).toHaveTextContent('暂时无法获取您的位置');
    expect(screen.getByText(/按社区选择/)).toBeInTheDocument();
  });
});

describe('服务站 tab: the nearest stations', () => {
  const startFromHome = () => originStore.set({ position: community.location, label: '清洋社区' });

  test('each card: walking minutes and distance, a 15分钟内 mark in words, open now or when it opens, services', async () => {
    startFromHome();
    answerWith(nearestAnswer());
    render(<StationsPage />);
    const [near, far] = await screen.findAllByTestId('station-card');
    expect(near).toHaveTextContent('清洋社区党群服务站');
    expect(near).toHaveTextContent('社区级');
    expect(near).toHaveTextContent('步行约 5 分钟 · 390 米');
    expect(near).toHaveTextContent('✓ 15分钟内');
    expect(near).toHaveTextContent('已休息 · 明天 08:30 开门');
    expect(near).toHaveTextContent('服务：理发、图书');
    expect(far).toHaveTextContent('步行约 26 分钟 · 2.0 公里');
    expect(far).not.toHaveTextContent('15分钟内');
    expect(far).toHaveTextContent('营业中');
    expect(screen.getByText('没有更多了，共 2 条')).toBeInTheDocument();
  });

  test('level and service chips and the name search change the query', async () => {
    startFromHome();
    answerWith((_action, input) => ok({ items: input.service === '法律咨询' ? [] : [station()], nextCursor: null }));
    render(<StationsPage />);
    await screen.findByText('清洋社区党群服务站');
    fireEvent.click(screen.getByText(/筛选（级别：全部 · 服务：全部）/));
    const filters = screen.getByTestId('station-filters');
    fireEvent.click(within(filters).getByText('社区级'));
    await waitFor(() => expect(calls('stations', 'nearest').at(-1)).toMatchObject({ level: 'community' }));
    fireEvent.click(within(filters).getByText('法律咨询'));
    expect(await screen.findByText(/没有找到符合条件的服务站/)).toBeInTheDocument();
    expect(calls('stations', 'nearest').at(-1)).toMatchObject({ level: 'community', service: '法律咨询', from: community.location });
    expect(screen.getByText('✓ 法律咨询')).toBeInTheDocument();
    expect(screen.getByText(/筛选（级别：社区级 · 服务：法律咨询）/)).toBeInTheDocument();

    await typeInto(screen.getByLabelText('按名称搜索服务站'), ' 清洋 ');
    fireEvent.click(screen.getByText('搜索'));
    await waitFor(() => expect(calls('stations', 'nearest').at(-1)).toMatchObject({ keyword: '清洋', service: '法律咨询' }));
    expect(screen.getByText('名称含“清洋”的服务站')).toBeInTheDocument();
  });

  test('loads more with the cursor, by itself while the list is shorter than the screen', async () => {
    startFromHome();
    answerWith((_action, input) => (input.cursor ? ok({ items: [farStation], nextCursor: null }) : ok({ items: [station()], nextCursor: 'page-2' })));
    render(<StationsPage />);
    await screen.findByText('清洋社区党群服务站');
    expect(await screen.findByText('福山区党群服务中心')).toBeInTheDocument();
    expect(calls('stations', 'nearest').at(-1)).toMatchObject({ cursor: 'page-2' });
  });

  test('a failed load explains and retries', async () => {
    startFromHome();
    let failing = true;
    answerWith(() => (failing ? fail('INTERNAL', '服务暂时不可用，请稍后再试') : ok({ items: [station()], nextCursor: null })));
    render(<StationsPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('服务暂时不可用');
    failing = false;
    fireEvent.click(screen.getByText('重新加载'));
    expect(await screen.findByText('清洋社区党群服务站')).toBeInTheDocument();
  });

  test('call, the way there without an online map, and opening the station', async () => {
    startFromHome();
    answerWith(nearestAnswer([station()]));
    render(<StationsPage />);
    const card = await screen.findByTestId('station-card');
    fireEvent.click(within(card).getByText(/拨打/));
    expect(taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0535-6123456' });
    fireEvent.click(within(card).getByText(/到这里去/));
    const way = screen.getByTestId('way-there');
    expect(way).toHaveTextContent('地址：清洋街道清洋社区 1 号');
    expect(way).not.toHaveTextContent('GCJ-02');
    fireEvent.click(within(way).getByText('复制地址'));
    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: '清洋街道清洋社区 1 号' });
    fireEvent.click(within(card).getByText('清洋社区党群服务站'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/stations/detail?id=st1' });
  });
});

describe('open state and distance in words (China time)', () => {
  // 2026-11-25 is a Wednesday; 10:00 in China.
  const now = chinaInstant('2026-11-25', '10:00');
  test.each([
    [{ open: true, changesAt: chinaInstant('2026-11-25', '17:30').toISOString() }, '营业中 · 至 17:30'],
    [{ open: true, changesAt: chinaInstant('2026-11-26', '02:00').toISOString() }, '营业中 · 至 明天 02:00'],
    [{ open: false, changesAt: chinaInstant('2026-11-25', '14:00').toISOString() }, '已休息 · 今天 14:00 开门'],
    [{ open: false, changesAt: chinaInstant('2026-11-26', '08:30').toISOString() }, '已休息 · 明天 08:30 开门'],
    [{ open: false, changesAt: chinaInstant('2026-11-30', '08:30').toISOString() }, '已休息 · 周一 08:30 开门'],
    [{ open: false, changesAt: chinaInstant('2026-12-05', '08:30').toISOString() }, '已休息 · 12月5日 08:30 开门'],
    [{ open: false, changesAt: null }, '已休息 · 近两周不开放'],
    [{ open: true, changesAt: null }, '营业中'],
  ])('%j → %s', (state, words) => {
    expect(describeOpenState(state, now)).toBe(words);
  });

  test('metres to 10 m below a kilometre, kilometres to 0.1 above', () => {
    expect(formatMetres(386)).toBe('390 米');
    expect(formatMetres(999)).toBe('1000 米');
    expect(formatMetres(1949)).toBe('1.9 公里');
  });
});

describe('a station page', () => {
  const today = chinaDate(new Date());
  const event = eventSummary({ place: { address: '清洋社区党群服务站广场', location: null, stationId: 'st1' } });
  const detail = (overrides: Partial<StationDetail> = {}): StationDetail => {
    return {
      station: {
        ...plainStation(),
        openingHours: { '1': [{ open: '08:30', close: '17:30' }], '6': [{ open: '09:00', close: '12:00' }] },
        exceptions: [
          { date: addDays(today, 2), periods: [], note: '元旦' },
          { date: addDays(today, -3), periods: [], note: '已过去' },
        ],
      },
      openState: station().openState,
      teams: [{ id: 't1', name: '福老汇理发队', serviceClass: 'haircut', nextDates: ['2026-11-28', '2026-12-05'] }],
      events: [event],
      ...overrides,
    };
  };

  test('all its details: hours by weekday with today marked in words, special days ahead, services, teams with their next days, events', async () => {
    routeParams({ id: 'st1' });
    answer((fn, e) => (fn === 'stations' && e.action === 'get' ? ok(detail()) : undefined));
    render(<StationDetailPage />);
    expect(await screen.findByText('清洋社区党群服务站')).toBeInTheDocument();
    expect(calls('stations', 'get')).toEqual([{ stationId: 'st1' }]);
    expect(screen.getByText('已休息 · 明天 08:30 开门')).toBeInTheDocument();
    expect(screen.getByText('地址：清洋街道清洋社区 1 号')).toBeInTheDocument();
    const hours = screen.getByTestId('station-hours');
    expect(hours).toHaveTextContent('周一08:30–17:30');
    expect(hours).toHaveTextContent('周六09:00–12:00');
    expect(hours).toHaveTextContent(`${weekdayName(isoWeekday(today))}（今天）`);
    expect(within(hours).getAllByText(/（今天）/)).toHaveLength(1);
    expect(hours).toHaveTextContent('元旦 休息');
    expect(hours).not.toHaveTextContent('已过去');
    expect(screen.getByText('理发、图书')).toBeInTheDocument();

    const team = screen.getByTestId('station-team');
    expect(team).toHaveTextContent('福老汇理发队');
    expect(team).toHaveTextContent('下次服务：11月28日 周六、12月5日 周六');
    fireEvent.click(team);
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/service/team?id=t1' });
    fireEvent.click(screen.getByText('清洋社区幸福集市'));
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/events/detail?id=e1' });
    fireEvent.click(screen.getByText(/拨打/));
    expect(taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0535-6123456' });
  });

  test('says so when no team serves there and no event is coming', async () => {
    routeParams({ id: 'st1' });
    answer(() => ok(detail({ teams: [], events: [] })));
    render(<StationDetailPage />);
    expect(await screen.findByText('暂时没有服务队在这里固定服务')).toBeInTheDocument();
    expect(screen.getByText('近期没有在这里举办的活动')).toBeInTheDocument();
  });

  test('a station that is gone says so', async () => {
    routeParams({ id: 'gone' });
    answer(() => fail('NOT_FOUND', '没有找到这个服务站'));
    render(<StationDetailPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('没有找到这个服务站');
  });
});
