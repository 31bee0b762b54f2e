import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import MePage from '../../src/pages/me/index';
import ServicePage from '../../src/pages/service/index';
import { elderModeStore } from '../../src/stores/display';
import { setHomeChoice } from '../../src/stores/home';
import { identityStore, setDemoOpenid } from '../../src/stores/identity';
import { community, ok, roles, teams, user } from './fixtures';
import { answer, calls, transport } from './mockTransport';
import { moment } from './moment';

/** Pages with React Testing Library on Taro's h5 components; only the network transport is replaced. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));

beforeEach(() => {
  transport.mockReset();
  elderModeStore.set(false);
  setHomeChoice(null);
  identityStore.set('demo-resident');
});

/** The resident with 清洋社区 in their profile: the 服务 tab lists near it at once. */
const profileWithCommunity = () => ok({ openid: 'demo-resident', roles: roles(), user: user() });

describe('服务 tab', () => {
  test('lists teams from the service function with their next service day', async () => {
    answer((fn, e) =>
      fn === 'directory'
        ? ok([community])
        : fn === 'account'
          ? profileWithCommunity()
          : e.action === 'listTeams'
            ? ok({ items: teams, nextCursor: null })
            : undefined,
    );
    render(<ServicePage />);
    expect(await screen.findByText('福老汇理发队')).toBeInTheDocument();
    expect(screen.getByText('泉心为民维修队')).toBeInTheDocument();
    expect(screen.getByText(moment('11月28日 周六 09:00–11:30')).parentElement).toHaveTextContent('下次服务：11月28日 周六 09:00–11:30');
    expect(screen.getByText('近期暂无服务日')).toBeInTheDocument();
    expect(screen.getByText('没有更多了，共 2 条')).toBeInTheDocument();
  });

  test('my community’s teams first; the class chips behind 筛选 filter by class, and an empty result says what to try', async () => {
    answer((fn, e) => {
      if (fn === 'directory') return ok([community]);
      if (fn === 'account') return profileWithCommunity();
      return ok({ items: e.input.serviceClass === 'legal' ? [] : teams, nextCursor: null });
    });
    render(<ServicePage />);
    await screen.findByText('福老汇理发队');
    expect(calls('service', 'listTeams')).toEqual([{ homeCommunityId: 'c-qy', pageSize: 20 }]);
    expect(await screen.findByText('清洋社区的服务队在前，再是附近社区的')).toBeInTheDocument();
    // The filters fold into one button, so the first team shows at once.
    expect(screen.queryByText('法律')).toBeNull();
    fireEvent.click(screen.getByTestId('filters-toggle'));
    fireEvent.click(screen.getByText('法律'));
    expect(await screen.findByText(/没有找到符合条件的服务队/)).toBeInTheDocument();
    expect(calls('service', 'listTeams').at(-1)).toMatchObject({ serviceClass: 'legal', homeCommunityId: 'c-qy', pageSize: 20 });
    expect(screen.getByText('✓ 法律')).toBeInTheDocument(); // the choice is shown by a mark, not colour alone
    expect(screen.getByTestId('filters-toggle')).toHaveTextContent('筛选·1');
  });

  test('loads the next page with the cursor by itself when the end of the list is on screen', async () => {
    answer((fn, e) => {
      if (fn === 'directory') return ok([community]);
      if (fn === 'account') return profileWithCommunity();
      return e.input.cursor ? ok({ items: [teams[1]], nextCursor: null }) : ok({ items: [teams[0]], nextCursor: 'page-2' });
    });
    render(<ServicePage />);
    await screen.findByText('福老汇理发队');
    // One team does not fill the screen: the second page comes without a tap (加载更多 is tested in virtual-feed.test.tsx).
    expect(await screen.findByText('泉心为民维修队')).toBeInTheDocument();
    expect(screen.getByText('没有更多了，共 2 条')).toBeInTheDocument();
    expect(calls('service', 'listTeams').at(-1)).toMatchObject({ cursor: 'page-2' });
  });

  test('a failed load explains and retries', async () => {
    let fail = true;
    answer((fn) => {
      if (fn === 'directory') return ok([community]);
      if (fn === 'account') return profileWithCommunity();
      if (fail) throw new Error('offline');
      return ok({ items: teams, nextCursor: null });
    });
    render(<ServicePage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('网络不太好');
    fail = false;
    fireEvent.click(screen.getByText('重新加载'));
    expect(await screen.findByText('福老汇理发队')).toBeInTheDocument();
  });
});

describe('我的 tab', () => {
  test("shows the caller's profile with the phone masked, and no workbench for a resident", async () => {
    answer((fn) =>
      fn === 'directory' ? ok([community]) : fn === 'messages' ? ok({ count: 0 }) : ok({ openid: 'demo-resident', roles: roles(), user: user() }),
    );
    render(<MePage />);
    expect(await screen.findByText('王秀兰')).toBeInTheDocument();
    expect(screen.getByText('手机：138****5678')).toBeInTheDocument();
    expect(screen.getByText('社区：清洋社区')).toBeInTheDocument();
    expect(screen.queryByText(/进入/)).toBeNull();
  });

  test('a staff member gets the entry to the community workbench', async () => {
    answer((fn) =>
      fn === 'directory'
        ? ok([community])
        : fn === 'messages'
          ? ok({ count: 0 })
          : ok({
              openid: 'demo-staff',
              roles: roles({ staffOf: ['c-qy'] }),
              user: user({ openid: 'demo-staff', name: '李强', roles: roles({ staffOf: ['c-qy'] }) }),
            }),
    );
    render(<MePage />);
    expect(await screen.findByText('进入社区工作台')).toBeInTheDocument();
  });

  test('changing the demo identity reloads what 我的 shows', async () => {
    answer((fn, e) => {
      if (fn === 'directory') return ok([community]);
      if (fn === 'messages') return ok({ count: 0 });
      expect(e.action).toBe('whoami');
      const openid = identityStore.get();
      return ok(openid === 'demo-stranger' ? { openid, roles: roles(), user: null } : { openid, roles: roles(), user: user() });
    });
    render(<MePage />);
    await screen.findByText('王秀兰');
    act(() => setDemoOpenid('demo-stranger'));
    expect(await screen.findByText('填写个人信息')).toBeInTheDocument();
    expect(screen.queryByText('王秀兰')).toBeNull();
  });

  test('长辈模式 switches the page and the tab bar (through <html>) to its own sizes', async () => {
    answer((fn) =>
      fn === 'directory' ? ok([community]) : fn === 'messages' ? ok({ count: 0 }) : ok({ openid: 'demo-resident', roles: roles(), user: user() }),
    );
    const { container } = render(<MePage />);
    await screen.findByText('王秀兰');
    const screenRoot = () => container.querySelector('.screen') as HTMLElement;
    expect(screenRoot().classList.contains('screen-elder')).toBe(false);
    act(() => elderModeStore.set(true));
    await waitFor(() => expect(screenRoot().classList.contains('screen-elder')).toBe(true));
    expect(document.documentElement.classList.contains('elder')).toBe(true);
  });
});
