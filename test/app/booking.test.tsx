import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import BookingPage from '../../src/pages/me/booking';
import MyBookingsPage from '../../src/pages/me/bookings';
import MePage from '../../src/pages/me/index';
import MessagesPage from '../../src/pages/me/messages';
import DayPage from '../../src/pages/service/day';
import TeamPage from '../../src/pages/service/team';
import { formatChinaDateTime } from '../../src/format';
import { passUrl } from '../../src/components/CheckInCode';
import { REMINDER_TEMPLATE_ID } from '../../src/subscribe';
import { booking, community, dayView, message, ok, teamDetail } from './fixtures';
import { answer, calls, fail, routeParams, typeInto } from './mockTransport';
import { residentPages, whoami } from './residentPages';
import { moment } from './moment';

/** The resident's booking flow on the real pages; only the network transport is replaced. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const ui = residentPages();

describe('a team page', () => {
  test('tapping a coming service day opens that day', async () => {
    routeParams({ id: 't1' });
    answer(() => ok(teamDetail()));
    render(<TeamPage />);
    fireEvent.click(await screen.findByText(moment('11月28日 周六 09:00–11:30')));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/service/day?teamId=t1&date=2026-11-28' });
  });
});

describe('a service day (pages/service/day)', () => {
  beforeEach(() => routeParams({ teamId: 't1', date: '2026-11-28' }));

  test('shows each slot with its places left, or full', async () => {
    answer((fn) => (fn === 'booking' ? ok(dayView()) : whoami()));
    render(<DayPage />);
    expect(await screen.findByText('剩余 3 个名额')).toBeInTheDocument();
    expect(screen.getByText('已约满')).toBeInTheDocument();
    expect(screen.getByText('1 人在候补')).toBeInTheDocument();
    expect(screen.getByText('✓ 可以预约')).toBeInTheDocument();
    expect(calls('booking', 'day')).toEqual([{ teamId: 't1', date: '2026-11-28' }]);
    // Nothing is booked before a slot is chosen.
    expect(screen.queryByText('确认预约')).toBeNull();
  });

  test('slot → confirm → booked: the booking carries the profile, asks for the reminder, and opens the result', async () => {
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'day') return ok(dayView());
      return ok(booking({ id: 'b-new' }));
    });
    render(<DayPage />);
    fireEvent.click(await screen.findByText('09:00–09:30'));
    const confirm = screen.getByTestId('confirm');
    expect(within(confirm).getByText('姓名：王秀兰')).toBeInTheDocument();
    expect(within(confirm).getByText('手机：138****5678')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /服务前一天微信提醒我/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByText('✓ 09:00–09:30')).toBeInTheDocument(); // the choice is marked, not only coloured

    fireEvent.click(screen.getByText('确认预约'));
    await waitFor(() => expect(ui.redirectTo).toHaveBeenCalledWith({ url: '/pages/me/booking?id=b-new&new=1' }));
    expect(calls('booking', 'book')).toEqual([{ teamId: 't1', date: '2026-11-28', startTime: '09:00', joinWaitlist: false, subscribe: true }]);
  });

  test('on weapp an accepted reminder is booked with it', async () => {
    process.env.TARO_ENV = 'weapp';
    ui.requestSubscribeMessage.mockImplementation(async () => ({ errMsg: 'requestSubscribeMessage:ok', [REMINDER_TEMPLATE_ID]: 'accept' }));
    answer((fn, e) => (fn === 'account' ? whoami() : e.action === 'day' ? ok(dayView()) : ok(booking())));
    try {
      render(<DayPage />);
      fireEvent.click(await screen.findByText('09:00–09:30'));
      fireEvent.click(screen.getByText('确认预约'));
      await waitFor(() => expect(calls('booking', 'book')).toHaveLength(1));
    } finally {
      process.env.TARO_ENV = 'h5';
    }
    expect(calls('booking', 'book')[0]).toMatchObject({ subscribe: true });
  });

  test('turning the reminder off books without it, and WeChat is not asked', async () => {
    answer((fn, e) => (fn === 'account' ? whoami() : e.action === 'day' ? ok(dayView()) : ok(booking())));
    render(<DayPage />);
    fireEvent.click(await screen.findByText('10:00–10:30'));
    fireEvent.click(screen.getByText('服务前一天微信提醒我'));
    expect(screen.getByRole('checkbox', { name: /服务前一天微信提醒我/ })).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(screen.getByText('确认预约'));
    await waitFor(() => expect(calls('booking', 'book')).toHaveLength(1));
    expect(calls('booking', 'book')[0]).toMatchObject({ startTime: '10:00', subscribe: false });
    expect(ui.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  test('on weapp the tap first asks WeChat for the reminder; a refusal still books', async () => {
    process.env.TARO_ENV = 'weapp';
    const order: string[] = [];
    ui.requestSubscribeMessage.mockImplementation(async () => (order.push('ask'), Promise.reject(new Error('requestSubscribeMessage:fail cancel'))));
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'day') return ok(dayView());
      order.push('book');
      return ok(booking());
    });
    try {
      render(<DayPage />);
      fireEvent.click(await screen.findByText('09:00–09:30'));
      fireEvent.click(screen.getByText('确认预约'));
      await waitFor(() => expect(ui.redirectTo).toHaveBeenCalled());
    } finally {
      process.env.TARO_ENV = 'h5';
    }
    expect(ui.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: [REMINDER_TEMPLATE_ID], entityIds: [] });
    expect(order).toEqual(['ask', 'book']);
    // Booked all the same; WeChat will not carry the reminder, so the booking does not ask for one.
    expect(calls('booking', 'book')[0]).toMatchObject({ subscribe: false });
  });

  test('a full slot offers the waitlist instead', async () => {
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'day') return ok(dayView());
      return ok(booking({ id: 'b-wait', status: 'waitlisted', waitlistPosition: 2, checkInCode: null }));
    });
    render(<DayPage />);
    fireEvent.click(await screen.findByText('09:30–10:00'));
    expect(screen.getByText(/这个时段已约满。排队候补后/)).toBeInTheDocument();
    expect(screen.queryByText('确认预约')).toBeNull();
    fireEvent.click(screen.getAllByText('排队候补').at(-1)!);
    await waitFor(() => expect(ui.redirectTo).toHaveBeenCalledWith({ url: '/pages/me/booking?id=b-wait&new=1' }));
    expect(calls('booking', 'book')[0]).toMatchObject({ startTime: '09:30', joinWaitlist: true });
  });

  test('a slot that filled meanwhile: the refusal is said and the waitlist offered', async () => {
    let booked = 0;
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'day') return ok(dayView());
      booked += 1;
      return booked === 1
        ? fail('FULL', '这个时段已约满，可以排队候补')
        : ok(booking({ id: 'b-w', status: 'waitlisted', waitlistPosition: 1, checkInCode: null }));
    });
    render(<DayPage />);
    fireEvent.click(await screen.findByText('09:00–09:30'));
    fireEvent.click(screen.getByText('确认预约'));
    expect(await screen.findByRole('alert')).toHaveTextContent('这个时段已约满，可以排队候补');
    fireEvent.click(screen.getAllByText('排队候补').at(-1)!);
    await waitFor(() => expect(calls('booking', 'book')).toHaveLength(2));
    expect(calls('booking', 'book')[1]).toMatchObject({ startTime: '09:00', joinWaitlist: true });
  });

  test("a refusal (the weekly limit) is shown in the function's words and nothing is opened", async () => {
    answer((fn, e) => (fn === 'account' ? whoami() : e.action === 'day' ? ok(dayView()) : fail('LIMIT', '您本周已预约过这个服务队，每周最多 1 次')));
    render(<DayPage />);
    fireEvent.click(await screen.findByText('09:00–09:30'));
    fireEvent.click(screen.getByText('确认预约'));
    expect(await screen.findByRole('alert')).toHaveTextContent('您本周已预约过这个服务队，每周最多 1 次');
    expect(ui.redirectTo).not.toHaveBeenCalled();
  });

  test('without a profile the confirmation asks for it first', async () => {
    answer((fn) => (fn === 'account' ? whoami(false) : ok(dayView())));
    render(<DayPage />);
    fireEvent.click(await screen.findByText('09:00–09:30'));
    expect(screen.getByText(/请先填写个人信息/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('填写个人信息'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/profile' });
    expect(calls('booking', 'book')).toHaveLength(0);
  });

  test('a day not yet open says when it opens, and its slots cannot be chosen', async () => {
    // 2026-11-21T00:00Z is 08:00 in Fushan.
    answer((fn) => (fn === 'account' ? whoami() : ok(dayView({ state: 'notYetOpen' }))));
    render(<DayPage />);
    expect(await screen.findByText('11月21日 08:00 开放预约')).toBeInTheDocument();
    expect(screen.getByText('◷ 未开放')).toBeInTheDocument();
    fireEvent.click(screen.getByText('09:00–09:30'));
    expect(screen.queryByTestId('confirm')).toBeNull();
  });

  test('a cancelled day shows why; a closed one says so', async () => {
    answer((fn) => (fn === 'account' ? whoami() : ok(dayView({ state: 'cancelled', notice: '这一天的服务已取消：下雨' }))));
    const { unmount } = render(<DayPage />);
    expect(await screen.findByText('这一天的服务已取消：下雨')).toBeInTheDocument();
    expect(screen.getByText('✕ 已取消')).toBeInTheDocument();
    unmount();
    answer((fn) => (fn === 'account' ? whoami() : ok(dayView({ state: 'closed' }))));
    render(<DayPage />);
    expect(await screen.findByText('⊘ 已截止')).toBeInTheDocument();
  });

  test('a day that needs approval says so, and my own booking of a slot opens it', async () => {
    const day = dayView({ needsApproval: true });
    day.slots[0].mine = { bookingId: 'b9', status: 'pending', waitlistPosition: null };
    answer((fn) => (fn === 'account' ? whoami() : ok(day)));
    render(<DayPage />);
    expect(await screen.findByText(/预约需要社区审核/)).toBeInTheDocument();
    expect(screen.getByText('◷ 待审核')).toBeInTheDocument();
    fireEvent.click(screen.getByText('09:00–09:30'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/booking?id=b9' });
  });
});

describe('a booking (pages/me/booking)', () => {
  test('a new confirmed booking: the result, the details, the check-in code and the way to its QR code', async () => {
    routeParams({ id: 'b1', new: '1' });
    answer(() => ok(booking()));
    render(<BookingPage />);
    expect(await screen.findByText('✓ 预约成功')).toBeInTheDocument();
    expect(screen.getByText('✓ 已确认')).toBeInTheDocument();
    expect(screen.getByText('09:00–09:30').parentElement).toHaveTextContent('时间：11月28日 周六 09:00–09:30');
    const code = within(screen.getByTestId('check-in-code'));
    expect(code.getByText('签到码 ABCD 2345')).toBeInTheDocument();
    fireEvent.click(code.getByText('出示签到二维码'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: passUrl('XFJY1:ABCD2345', '福老汇理发队 11月28日 周六 09:00–09:30') });
    expect(calls('booking', 'get')).toEqual([{ bookingId: 'b1' }]);
  });

  test('a waitlisted result says the place in line; no QR code', async () => {
    routeParams({ id: 'b1', new: '1' });
    answer(() => ok(booking({ status: 'waitlisted', waitlistPosition: 2, checkInCode: null })));
    render(<BookingPage />);
    expect(await screen.findByText('○ 已排队候补')).toBeInTheDocument();
    expect(screen.getByText('您排在候补第 2 位')).toBeInTheDocument();
    expect(screen.queryByTestId('check-in-code')).toBeNull();
  });

  test('cancelling asks first, sends the reason, and shows the new state', async () => {
    routeParams({ id: 'b1' });
    answer((_fn, e) =>
      e.action === 'get'
        ? ok(booking())
        : ok(
            booking({
              status: 'cancelled',
              canCancel: false,
              checkInCode: null,
              cancellation: { by: 'resident', at: '2026-11-25T01:00:00.000Z', reason: '临时有事' },
            }),
          ),
    );
    render(<BookingPage />);
    expect(await screen.findByText(`如有变化，可在 ${formatChinaDateTime(booking().cancelBefore!)} 前取消`)).toBeInTheDocument();
    fireEvent.click(await screen.findByText('取消预约'));
    await typeInto(screen.getByTestId('cancel-form'), '临时有事');
    fireEvent.click(screen.getByText('确认取消'));
    await waitFor(() => expect(calls('booking', 'cancel')).toEqual([{ bookingId: 'b1', reason: '临时有事' }]));
    expect(ui.showModal).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('⊘ 已取消')).toBeInTheDocument();
    expect(screen.getByText('由本人取消，原因：临时有事')).toBeInTheDocument();
    expect(screen.queryByTestId('check-in-code')).toBeNull();
  });

  test('declining the confirmation cancels nothing', async () => {
    ui.showModal.mockImplementation(async () => ({ confirm: false, cancel: true, errMsg: 'ok' }));
    routeParams({ id: 'b1' });
    answer(() => ok(booking()));
    render(<BookingPage />);
    fireEvent.click(await screen.findByText('取消预约'));
    fireEvent.click(screen.getByText('确认取消'));
    await waitFor(() => expect(ui.showModal).toHaveBeenCalled());
    expect(calls('booking', 'cancel')).toHaveLength(0);
  });

  test("a refused cancellation is shown in the function's words", async () => {
    routeParams({ id: 'b1' });
    answer((_fn, e) => (e.action === 'get' ? ok(booking()) : fail('CLOSED', '服务开始前 2 小时内不能取消，请联系队长')));
    render(<BookingPage />);
    fireEvent.click(await screen.findByText('取消预约'));
    fireEvent.click(screen.getByText('确认取消'));
    expect(await screen.findByRole('alert')).toHaveTextContent('服务开始前 2 小时内不能取消，请联系队长');
  });

  test('past the cutoff there is no cancel button, only what to do instead', async () => {
    routeParams({ id: 'b1' });
    answer(() => ok(booking({ canCancel: false })));
    render(<BookingPage />);
    expect(await screen.findByText(/已过网上取消的时间/)).toBeInTheDocument();
    expect(screen.queryByText('取消预约')).toBeNull();
  });
});

describe('我的预约 (pages/me/bookings)', () => {
  test('each booking shows its state in words and a symbol, with who and why', async () => {
    answer(() =>
      ok({
        items: [
          booking({ id: 'b1' }),
          booking({ id: 'b2', status: 'waitlisted', waitlistPosition: 3, checkInCode: null }),
          booking({ id: 'b3', status: 'pending', checkInCode: null }),
          booking({
            id: 'b4',
            status: 'rejected',
            checkInCode: null,
            decision: { approved: false, by: '李强', at: '2026-11-24T02:00:00.000Z', reason: '仅限本社区居民' },
          }),
          booking({ id: 'b5', status: 'cancelled', checkInCode: null, cancellation: { by: 'team', at: '2026-11-24T02:00:00.000Z', reason: '下雨改期' } }),
        ],
        nextCursor: null,
      }),
    );
    render(<MyBookingsPage />);
    expect(await screen.findByText('✓ 已确认')).toBeInTheDocument();
    expect(screen.getByText('○ 候补第 3 位')).toBeInTheDocument();
    expect(screen.getByText('◷ 待审核')).toBeInTheDocument();
    expect(screen.getByText('✕ 未通过')).toBeInTheDocument();
    expect(screen.getByText('社区审核未通过，原因：仅限本社区居民')).toBeInTheDocument();
    expect(screen.getByText('⊘ 已取消')).toBeInTheDocument();
    expect(screen.getByText('由服务队取消，原因：下雨改期')).toBeInTheDocument();
    expect(calls('booking', 'mine')).toEqual([{ scope: 'upcoming', pageSize: 20 }]);
    fireEvent.click(screen.getAllByTestId('booking-card')[1]);
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/booking?id=b2' });
  });

  test('历史 lists past bookings; an empty list says what to do', async () => {
    answer((_fn, e) => ok({ items: e.input.scope === 'past' ? [booking({ status: 'attended', checkInCode: null, canCancel: false })] : [], nextCursor: null }));
    render(<MyBookingsPage />);
    expect(await screen.findByText(/还没有要去的预约/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('历史'));
    expect(await screen.findByText('✓ 已签到')).toBeInTheDocument();
    expect(calls('booking', 'mine').at(-1)).toMatchObject({ scope: 'past' });
  });
});

describe('我的 tab and 消息', () => {
  test('我的 leads to my bookings and messages, with the unread count in words', async () => {
    answer((fn, e) => {
      if (fn === 'directory') return ok([community]);
      if (fn === 'messages') return ok({ count: 3 });
      expect(e.action).toBe('whoami');
      return whoami();
    });
    render(<MePage />);
    expect(await screen.findByText('3 条未读')).toBeInTheDocument();
    fireEvent.click(screen.getByText('我的预约'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/bookings' });
    fireEvent.click(screen.getByText('消息'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/messages' });
  });

  test('the messages list shows what was unread and marks all read on opening', async () => {
    answer((_fn, e) =>
      e.action === 'list'
        ? ok({ items: [message(), message({ id: 'm2', title: '候补成功：预约成功', read: true, bookingId: null })], nextCursor: null })
        : ok({ updated: 1 }),
    );
    render(<MessagesPage />);
    expect(await screen.findByText('预约成功')).toBeInTheDocument();
    expect(screen.getAllByText('● 未读')).toHaveLength(1);
    await waitFor(() => expect(calls('messages', 'markRead')).toEqual([{}]));
    fireEvent.click(screen.getByText('预约成功'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/booking?id=b1' });
  });

  test('each message opens what it is about: a booking, an event, or nothing to open', async () => {
    answer((_fn, e) =>
      e.action === 'list'
        ? ok({
            items: [
              message({ id: 'm1', title: '预约已通过', read: true }),
              message({ id: 'm2', title: '报名已通过', read: true, bookingId: null, eventId: 'e7' }),
              message({ id: 'm3', title: '系统通知', read: true, bookingId: null }),
            ],
            nextCursor: null,
          })
        : ok({ updated: 0 }),
    );
    render(<MessagesPage />);
    const cards = await screen.findAllByTestId('message');
    expect(cards.map((c) => within(c).queryByText(/›/)?.textContent ?? null)).toEqual(['查看预约 ›', '查看活动 ›', null]);
    fireEvent.click(within(cards[1]).getByText('报名已通过'));
    expect(ui.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/events/detail?id=e7' });
    fireEvent.click(within(cards[2]).getByText('系统通知'));
    expect(ui.navigateTo).toHaveBeenCalledTimes(1);
  });
});
