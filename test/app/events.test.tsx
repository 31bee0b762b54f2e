import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { EventDetail, SignUp } from '../../contract';
import { EventCard } from '../../src/components/EventCard';
import EventDetailPage from '../../src/pages/events/detail';
import MePage from '../../src/pages/me/index';
import MySignUpsPage from '../../src/pages/me/signups';
import { elderModeStore } from '../../src/stores/display';
import { identityStore } from '../../src/stores/identity';
import { community, ok, user } from './fixtures';
import { answer, calls, fail, resetRoute, restoreTaroUi, routeParams, stubTaroUi, transport, typeInto } from './mockTransport';

/** The resident's 幸福集市 and 百家宴 sign-up on the real pages; only the network transport is replaced. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const whoami = () => ok({ openid: 'demo-resident', role: 'resident', user: user() });
const counts = (cap: number, taken: number) => ({ cap, taken, left: cap - taken });

function event(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    id: 'e1',
    type: 'market',
    title: '清洋社区幸福集市',
    description: '',
    communityId: 'c-qy',
    communityName: '清洋社区',
    place: { address: '清洋社区广场', location: null, stationId: null },
    startAt: '2026-11-28T01:00:00.000Z',
    endAt: '2026-11-28T04:00:00.000Z',
    deadline: '2026-11-27T10:00:00.000Z',
    capacity: 100,
    placesLeft: 40,
    status: 'published',
    maxHeadcount: 6,
    waitlisted: 0,
    dishes: null,
    stalls: { handicraft: counts(4, 4), repair: counts(3, 1), secondhand: counts(0, 0), food: counts(0, 0), service: counts(0, 0), other: counts(0, 0) },
    notice: null,
    open: true,
    mine: [],
    ...overrides,
  };
}
const banquet = (overrides: Partial<EventDetail> = {}) =>
  event({ id: 'e2', type: 'banquet', title: '清洋社区百家宴', stalls: null, dishes: { cold: counts(5, 5), hot: counts(10, 3), staple: counts(0, 0), soup: counts(3, 1), dessert: counts(0, 0) }, ...overrides });

function signUp(overrides: Partial<SignUp> = {}): SignUp {
  return {
    id: 's1',
    eventId: 'e1',
    eventTitle: '清洋社区幸福集市',
    eventType: 'market',
    startAt: '2026-11-28T01:00:00.000Z',
    kind: 'visitor',
    headcount: 2,
    dish: null,
    stall: null,
    status: 'confirmed',
    waitlistPosition: null,
    name: '王秀兰',
    phone: '13800005678',
    createdAt: '2026-11-20T01:00:00.000Z',
    decision: null,
    cancellation: null,
    entryCode: 'E:ABCD1234',
    canChange: true,
    ...overrides,
  };
}

let ui: ReturnType<typeof stubTaroUi>;
beforeEach(() => {
  transport.mockReset();
  elderModeStore.set(false);
  identityStore.set('demo-resident');
  ui = stubTaroUi();
});
afterEach(() => {
  restoreTaroUi();
  resetRoute();
});

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
    expect(within(info).getByText('报名截止：11月27日 周五 18:00')).toBeInTheDocument();
    expect(within(info).getByText('名额：共 100 人，剩余 40 人')).toBeInTheDocument();
    const stalls = screen.getByTestId('stalls');
    expect(within(stalls).getByText('✕ 已满')).toBeInTheDocument();
    expect(within(stalls).getByText('剩 2 个')).toBeInTheDocument();
    expect(calls('events', 'getEvent')).toEqual([{ eventId: 'e1' }]);
  });

  test('as visitors: headcount stepper, 确认报名, then the result with its entry QR', async () => {
    let made = false;
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'signUp') return (made = true), ok(signUp({ headcount: 3 }));
      return ok(event({ mine: made ? [signUp({ headcount: 3 })] : [] }));
    });
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('来逛集市'));
    fireEvent.click(screen.getByLabelText('人数加一'));
    fireEvent.click(screen.getByLabelText('人数加一'));
    expect(screen.getByTestId('stepper-value')).toHaveTextContent('3 人');
    fireEvent.click(screen.getByText('确认报名'));
    expect(await screen.findByTestId('signup-result')).toHaveTextContent('✓ 报名成功');
    expect(calls('events', 'signUp')).toEqual([{ eventId: 'e1', kind: 'visitor', headcount: 3, joinWaitlist: false, subscribe: false }]);
    expect(screen.getByTestId('check-in-qr')).toHaveTextContent('ABCD 1234');
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
    expect(calls('events', 'signUp')).toEqual([{ eventId: 'e1', kind: 'stall', stall: { kind: 'repair', description: '修小家电' }, subscribe: false }]);
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
    expect(await screen.findByText('⚠️ 名额已满')).toBeInTheDocument();
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
    expect(await screen.findByText('⚠️ 请选择您带的菜是哪一类')).toBeInTheDocument();
    expect(calls('events', 'signUp')).toHaveLength(0);
    fireEvent.click(screen.getByText('热菜'));
    await typeInto(screen.getByLabelText('菜名'), '红烧肉');
    fireEvent.click(screen.getByText('确认报名'));
    expect(await screen.findByTestId('signup-result')).toHaveTextContent('✓ 报名成功');
    expect(calls('events', 'signUp')).toEqual([{ eventId: 'e2', kind: 'household', headcount: 1, dish: { kind: 'hot', name: '红烧肉' }, joinWaitlist: false, subscribe: false }]);
  });

  test('a refusal shows its message', async () => {
    answer((fn, e) => (fn === 'account' ? whoami() : e.action === 'signUp' ? fail('CLOSED', '报名已截止') : ok(banquet())));
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('汤'));
    await typeInto(screen.getByLabelText('菜名'), '鸡汤');
    fireEvent.click(screen.getByText('确认报名'));
    expect(await screen.findByText('⚠️ 报名已截止')).toBeInTheDocument();
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
    ui = stubTaroUi(false);
    answer((fn) => (fn === 'account' ? whoami() : ok(event({ mine: [signUp()] }))));
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('取消报名'));
    await waitFor(() => expect(ui.showModal).toHaveBeenCalled());
    expect(calls('events', 'cancelSignUp')).toHaveLength(0);
  });

  test('confirmed: cancels and shows 已取消', async () => {
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'cancelSignUp') return ok(signUp({ status: 'cancelled', entryCode: null, canChange: false, cancellation: { by: 'resident', at: '2026-11-21T01:00:00.000Z', reason: '' } }));
      return ok(event({ mine: [signUp()] }));
    });
    render(<EventDetailPage />);
    fireEvent.click(await screen.findByText('取消报名'));
    expect(await screen.findByText('⊘ 已取消')).toBeInTheDocument();
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消报名' }));
    expect(calls('events', 'cancelSignUp')).toEqual([{ signUpId: 's1', reason: '' }]);
    expect(screen.queryByTestId('check-in-qr')).toBeNull();
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
        ? ok({ items: [signUp(), signUp({ id: 's3', eventId: 'e2', eventTitle: '清洋社区百家宴', eventType: 'banquet', kind: 'household', dish: { kind: 'hot', name: '饺子' }, status: 'waitlisted', waitlistPosition: 1, entryCode: null })], nextCursor: null })
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
