import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import EventsPage from '../../src/pages/events/index';
import MePage from '../../src/pages/me/index';
import ServicePage from '../../src/pages/service/index';
import { elderModeStore } from '../../src/stores/display';
import { homeChoiceStore } from '../../src/stores/home';
import { community, ok, roles, teams, user } from './fixtures';
import { answer, calls, typeInto } from './mockTransport';
import { residentPages } from './residentPages';
import { fakeGeolocation } from './fakeGeolocation';

/** A new resident's first run on 服务: where they live (by street, by name, by position; or skipped), and 长辈模式. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const streets = [
  { id: 's-qy', code: 'QY', name: '清洋街道' },
  { id: 's-fx', code: 'FX', name: '福新街道' },
];
const hedong = { ...community, id: 'c-hd', code: 'QY02', name: '河东社区', location: { lng: 121.3, lat: 37.52 } };
const fuxin = { ...community, id: 'c-fx', code: 'FX01', name: '福新社区', streetId: 's-fx', location: { lng: 121.24, lat: 37.49 } };

/** Every answer the first run needs; `profile`: none (a new resident), or theirs with or without a community. */
function answerAs(profile: 'none' | { communityId: string | null }) {
  answer((fn, e) => {
    if (fn === 'account' && e.action === 'whoami')
      return ok({ openid: 'demo-resident', roles: roles(), user: profile === 'none' ? null : user({ communityId: profile.communityId }) });
    if (fn === 'account') return ok(user({ communityId: e.input.communityId }));
    if (fn === 'directory' && e.action === 'listStreets') return ok(streets);
    if (fn === 'directory' && e.action === 'listCommunities') return ok([community, hedong, fuxin]);
    if (fn === 'directory') return ok({ compoundName: '河东花园', communityId: 'c-hd', straightMetres: 120 });
    if (fn === 'service') return ok({ items: teams, nextCursor: null });
    if (fn === 'events') return ok({ items: [], nextCursor: null });
    if (fn === 'messages') return ok({ count: 0 });
    throw new Error(`unexpected ${fn}.${e.action}`);
  });
}

const taro = residentPages();

test('a new resident is asked where they live before any list; by street: 服务 then lists from that community, and the device keeps it', async () => {
  answerAs('none');
  render(<ServicePage />);
  const chooser = await screen.findByTestId('home-chooser');
  expect(chooser).toHaveTextContent('您住在哪个社区？');
  expect(calls('service', 'listTeams')).toEqual([]);
  fireEvent.click(within(await screen.findByTestId('community-picker')).getByText('清洋街道'));
  fireEvent.click(screen.getByText('河东社区'));
  expect(await screen.findByText('福老汇理发队')).toBeInTheDocument();
  expect(screen.queryByTestId('home-chooser')).toBeNull();
  expect(calls('service', 'listTeams')).toEqual([{ homeCommunityId: 'c-hd', pageSize: 20 }]);
  expect(await screen.findByText('河东社区的服务队在前，再是附近社区的')).toBeInTheDocument();
  expect(Taro.getStorageSync('home-community')).toEqual({ communityId: 'c-hd' });
  // No profile yet: nothing to save it in.
  expect(calls('account', 'updateProfile')).toEqual([]);
});

test('by name: a few characters find the community; a registered resident’s profile keeps it too', async () => {
  answerAs({ communityId: null });
  render(<ServicePage />);
  await typeInto(await screen.findByLabelText('搜索社区'), '福新');
  const results = await screen.findByTestId('community-search-results');
  expect(within(results).queryByText('河东社区')).toBeNull();
  await typeInto(screen.getByLabelText('搜索社区'), '火星');
  expect(await screen.findByText(/没有名称里有“火星”的社区/)).toBeInTheDocument();
  await typeInto(screen.getByLabelText('搜索社区'), '福新');
  fireEvent.click(await within(screen.getByTestId('community-search-results')).findByText('福新社区'));
  await screen.findByText('福老汇理发队');
  expect(calls('service', 'listTeams')[0]).toMatchObject({ homeCommunityId: 'c-fx' });
  expect(calls('account', 'updateProfile')).toEqual([{ name: '王秀兰', phone: '13812345678', communityId: 'c-fx' }]);
});

test('by position, only when asked, and why: the nearest compound names the community', async () => {
  const getCurrentPosition = fakeGeolocation({ lng: 121.3, lat: 37.52 });
  answerAs('none');
  render(<ServicePage />);
  const byLocation = await screen.findByTestId('home-by-location');
  expect(byLocation).toHaveTextContent('不会保存');
  expect(getCurrentPosition).not.toHaveBeenCalled();
  fireEvent.click(within(byLocation).getByText('用我的位置找'));
  expect(await screen.findByText('离您最近的小区：河东花园（河东社区）')).toBeInTheDocument();
  expect(calls('directory', 'nearestCompound')).toHaveLength(1);
  fireEvent.click(screen.getByText('我住在河东社区'));
  await screen.findByText('福老汇理发队');
  expect(calls('service', 'listTeams')[0]).toMatchObject({ homeCommunityId: 'c-hd' });
});

test('position refused: it says so and the other ways still work', async () => {
  fakeGeolocation({ code: 1 });
  answerAs('none');
  render(<ServicePage />);
  fireEvent.click(within(await screen.findByTestId('home-by-location')).getByText('用我的位置找'));
  expect(await screen.findByRole('alert')).toHaveTextContent('没有获得位置权限');
  expect(calls('directory', 'nearestCompound')).toEqual([]);
  fireEvent.click(within(await screen.findByTestId('community-picker')).getByText('福新街道'));
  fireEvent.click(screen.getByText('福新社区'));
  await screen.findByText('福老汇理发队');
});

test('长辈模式 is offered on the first run, a clear switch', async () => {
  answerAs('none');
  render(<ServicePage />);
  const toggle = await screen.findByTestId('first-run-elder');
  expect(toggle).toHaveAttribute('aria-checked', 'false');
  fireEvent.click(toggle);
  expect(elderModeStore.get()).toBe(true);
  expect(toggle).toHaveAttribute('aria-checked', 'true');
  expect(Taro.getStorageSync('elder-mode')).toBe(true);
});

test('skipped: the whole district by name, not asked again; 我的 offers to choose, which asks again on 服务', async () => {
  answerAs('none');
  const service = render(<ServicePage />);
  fireEvent.click(await screen.findByText('跳过，先看全区的服务'));
  await screen.findByText('福老汇理发队');
  expect(calls('service', 'listTeams')).toEqual([{ pageSize: 20 }]);
  expect(Taro.getStorageSync('home-community')).toBe('skipped');
  service.unmount();

  render(<MePage />);
  const row = await screen.findByTestId('my-home');
  expect(row).toHaveTextContent('我的社区');
  expect(row).toHaveTextContent('未选择');
  fireEvent.click(row);
  expect(homeChoiceStore.get()).toBeNull();
  expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/service/index' });
});

test('with a community in the profile: never asked, listed from it at once, and the device keeps it for the next start', async () => {
  answerAs({ communityId: 'c-qy' });
  render(<ServicePage />);
  await screen.findByText('福老汇理发队');
  expect(screen.queryByTestId('home-chooser')).toBeNull();
  expect(calls('service', 'listTeams')).toEqual([{ homeCommunityId: 'c-qy', pageSize: 20 }]);
  await waitFor(() => expect(homeChoiceStore.get()).toEqual({ communityId: 'c-qy' }));
});

test('活动 lists from the community chosen on the device, before there is a profile', async () => {
  answerAs('none');
  act(() => homeChoiceStore.set({ communityId: 'c-hd' }));
  render(<EventsPage />);
  await screen.findByText('近期没有活动', { exact: false });
  expect(calls('events', 'listUpcoming')).toEqual([{ scope: 'nearby', homeCommunityId: 'c-hd', pageSize: 20 }]);
});
