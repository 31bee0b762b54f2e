import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { addDays, chinaDate } from '../../rules/china-time';
import LeaderWorkbench from '../../src/packages/leader/index';
import { ScheduleEditor } from '../../src/packages/leader/ScheduleEditor';
import SessionPage from '../../src/packages/leader/session';
import ApprovalsPage from '../../src/packages/staff/approvals';
import { identityStore } from '../../src/stores/identity';
import { chosenTeamStore } from '../../src/stores/scope';
import { pinClock } from '../helpers/clock';
import { booking, ok, roles, session, teamDetail, user } from './fixtures';
import { answer, calls, fail, resetRoute, restoreTaroUi, routeParams, stubTaroUi, transport, typeInto } from './mockTransport';

/** The leader's and the staff's booking pages: schedule editor, a day's list and check-in, the approval queue. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

// The fixtures' days (service on Saturday 28 November, events in early December) are seen from
// Tuesday 24 November 2026, 10:00 in Fushan, whatever day the suite runs.
pinClock('2026-11-24T10:00:00+08:00');

let ui: ReturnType<typeof stubTaroUi>;
beforeEach(() => {
  transport.mockReset();
  identityStore.set('demo-leader');
  ui = stubTaroUi();
});
afterEach(() => {
  restoreTaroUi();
  resetRoute();
  process.env.TARO_ENV = 'h5';
});

const previewDays = () => screen.getAllByTestId('preview-day').map((el) => el.textContent);
const chip = (label: string) => screen.getAllByText(new RegExp(`^(✓ )?${label}$`)).find((el) => el.tagName === 'TARO-BUTTON-CORE')!;

describe('schedule editor', () => {
  test('previews the next six days, live, for each kind of recurrence', async () => {
    render(<ScheduleEditor team={teamDetail()} />);
    expect(previewDays()).toEqual([
      '11月28日 周六 09:00–11:30',
      '12月5日 周六 09:00–11:30',
      '12月12日 周六 09:00–11:30',
      '12月19日 周六 09:00–11:30',
      '12月26日 周六 09:00–11:30',
      '1月2日 周六 09:00–11:30',
    ]);
    expect(screen.getByText('每次 5 个时段，每个时段 5 个名额，共 25 个名额')).toBeInTheDocument();

    // Tuesdays too: today's service (until 11:30) still counts.
    fireEvent.click(chip('周二'));
    expect(previewDays()).toEqual([
      '11月24日 周二 09:00–11:30',
      '11月28日 周六 09:00–11:30',
      '12月1日 周二 09:00–11:30',
      '12月5日 周六 09:00–11:30',
      '12月8日 周二 09:00–11:30',
      '12月12日 周六 09:00–11:30',
    ]);
    expect(screen.getByText('每周二、周六 09:00–11:30')).toBeInTheDocument();

    // The last Friday of each month.
    fireEvent.click(chip('每月第几个星期几'));
    fireEvent.click(chip('最后一个'));
    const weekdayChips = screen.getAllByText(/^(✓ )?周五$/).filter((el) => el.tagName === 'TARO-BUTTON-CORE');
    fireEvent.click(weekdayChips.at(-1)!);
    expect(screen.getByText('每月最后一个周五 09:00–11:30')).toBeInTheDocument();
    expect(previewDays().map((d) => d!.split(' ')[0])).toEqual(['11月27日', '12月25日', '1月29日', '2月26日', '3月26日', '4月30日']);

    // No weekday at all: nothing to preview, and saving says what is missing.
    fireEvent.click(chip('每周'));
    fireEvent.click(chip('周二'));
    fireEvent.click(chip('周六'));
    expect(screen.getByText('按现在的设置，近期没有服务日')).toBeInTheDocument();
    fireEvent.click(screen.getByText('保存固定服务日'));
    expect(within(screen.getByTestId('schedule-problems')).getByText('请至少选择一天')).toBeInTheDocument();
  });

  test("validation speaks the schema's rules in Chinese, and nothing is saved until they hold", async () => {
    answer(() => ok(teamDetail()));
    render(<ScheduleEditor team={teamDetail()} />);
    await typeInto(screen.getByLabelText('服务地点'), '');
    await typeInto(screen.getByLabelText('每个时段'), '200');
    await typeInto(screen.getByLabelText('每个时段可约'), '0');
    fireEvent.click(screen.getByText('保存固定服务日'));
    const problems = within(screen.getByTestId('schedule-problems'));
    expect(problems.getByText('请填写地点')).toBeInTheDocument();
    expect(problems.getByText('服务时间至少要容纳一个时段')).toBeInTheDocument();
    expect(problems.getByText('每个时段的名额最少 1 个')).toBeInTheDocument();
    expect(calls('service', 'saveSchedule')).toHaveLength(0);

    await typeInto(screen.getByLabelText('服务地点'), '清洋社区广场');
    await typeInto(screen.getByLabelText('每个时段'), '30');
    await typeInto(screen.getByLabelText('每个时段可约'), '8');
    fireEvent.click(screen.getByText('预约需要社区审核'));
    fireEvent.click(screen.getByText('保存固定服务日'));
    await waitFor(() => expect(calls('service', 'saveSchedule')).toHaveLength(1));
    expect(calls('service', 'saveSchedule')[0]).toEqual({
      teamId: 't1',
      schedule: { ...teamDetail().schedule, placesPerSlot: 8, needsApproval: true, place: { address: '清洋社区广场', location: null, stationId: null } },
    });
    expect(screen.queryByTestId('schedule-problems')).toBeNull();
  });

  test('a first schedule starts from defaults valid from today, open-ended', () => {
    render(<ScheduleEditor team={teamDetail({ schedule: null, upcoming: [] })} />);
    expect(screen.getByText('从 2026-11-24')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /长期有效/ })).toHaveAttribute('aria-checked', 'true');
    expect(previewDays()[0]).toBe('11月28日 周六 09:00–11:30');
  });

  test('a refusal from the service function is shown in its words', async () => {
    answer(() => fail('FORBIDDEN', '只有本队队长可以修改服务日'));
    render(<ScheduleEditor team={teamDetail()} />);
    fireEvent.click(screen.getByText('保存固定服务日'));
    expect(await screen.findByText('只有本队队长可以修改服务日')).toBeInTheDocument();
  });
});

describe('leader workbench', () => {
  const leader = () =>
    ok({ openid: 'demo-leader', roles: roles({ leaderOf: ['t1'] }), user: user({ openid: 'demo-leader', roles: roles({ leaderOf: ['t1'] }) }) });

  test('a leader of two teams chooses which one the workbench shows', async () => {
    const held = [
      { grant: { role: 'leader' as const, teamId: 't1' }, label: '服务队队长 · 福老汇理发队' },
      { grant: { role: 'leader' as const, teamId: 't2' }, label: '服务队队长 · 夕阳红维修队' },
    ];
    const both = roles({ leaderOf: ['t1', 't2'] });
    answer((fn, e) =>
      fn === 'account'
        ? ok({ openid: 'demo-leader', roles: both, user: user({ openid: 'demo-leader', roles: both, held }) })
        : ok(
            teamDetail({ id: (e.input as { teamId: string }).teamId, name: (e.input as { teamId: string }).teamId === 't1' ? '福老汇理发队' : '夕阳红维修队' }),
          ),
    );
    render(<LeaderWorkbench />);
    expect(await screen.findByText('福老汇理发队', { selector: '.t-h1' })).toBeInTheDocument();
    fireEvent.click(within(screen.getByTestId('scope-chooser')).getByText('夕阳红维修队'));
    expect(await screen.findByText('夕阳红维修队', { selector: '.t-h1' })).toBeInTheDocument();
    expect(calls('service', 'getTeam')).toEqual([{ teamId: 't1' }, { teamId: 't2' }]);
    chosenTeamStore.set(null);
  });

  test('each coming day opens its list; cancelling one needs a reason and a confirmation', async () => {
    answer((fn, e) =>
      fn === 'account'
        ? leader()
        : e.action === 'getTeam'
          ? ok(teamDetail())
          : ok({ movedBookings: 0, waitlistedBookings: 0, cancelledBookings: 3, allTold: true }),
    );
    render(<LeaderWorkbench />);
    fireEvent.click(await screen.findByText('查看名单'));
    // One team: nothing to choose.
    expect(screen.queryByTestId('scope-chooser')).toBeNull();
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/leader/session?teamId=t1&date=2026-11-28' });
    expect(screen.getByText('编辑固定服务日')).toBeInTheDocument();

    fireEvent.click(screen.getByText('取消这天'));
    fireEvent.click(screen.getByText('确认取消这天'));
    expect(await screen.findByText('请填写原因，会通知到每位预约的居民')).toBeInTheDocument();
    expect(ui.showModal).not.toHaveBeenCalled();

    await typeInto(screen.getByLabelText('原因'), '下雨');
    fireEvent.click(screen.getByText('确认取消这天'));
    await waitFor(() => expect(calls('service', 'cancelOccurrence')).toEqual([{ teamId: 't1', date: '2026-11-28', reason: '下雨' }]));
    expect(ui.showModal).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已通知 3 位居民' })));
  });

  test('moving a day sends the new day and the reason; the leader learns who moved and who waits', async () => {
    answer((fn, e) =>
      fn === 'account'
        ? leader()
        : e.action === 'getTeam'
          ? ok(teamDetail())
          : ok({ movedBookings: 7, waitlistedBookings: 2, cancelledBookings: 1, allTold: true }),
    );
    render(<LeaderWorkbench />);
    fireEvent.click(await screen.findByText('改期'));
    expect(screen.getByText('新日期 11月29日 周日')).toBeInTheDocument();
    await typeInto(screen.getByLabelText('原因'), '场地有活动');
    fireEvent.click(screen.getByText('确认改期'));
    await waitFor(() => expect(calls('service', 'moveOccurrence')).toHaveLength(1));
    expect(calls('service', 'moveOccurrence')[0]).toEqual({
      teamId: 't1',
      date: '2026-11-28',
      to: { date: '2026-11-29', startTime: '09:00', endTime: '11:30' },
      reason: '场地有活动',
    });
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('按预约先后改到新时间的对应时段') }));
    await waitFor(() => expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已改期：7 位改到新时间，2 位名额已满转为候补' })));
  });
});

describe("a day's list (packages/leader/session)", () => {
  const today = chinaDate(new Date());
  const onDay = (date: string, endTime = '23:59') => session({ occurrence: { date, startTime: '00:00', endTime } });

  test('shows who booked with full phones and states; tap 签到 checks one in', async () => {
    routeParams({ teamId: 't1', date: today });
    answer((_fn, e) => (e.action === 'session' ? ok(onDay(today)) : ok(booking({ status: 'attended', checkInCode: null }))));
    render(<SessionPage />);
    expect(await screen.findByText('电话 13812345678')).toBeInTheDocument();
    expect(screen.getByText('✓ 已签到')).toBeInTheDocument();
    expect(screen.getByText('○ 候补第 1 位')).toBeInTheDocument();
    expect(screen.getByText('已签到 1 人 · 待签到 1 人')).toBeInTheDocument();
    const rows = screen.getAllByTestId('session-booking');
    fireEvent.click(within(rows[0]).getByText('签到'));
    expect(await screen.findByText('✓ 王秀兰 已签到（09:00–09:30）')).toBeInTheDocument();
    expect(calls('booking', 'checkIn')).toEqual([{ teamId: 't1', bookingId: 'b1' }]);
    // Only confirmed bookings can be checked in.
    expect(within(rows[1]).queryByText('签到')).toBeNull();
  });

  test('on h5 the code is typed; a wrong one is refused in words', async () => {
    routeParams({ teamId: 't1', date: today });
    answer((_fn, e) => (e.action === 'session' ? ok(onDay(today)) : fail('NOT_FOUND', '没有找到这个签到码，请核对后再试')));
    render(<SessionPage />);
    await typeInto(await screen.findByLabelText('签到码'), 'abcd 2345');
    fireEvent.click(within(screen.getByTestId('check-in')).getByText('签到'));
    expect(await screen.findByRole('alert')).toHaveTextContent('没有找到这个签到码，请核对后再试');
    expect(calls('booking', 'checkIn')).toEqual([{ teamId: 't1', code: 'ABCD2345' }]);
  });

  test('on weapp 扫码签到 scans and checks in the code', async () => {
    process.env.TARO_ENV = 'weapp';
    routeParams({ teamId: 't1', date: today });
    ui.scanCode.mockImplementation(async () => ({ result: 'XFJY1:ABCD2345', errMsg: 'scanCode:ok' }));
    answer((_fn, e) => (e.action === 'session' ? ok(onDay(today)) : ok(booking({ status: 'attended', checkInCode: null }))));
    render(<SessionPage />);
    fireEvent.click(await screen.findByText('扫码签到'));
    await waitFor(() => expect(calls('booking', 'checkIn')).toEqual([{ teamId: 't1', code: 'XFJY1:ABCD2345' }]));
    expect(await screen.findByText('✓ 王秀兰 已签到（09:00–09:30）')).toBeInTheDocument();
  });

  test('调整名额: lowering below the places held is refused in words', async () => {
    routeParams({ teamId: 't1', date: today });
    answer((_fn, e) => (e.action === 'session' ? ok(onDay(today)) : fail('CONFLICT', '名额不能少于已预约的 2 人')));
    render(<SessionPage />);
    const slot = (await screen.findAllByTestId('session-slot'))[0];
    fireEvent.click(within(slot).getByText('调整名额'));
    await typeInto(within(slot).getByLabelText('名额'), '1');
    fireEvent.click(within(slot).getByText('保存名额'));
    expect(await within(slot).findByRole('alert')).toHaveTextContent('名额不能少于已预约的 2 人');
    expect(calls('booking', 'setCapacity')).toEqual([{ teamId: 't1', date: today, startTime: '09:00', capacity: 1 }]);
  });

  test('after the day, those confirmed but not checked in are marked no-shows, after a confirmation', async () => {
    const yesterday = addDays(today, -1);
    routeParams({ teamId: 't1', date: yesterday });
    answer((_fn, e) => (e.action === 'session' ? ok(onDay(yesterday)) : ok({ marked: 1 })));
    render(<SessionPage />);
    fireEvent.click(await screen.findByText('标记未到场'));
    expect(await screen.findByText('已把 1 人记为未到场')).toBeInTheDocument();
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '把已确认但没有签到的 1 人记为未到场？' }));
    expect(calls('booking', 'markNoShows')).toEqual([{ teamId: 't1', date: yesterday }]);
    expect(screen.queryByTestId('check-in')).toBeNull();
  });
});

describe('approval queue (packages/staff/approvals)', () => {
  const queue = [
    booking({ id: 'b1', status: 'pending', checkInCode: null, canCancel: false }),
    booking({ id: 'b2', name: '李大爷', phone: '13900001111', status: 'pending', checkInCode: null, canCancel: false }),
  ];

  test('lists pending bookings oldest first with full phones; 不通过 needs a reason', async () => {
    identityStore.set('demo-staff');
    answer((_fn, e) => (e.action === 'approvalQueue' ? ok({ items: queue, nextCursor: null }) : ok({ results: [{ bookingId: 'b1', ok: true, message: '' }] })));
    render(<ApprovalsPage />);
    expect(await screen.findByText('电话 13812345678')).toBeInTheDocument();
    expect(screen.getByText('电话 13900001111')).toBeInTheDocument();
    expect(calls('booking', 'approvalQueue')).toEqual([{ pageSize: 20 }]);

    fireEvent.click(screen.getByText('不通过（0）'));
    expect(await screen.findByRole('alert')).toHaveTextContent('请先选择要审核的预约');

    fireEvent.click(screen.getByText('王秀兰'));
    expect(screen.getAllByRole('checkbox')[1]).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByText('不通过（1）'));
    expect(await screen.findByRole('alert')).toHaveTextContent('请填写不通过的原因');
    expect(calls('booking', 'decide')).toHaveLength(0);

    await typeInto(screen.getByLabelText('不通过的原因'), '仅限本社区居民');
    fireEvent.click(screen.getByText('不通过（1）'));
    await waitFor(() => expect(calls('booking', 'decide')).toEqual([{ bookingIds: ['b1'], approve: false, reason: '仅限本社区居民' }]));
    expect(await screen.findByText('✓ 王秀兰（11月28日 周六 09:00–09:30）：已设为不通过')).toBeInTheDocument();
  });

  test('select all → 通过, with each booking’s own result', async () => {
    answer((_fn, e) =>
      e.action === 'approvalQueue'
        ? ok({ items: calls('booking', 'decide').length ? [] : queue, nextCursor: null })
        : ok({
            results: [
              { bookingId: 'b1', ok: true, message: '' },
              { bookingId: 'b2', ok: false, message: '这个预约已被取消' },
            ],
          }),
    );
    render(<ApprovalsPage />);
    await screen.findByText('王秀兰');
    fireEvent.click(screen.getByText(/^全选/));
    fireEvent.click(screen.getByText('通过（2）'));
    await waitFor(() => expect(calls('booking', 'decide')).toEqual([{ bookingIds: ['b1', 'b2'], approve: true, reason: '' }]));
    const results = within(await screen.findByTestId('decision-results'));
    expect(results.getByText('✓ 王秀兰（11月28日 周六 09:00–09:30）：已通过')).toBeInTheDocument();
    expect(results.getByText('✕ 李大爷（11月28日 周六 09:00–09:30）：这个预约已被取消')).toBeInTheDocument();
    expect(await screen.findByText('没有等待审核的预约')).toBeInTheDocument();
  });
});
