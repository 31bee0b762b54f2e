import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { EventDetail, EventSummary } from '../../contract';
import { addMonths, chinaMonth } from '../../rules/calendar';
import { chinaInstant } from '../../rules/china-time';
import { EventCard } from '../../src/components/EventCard';
import EventDetailPage from '../../src/pages/events/detail';
import EventsPage from '../../src/pages/events/index';
import MePage from '../../src/pages/me/index';
import MySignUpsPage from '../../src/pages/me/signups';
import { community, counts, eventDetail, eventSummary, ok, roles, signUp, user } from './fixtures';
import { answer, calls, fail, routeParams, typeInto } from './mockTransport';
import { residentPages, whoami } from './residentPages';
import { moment } from './moment';

/** The resident's 幸福集市 and 百家宴 sign-up on the real pages; only the network transport is replaced. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const event = eventDetail;
const banquet = (overrides: Partial<EventDetail> = {}) =>
  event({
    id: 'e2',
    type: 'banquet',
    title: '清洋社区百家宴',
    stalls: null,
    dishes: { cold: counts(5, 5), hot: counts(10, 3), staple: counts(0, 0), soup: counts(3, 1), dessert: counts(0, 0) },
    ...overrides,
  });

const ui = residentPages();

test('an event card on 活动 opens the event page', () => {
  render(<EventCard event={event()} />);
  fireEvent.click(screen.getByTestId('event-card'));
  expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/events/detail?id=e1' });
});

describe('a 幸福集市 (pages/events/detail)', () => {
  beforeEach(() => routeParams({ id: 'e1' }));

  test('shows when, where, places, deadline in China time, and the stall kinds left', async () => {
    answer((fn) => (fn === 'account' ? whoami() : ok(event())));
    render(<EventDetailPage />);
    expect(await screen.findByText('✓ 正在报名')).toBeInTheDocument();
    const info = screen.getByTestId('event-info');
    expect(within(info).getByText(moment('11月27日 周五 18:00')).parentElement).toHaveTextContent('报名截止：11月27日 周五 18:00');
    expect(within(info).getByText('名额：共 100 人，剩余 40 人')).toBeInTheDocument();
    const stalls = screen.getByTestId('stalls');
    expect(within(stalls).getByText('✕ 已满')).toBeInTheDocument();
    expect(within(stalls).getByText('剩 2 个')).toBeInTheDocument();
    expect(calls('events', 'getEvent')).toEqual([{ eventId: 'e1' }]);
  });

  test('the way there: 到这里去 shows the address to copy into a map app (h5 has no online map)', async () => {
    const place = { address: '清洋社区文化广场', location: { lng: 121.2601, lat: 37.4962 }, stationId: null };
    answer((fn) => (fn === 'account' ? whoami() : ok(event({ place }))));
    render(<EventDetailPage />);
    const info = await screen.findByTestId('event-info');
    expect(screen.queryByTestId('way-there')).toBeNull();
    fireEvent.click(within(info).getByText('到这里去'));
    const way = screen.getByTestId('way-there');
    expect(way).toHaveTextContent('地址：清洋社区文化广场');
    fireEvent.click(within(way).getByText('复制地址'));
    expect(ui.setClipboardData).toHaveBeenCalledWith({ data: '清洋社区文化广场' });
    // This event's organiser left no phone: nothing to call.
    expect(within(info).queryByText(/拨打/)).toBeNull();
  });

  test("the organiser's phone: a 拨打 button that dials it, the number whole on one line", async () => {
    answer((fn) => (fn === 'account' ? whoami() : ok(event({ contactPhone: '0535-6373527' }))));
    render(<EventDetailPage />);
    const call = await screen.findByTestId('event-call');
    expect(call).toHaveTextContent('拨打主办方电话 0535-6373527');
    expect(within(call).getByText('0535-6373527')).toHaveClass('nowrap');
    fireEvent.click(call);
    expect(ui.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0535-6373527' });
  });

  test('as visitors: headcount stepper, 确认报名, then the result with its entry QR', async () => {
    let made = false;
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'signUp') return ((made = true), ok(signUp({ headcount: 3 })));
      return ok(event({ mine: made ? [signUp({ headcount: 3 })] : [] }));
    });
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('来逛集市'));
    fireEvent.click(screen.getByLabelText('人数加一'));
    fireEvent.click(screen.getByLabelText('人数加一'));
    expect(screen.getByTestId('stepper-value')).toHaveTextContent('3 人');
    fireEvent.click(screen.getByText('确认报名'));
    expect(await screen.findByTestId('signup-result')).toHaveTextContent('✓ 报名成功');
    expect(calls('events', 'signUp')).toEqual([{ eventId: 'e1', kind: 'visitor', headcount: 3, joinWaitlist: false, subscribe: true }]);
    expect(screen.getByTestId('check-in-code')).toHaveTextContent('ABCD 1234');
    expect(screen.getByText('来逛集市 3 人')).toBeInTheDocument();
  });

  test('applying for a stall: a full kind is not choosable, and it waits for staff approval', async () => {
    const pending = signUp({ kind: 'stall', headcount: 0, stall: { kind: 'repair', description: '修小家电' }, status: 'pending', entryCode: null });
    answer((fn, e) => (fn === 'account' ? whoami() : e.action === 'signUp' ? ok(pending) : ok(event())));
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('申请摆摊'));
    expect(screen.getByText(/摆摊需要社区工作人员审核/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('手工（已满）'));
    expect(screen.queryByText('✓ 手工')).toBeNull();
    fireEvent.click(screen.getByText('维修'));
    await typeInto(screen.getByLabelText('摊位介绍'), '修小家电');
    fireEvent.click(screen.getByText('提交摆摊申请'));
    expect(await screen.findByText('◷ 摆摊申请已提交，等待社区审核')).toBeInTheDocument();
    expect(calls('events', 'signUp')).toEqual([{ eventId: 'e1', kind: 'stall', stall: { kind: 'repair', description: '修小家电' }, subscribe: true }]);
  });

  test('FULL offers the waitlist; joining it sends joinWaitlist', async () => {
    let tries = 0;
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'signUp') {
        tries += 1;
        return tries === 1 ? fail('FULL', '名额已满') : ok(signUp({ status: 'waitlisted', waitlistPosition: 2, entryCode: null }));
      }
      return ok(event());
    });
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('来逛集市'));
    fireEvent.click(screen.getByText('确认报名'));
    expect(await screen.findByText('名额已满')).toBeInTheDocument();
    fireEvent.click(screen.getByText('排队候补', { selector: 'button, taro-button-core' }));
    expect(await screen.findByText('○ 已排队候补')).toBeInTheDocument();
    expect(screen.getByText('您排在候补第 2 位')).toBeInTheDocument();
    expect(calls('events', 'signUp').map((i) => i.joinWaitlist)).toEqual([false, true]);
  });
});

describe('a 百家宴', () => {
  beforeEach(() => routeParams({ id: 'e2' }));

  test('shows the dishes kind by kind; a full kind is 已满 and not choosable; signs up a household with a dish', async () => {
    const made = signUp({ id: 's2', eventId: 'e2', eventType: 'banquet', kind: 'household', headcount: 1, dish: { kind: 'hot', name: '红烧肉' } });
    answer((fn, e) => (fn === 'account' ? whoami() : e.action === 'signUp' ? ok(made) : ok(banquet())));
    render(<EventDetailPage />);
    const dishes = await screen.findByTestId('dishes');
    expect(within(dishes).getByText('凉菜：已有 5 道 / 需要 5 道')).toBeInTheDocument();
    expect(within(dishes).getByText('还差 7 道')).toBeInTheDocument();
    fireEvent.click(screen.getByText('凉菜（已满）'));
    fireEvent.click(screen.getByText('确认报名'));
    expect(await screen.findByText('请选择您带的菜是哪一类')).toBeInTheDocument();
    expect(calls('events', 'signUp')).toHaveLength(0);
    fireEvent.click(screen.getByText('热菜'));
    await typeInto(screen.getByLabelText('菜名'), '红烧肉');
    fireEvent.click(screen.getByText('确认报名'));
    expect(await screen.findByTestId('signup-result')).toHaveTextContent('✓ 报名成功');
    expect(calls('events', 'signUp')).toEqual([
      { eventId: 'e2', kind: 'household', headcount: 1, dish: { kind: 'hot', name: '红烧肉' }, joinWaitlist: false, subscribe: true },
    ]);
  });

  test('a refusal shows its message', async () => {
    answer((fn, e) => (fn === 'account' ? whoami() : e.action === 'signUp' ? fail('CLOSED', '报名已截止') : ok(banquet())));
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('汤'));
    await typeInto(screen.getByLabelText('菜名'), '鸡汤');
    fireEvent.click(screen.getByText('确认报名'));
    expect(await screen.findByText('报名已截止')).toBeInTheDocument();
  });

  test('changing the headcount and dish before the deadline', async () => {
    const mine = signUp({ id: 's2', eventId: 'e2', eventType: 'banquet', kind: 'household', headcount: 2, dish: { kind: 'hot', name: '红烧肉' } });
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'changeSignUp') return ok({ ...mine, headcount: 3, dish: { kind: 'soup', name: '鸡汤' } });
      return ok(banquet({ mine: [mine] }));
    });
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('修改人数或菜品'));
    const form = screen.getByTestId('change-form');
    fireEvent.click(within(form).getByLabelText('人数加一'));
    fireEvent.click(within(form).getByText('汤'));
    await typeInto(screen.getByLabelText('修改菜名'), '鸡汤');
    fireEvent.click(screen.getByText('保存修改'));
    expect(await screen.findByText('一家 3 人，带 汤：鸡汤')).toBeInTheDocument();
    expect(calls('events', 'changeSignUp')).toEqual([{ signUpId: 's2', headcount: 3, dish: { kind: 'soup', name: '鸡汤' } }]);
    // The household already has its sign-up: no second form.
    expect(screen.queryByTestId('signup-form')).toBeNull();
  });
});

describe('cancelling a sign-up', () => {
  beforeEach(() => routeParams({ id: 'e1' }));

  test('asks first; declining keeps it', async () => {
    ui.showModal.mockImplementation(async () => ({ confirm: false, cancel: true, errMsg: 'showModal:ok' }));
    answer((fn) => (fn === 'account' ? whoami() : ok(event({ mine: [signUp()] }))));
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('取消报名'));
    await waitFor(() => expect(ui.showModal).toHaveBeenCalled());
    expect(calls('events', 'cancelSignUp')).toHaveLength(0);
  });

  test('confirmed: cancels and shows 已取消', async () => {
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'cancelSignUp')
        return ok(
          signUp({ status: 'cancelled', entryCode: null, canChange: false, cancellation: { by: 'resident', at: '2026-11-21T01:00:00.000Z', reason: '' } }),
        );
      return ok(event({ mine: [signUp()] }));
    });
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('取消报名'));
    expect(await screen.findByText('⊘ 已取消')).toBeInTheDocument();
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消报名' }));
    expect(calls('events', 'cancelSignUp')).toEqual([{ signUpId: 's1' }]);
    expect(screen.queryByTestId('check-in-code')).toBeNull();
  });

  test('after the deadline there is no change or cancel, only words', async () => {
    answer((fn) => (fn === 'account' ? whoami() : ok(event({ open: false, mine: [signUp({ canChange: false })] }))));
    render(<EventDetailPage />);
    expect(await screen.findByText('⊘ 报名已截止')).toBeInTheDocument();
    expect(screen.getByText(/不能在网上修改或取消/)).toBeInTheDocument();
    expect(screen.queryByText('取消报名')).toBeNull();
    expect(screen.queryByTestId('signup-form')).toBeNull();
  });
});

describe('my sign-ups (pages/me/signups)', () => {
  test('lists upcoming, then past, and opens the event', async () => {
    answer((_fn, e) =>
      e.input.scope === 'upcoming'
        ? ok({
            items: [
              signUp(),
              signUp({
                id: 's3',
                eventId: 'e2',
                eventTitle: '清洋社区百家宴',
                eventType: 'banquet',
                kind: 'household',
                dish: { kind: 'hot', name: '饺子' },
                status: 'waitlisted',
                waitlistPosition: 1,
                entryCode: null,
              }),
            ],
            nextCursor: null,
          })
        : ok({ items: [], nextCursor: null }),
    );
    render(<MySignUpsPage />);
    expect(await screen.findByText('清洋社区幸福集市')).toBeInTheDocument();
    expect(screen.getByText('○ 候补第 1 位')).toBeInTheDocument();
    expect(screen.getByText('一家 2 人，带 热菜：饺子')).toBeInTheDocument();
    fireEvent.click(screen.getByText('清洋社区百家宴'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/events/detail?id=e2' });
    fireEvent.click(screen.getByText('历史'));
    expect(await screen.findByText('还没有过去的活动报名')).toBeInTheDocument();
    expect(calls('events', 'mySignUps').map((i) => i.scope)).toEqual(['upcoming', 'past']);
  });

  test('我的 has an entry for them', async () => {
    answer((fn) => (fn === 'account' ? whoami() : fn === 'directory' ? ok([community]) : ok({ count: 0 })));
    render(<MePage />);
    fireEvent.click(await screen.findByTestId('my-signups'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/signups' });
  });
});

describe('the 活动 tab (pages/events/index)', () => {
  function summary(id: string, communityId: string, startAt: string, overrides: Partial<EventSummary> = {}): EventSummary {
    return eventSummary({ id, communityId, communityName: communityId === 'c-qy' ? '清洋社区' : '福新社区', title: `活动${id}`, startAt, ...overrides });
  }

  test('my community’s events marked 本社区 and first, then the neighbours’; 全区 shows the district', async () => {
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.input.scope === 'district') return ok({ items: [summary('d1', 'c-far', '2026-11-21T01:00:00.000Z')], nextCursor: null });
      return ok({ items: [summary('h1', 'c-qy', '2026-11-28T01:00:00.000Z'), summary('n1', 'c-fx', '2026-11-21T01:00:00.000Z')], nextCursor: null });
    });
    render(<EventsPage />);
    const cards = await screen.findAllByTestId('event-card');
    expect(cards.map((c) => within(c).queryByText('本社区') !== null)).toEqual([true, false]);
    expect(within(cards[0]).getByText('剩余 40 个名额')).toBeInTheDocument();
    expect(within(cards[0]).getByText(moment('11月27日 周五 18:00')).parentElement).toHaveTextContent('报名截止 11月27日 周五 18:00');
    expect(screen.getByText('本社区的活动在前，再是 1.5 公里内的邻近社区')).toBeInTheDocument();
    expect(calls('events', 'listUpcoming')).toEqual([{ scope: 'nearby', homeCommunityId: 'c-qy', pageSize: 20 }]);
    fireEvent.click(screen.getByText('全区'));
    await waitFor(() => expect(screen.getByText('活动d1')).toBeInTheDocument());
    expect(calls('events', 'listUpcoming')[1]).toEqual({ scope: 'district', homeCommunityId: 'c-qy', pageSize: 20 });
  });

  test('without a community in the profile: the district’s events, and how to see my own first', async () => {
    answer((fn) =>
      fn === 'account' ? ok({ openid: 'demo-resident', roles: roles(), user: user({ communityId: null }) }) : ok({ items: [], nextCursor: null }),
    );
    render(<EventsPage />);
    expect(await screen.findByText('在“我的”里选择所在社区，就能先看到本社区和附近的活动；现在显示全区的活动')).toBeInTheDocument();
    // "nearby" without a community is the district's, answered by the function.
    expect(calls('events', 'listUpcoming')).toEqual([{ scope: 'nearby', pageSize: 20 }]);
    expect(screen.queryByText('本社区和附近')).toBeNull();
    expect(await screen.findByText('近期没有活动')).toBeInTheDocument();
  });

  test('日历: a month Monday first, days with events show how many in words; tapping a day lists its events, mine first', async () => {
    const next = addMonths(chinaMonth(new Date()), 1);
    const at = (day: string, time: string) => chinaInstant(`${next}-${day}`, time).toISOString();
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'listUpcoming') return ok({ items: [], nextCursor: null });
      if (e.input.month !== next) return ok({ month: e.input.month, homeCommunityId: 'c-qy', events: [] });
      return ok({
        month: next,
        homeCommunityId: 'c-qy',
        events: [
          summary('n1', 'c-fx', at('14', '09:00')),
          summary('h1', 'c-qy', at('14', '17:00')),
          summary('h2', 'c-qy', at('20', '09:00'), { placesLeft: 0 }),
        ],
      });
    });
    render(<EventsPage />);
    fireEvent.click(await screen.findByText('日历'));
    fireEvent.click(await screen.findByText('下月 ›'));
    const day14 = await screen.findByTestId(`cal-day-${next}-14`);
    expect(within(day14).getByText('2场')).toBeInTheDocument();
    expect(day14.getAttribute('aria-label')).toMatch(/，2场活动$/);
    expect(within(screen.getByTestId(`cal-day-${next}-20`)).getByText('1场')).toBeInTheDocument();
    expect(screen.getByTestId(`cal-day-${next}-15`).getAttribute('aria-label')).toMatch(/没有活动$/);
    expect(calls('events', 'listMonth').at(-1)).toEqual({ month: next, scope: 'nearby', homeCommunityId: 'c-qy' });
    // The first day with events is open: my community's event first, marked.
    expect(day14.getAttribute('aria-selected')).toBe('true');
    let cards = screen.getAllByTestId('event-card');
    expect(cards.map((c) => within(c).getByText(/^活动/).textContent)).toEqual(['活动h1', '活动n1']);
    expect(within(cards[0]).getByText('本社区')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(`cal-day-${next}-20`));
    cards = screen.getAllByTestId('event-card');
    expect(cards).toHaveLength(1);
    expect(within(cards[0]).getByText('名额已满')).toBeInTheDocument();
    expect(screen.getByText(/的活动（1 场）$/)).toBeInTheDocument();
  });

  test('日历 weeks start on Monday', async () => {
    answer((fn, e) =>
      fn === 'account'
        ? whoami()
        : e.action === 'listUpcoming'
          ? ok({ items: [], nextCursor: null })
          : ok({ month: e.input.month, homeCommunityId: 'c-qy', events: [] }),
    );
    render(<EventsPage />);
    fireEvent.click(await screen.findByText('日历'));
    const headers = await screen.findAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['一', '二', '三', '四', '五', '六', '日']);
  });
});
