import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Roster, StaffEvent } from '../../contract';
import { EventEditor } from '../../src/packages/staff/event-edit';
import { checkEventForm, newEventForm } from '../../src/packages/staff/eventForm';
import StaffEventsPage from '../../src/packages/staff/events';
import StaffWorkbench from '../../src/packages/staff/index';
import RosterPage from '../../src/packages/staff/roster';
import { pinClock } from '../helpers/clock';
import { community, counts, eventDetail, eventSummary, ok, roles, signUp } from './fixtures';
import { answer, calls, Event, fail, routeParams, typeInto } from './mockTransport';
import { pagesAs, staffWhoami } from './residentPages';
import { openPicker, tapPlane } from './placePicking';
import { DISTRICT_CENTRE } from '../../src/packages/staff/placePlane';

/** The staff's community events: the list, the editor, and an event's roster with stall review and check-in. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

// The fixtures' days (service on Saturday 28 November, events in early December) are seen from
// Tuesday 24 November 2026, 10:00 in Fushan, whatever day the suite runs.
pinClock('2026-11-24T10:00:00+08:00');

function staffEvent(overrides: Partial<StaffEvent> = {}): StaffEvent {
  return { ...eventSummary(), state: 'published', waitlisted: 0, ...overrides };
}
const page = (items: StaffEvent[], nextCursor: string | null = null) => ok({ items, nextCursor });
function roster(overrides: Partial<Roster> = {}): Roster {
  return {
    event: eventDetail(),
    totals: { people: 2, signUps: 1, waitlisted: 0, stalls: 1, attended: 0 },
    signUps: [
      signUp(),
      signUp({
        id: 's2',
        kind: 'stall',
        headcount: 0,
        status: 'pending',
        name: '李建国',
        phone: '13900001111',
        stall: { kind: 'repair', description: '修小家电' },
      }),
    ],
    ...overrides,
  };
}

const ui = pagesAs('demo-staff');
/** The events page as a staff member sees it: who they are, then `handler` for the events function. */
const answerAsStaff = (handler: (fn: string, e: Event) => unknown) => answer((fn, e) => (fn === 'account' ? staffWhoami() : handler(fn, e)));
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

describe('staff events list (packages/staff/events)', () => {
  test('the workbench links to it', async () => {
    answer((fn, e) => {
      if (fn === 'account') return staffWhoami();
      if (e.action === 'listCommunities') return ok([community]);
      if (e.action === 'approvalQueue') return ok({ items: [], nextCursor: null });
      return ok({ items: [], nextCursor: null });
    });
    render(<StaffWorkbench />);
    fireEvent.click(await screen.findByTestId('events-entry'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/events' });
  });

  test('the workbench shows the community’s events, drafts too: a draft opens its editor, the others their roster; the full list is a tap away', async () => {
    answer((fn, e) => {
      if (fn === 'account') return staffWhoami();
      if (e.action === 'listCommunities') return ok([community]);
      if (e.action === 'communityEvents')
        return page([staffEvent({ id: 'd1', title: '百家宴草稿', type: 'banquet', status: 'draft', state: 'draft' }), staffEvent()], 'more');
      return ok({ items: [], nextCursor: null });
    });
    render(<StaffWorkbench />);
    const rows = await screen.findAllByTestId('home-event');
    expect(calls('events', 'communityEvents')).toEqual([{ communityId: 'c-qy', pageSize: 5 }]);
    expect(calls('events', 'listUpcoming')).toEqual([]);
    expect(rows.map((r) => within(r).getByTestId('event-state').textContent)).toEqual(['✎ 草稿（居民看不到）', '✓ 已发布']);
    fireEvent.click(rows[0]);
    expect(ui.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/event-edit?id=d1' });
    fireEvent.click(rows[1]);
    expect(ui.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/roster?id=e1' });
    fireEvent.click(screen.getByTestId('all-events'));
    expect(ui.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/events' });
  });

  test('an admin chooses the community first, then sees and creates its events', async () => {
    const other = { ...community, id: 'c-hb', code: 'HB01', name: '河滨社区' };
    answer((fn, e) => {
      if (fn === 'account') return ok({ openid: 'demo-admin', roles: roles({ admin: true }), user: null });
      if (e.action === 'listCommunities') return ok([community, other]);
      return page([staffEvent({ communityId: 'c-hb', communityName: '河滨社区', title: '河滨社区幸福集市' })]);
    });
    render(<StaffEventsPage />);
    expect(await screen.findByText('请先选择要查看的社区')).toBeInTheDocument();
    expect(calls('events', 'communityEvents')).toEqual([]);
    await waitFor(() => expect(calls('directory', 'listCommunities')).toHaveLength(1));
    fireEvent(screen.getByLabelText('选择社区').closest('taro-picker-core')!, new CustomEvent('change', { detail: { value: 1 } }));
    expect(await screen.findByText('河滨社区幸福集市')).toBeInTheDocument();
    expect(calls('events', 'communityEvents')).toEqual([{ communityId: 'c-hb', pageSize: 20 }]);
    expect(screen.getByLabelText('选择社区')).toHaveTextContent('河滨社区');
    fireEvent.click(screen.getByText('新建活动'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/event-edit?communityId=c-hb' });
  });

  test('lists every event of the community, drafts too, with state in words, edit, roster and new', async () => {
    answerAsStaff(() =>
      page([
        staffEvent({ waitlisted: 3, placesLeft: 0 }),
        staffEvent({ id: 'e2', title: '百家宴草稿', type: 'banquet', status: 'draft', state: 'draft' }),
        staffEvent({ id: 'e3', title: '上月集市', state: 'ended' }),
        staffEvent({ id: 'e4', title: '取消的集市', status: 'cancelled', state: 'cancelled' }),
      ]),
    );
    render(<StaffEventsPage />);
    const rows = await screen.findAllByTestId('staff-event');
    expect(calls('events', 'communityEvents')).toEqual([{ pageSize: 20 }]);
    expect(rows.map((r) => within(r).getByTestId('event-state').textContent)).toEqual(['✓ 已发布', '✎ 草稿（居民看不到）', '■ 已结束', '✕ 已取消']);
    expect(within(rows[0]).getByText('时间：11月28日 周六 09:00 开始')).toBeInTheDocument();
    expect(within(rows[0]).getByText('名额 100 人 · 剩余 0 人 · 候补 3 份 · 报名截止 11月27日 周五 18:00')).toBeInTheDocument();
    expect(within(rows[0]).queryByText('发布')).toBeNull();
    // Ended and cancelled events keep their roster, nothing else.
    for (const row of rows.slice(2)) {
      expect(within(row).getByText('名单')).toBeInTheDocument();
      for (const action of ['编辑', '发布', '取消活动']) expect(within(row).queryByText(action)).toBeNull();
    }
    fireEvent.click(within(rows[0]).getByText('名单'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/roster?id=e1' });
    fireEvent.click(within(rows[1]).getByText('编辑'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/event-edit?id=e2' });
    fireEvent.click(screen.getByText('新建活动'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/event-edit' });
  });

  test('filter chips ask for one state; a list shorter than the screen brings its next page by itself', async () => {
    answerAsStaff((_fn, e) => {
      if (e.input.state === 'draft') return page([staffEvent({ id: 'd1', title: '草稿一', status: 'draft', state: 'draft' })]);
      return e.input.cursor ? page([staffEvent({ id: 'e2', title: '第二页的活动' })]) : page([staffEvent()], 'next-page');
    });
    render(<StaffEventsPage />);
    await screen.findByText('清洋社区幸福集市');
    expect(await screen.findByText('第二页的活动')).toBeInTheDocument();
    expect(calls('events', 'communityEvents')[1]).toEqual({ cursor: 'next-page', pageSize: 20 });
    expect(await screen.findByText('没有更多了，共 2 条')).toBeInTheDocument();

    fireEvent.click(screen.getByText('草稿'));
    expect(await screen.findByText('草稿一')).toBeInTheDocument();
    expect(calls('events', 'communityEvents')[2]).toEqual({ state: 'draft', pageSize: 20 });
    expect(screen.getByText('✓ 草稿')).toBeInTheDocument();
    expect(screen.queryByText('清洋社区幸福集市')).toBeNull();
  });

  test('an empty filter says what to try; a refusal is shown in its words with a retry', async () => {
    answerAsStaff((_fn, e) => (e.input.state === 'cancelled' ? page([]) : fail('FORBIDDEN', '只有社区工作者可以查看本社区的全部活动')));
    render(<StaffEventsPage />);
    expect(await screen.findByText('只有社区工作者可以查看本社区的全部活动')).toBeInTheDocument();
    expect(screen.getByText('重新加载')).toBeInTheDocument();
    fireEvent.click(screen.getByText('已取消'));
    expect(await screen.findByText('没有已取消的活动，可以点“全部”看看')).toBeInTheDocument();
  });

  test('publishing a draft asks first', async () => {
    answerAsStaff((_fn, e) => (e.action === 'communityEvents' ? page([staffEvent({ status: 'draft', state: 'draft' })]) : ok(eventDetail())));
    render(<StaffEventsPage />);
    fireEvent.click(await screen.findByText('发布'));
    await waitFor(() => expect(calls('events', 'publishEvent')).toEqual([{ eventId: 'e1' }]));
    expect(ui.showModal).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('✓ “清洋社区幸福集市”已发布')).toBeInTheDocument();
  });

  test('cancelling needs a reason and a confirmation, and says how many were told', async () => {
    answerAsStaff((_fn, e) => (e.action === 'communityEvents' ? page([staffEvent()]) : ok({ cancelledSignUps: 7, allTold: true })));
    render(<StaffEventsPage />);
    fireEvent.click(await screen.findByText('取消活动'));
    expect(screen.getByText('取消原因（必填，每位报名的居民都会收到通知）')).toBeInTheDocument();
    fireEvent.click(screen.getByText('确认取消活动'));
    expect(await screen.findByText('请填写取消原因，会通知到每位报名的居民')).toBeInTheDocument();
    expect(ui.showModal).not.toHaveBeenCalled();
    await typeInto(screen.getByLabelText('取消原因'), '下雪');
    fireEvent.click(screen.getByText('确认取消活动'));
    await waitFor(() => expect(calls('events', 'cancelEvent')).toEqual([{ eventId: 'e1', reason: '下雪' }]));
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('每位报名的居民都会收到通知') }));
    expect(await screen.findByText('✓ “清洋社区幸福集市”已取消，已通知 7 个报名')).toBeInTheDocument();
  });

  test('a big event: the staff member is told the rest of the sign-ups hear within minutes', async () => {
    answerAsStaff((_fn, e) => (e.action === 'communityEvents' ? page([staffEvent()]) : ok({ cancelledSignUps: 600, allTold: false })));
    render(<StaffEventsPage />);
    fireEvent.click(await screen.findByText('取消活动'));
    await typeInto(screen.getByLabelText('取消原因'), '场地维修');
    fireEvent.click(screen.getByText('确认取消活动'));
    expect(await screen.findByText('✓ “清洋社区幸福集市”已取消，已通知 600 个报名，其余报名几分钟内都会收到通知')).toBeInTheDocument();
  });

  test('a refusal is shown in its words', async () => {
    answerAsStaff((_fn, e) =>
      e.action === 'communityEvents' ? page([staffEvent({ status: 'draft', state: 'draft' })]) : fail('FORBIDDEN', '只有本社区工作者可以发布'),
    );
    render(<StaffEventsPage />);
    fireEvent.click(await screen.findByText('发布'));
    expect(await screen.findByText('只有本社区工作者可以发布')).toBeInTheDocument();
  });
});

describe('event editor (packages/staff/event-edit)', () => {
  test("validation speaks the contract's rules in Chinese", () => {
    const f = { ...newEventForm(new Date()), title: '', address: '', capacity: '0', endTime: '08:00', deadlineDate: '2026-12-02', contactPhone: '6373527' };
    const { problems, input } = checkEventForm(f, 'c-qy');
    expect(input).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        '请填写活动名称',
        '请填写地点',
        '名额至少 1 人',
        '结束时间要晚于开始时间',
        '报名截止不能晚于开始时间',
        '联系电话格式不正确，请填写手机号或带区号的固定电话（如 0535-6301234）',
      ]),
    );
    expect(checkEventForm({ ...newEventForm(new Date()), capacity: 'abc' }, 'c-qy').problems).toEqual(['名额请填写整数']);
  });

  test('a new market is saved as a draft, in China time, then published after a confirmation', async () => {
    answer((_fn, e) => (e.action === 'createEvent' ? ok(eventDetail({ status: 'draft', title: '十二月集市' })) : ok(eventDetail({ title: '十二月集市' }))));
    render(<EventEditor communityId='c-qy' />);
    fireEvent.click(screen.getByText('保存为草稿'));
    expect(within(screen.getByTestId('event-problems')).getByText('请填写活动名称')).toBeInTheDocument();
    expect(calls('events', 'createEvent')).toHaveLength(0);

    await typeInto(screen.getByLabelText('活动名称'), '十二月集市');
    await typeInto(screen.getByLabelText('活动地点'), '清洋社区广场');
    const picker = openPicker(screen.getByTestId('event-place'));
    tapPlane(picker, DISTRICT_CENTRE, { lng: 121.26, lat: 37.5 });
    fireEvent.click(picker.getByText('用这个位置'));
    await typeInto(screen.getByLabelText('维修'), '5');
    fireEvent.click(screen.getByText('保存为草稿'));
    await waitFor(() => expect(calls('events', 'createEvent')).toHaveLength(1));
    expect(calls('events', 'createEvent')[0]).toEqual(
      expect.objectContaining({
        communityId: 'c-qy',
        type: 'market',
        title: '十二月集市',
        startAt: '2026-12-01T01:00:00.000Z',
        endAt: '2026-12-01T03:30:00.000Z',
        deadline: '2026-11-30T10:00:00.000Z',
        capacity: 100,
        dishCaps: null,
        stallCaps: { handicraft: 4, repair: 5, secondhand: 4, food: 4, service: 3, other: 2 },
      }),
    );
    expect(await screen.findByText('✓ 已保存为草稿。居民还看不到，确认无误后请点“发布活动”。')).toBeInTheDocument();
    fireEvent.click(screen.getByText('发布活动'));
    await waitFor(() => expect(calls('events', 'publishEvent')).toEqual([{ eventId: 'e1' }]));
    expect(ui.showModal).toHaveBeenCalledTimes(1);
  });

  test('a banquet asks for dish caps; editing sends updateEvent', async () => {
    answer(() =>
      ok(
        eventDetail({
          type: 'banquet',
          stalls: null,
          dishes: { cold: counts(5, 1), hot: counts(10, 2), staple: counts(0, 0), soup: counts(3, 0), dessert: counts(2, 0) },
        }),
      ),
    );
    const existing = eventDetail({
      id: 'e2',
      type: 'banquet',
      title: '百家宴',
      place: { address: '清洋社区广场', location: { lng: 121.26, lat: 37.5 }, stationId: null },
      stalls: null,
      dishes: { cold: counts(5, 1), hot: counts(10, 2), staple: counts(0, 0), soup: counts(3, 0), dessert: counts(2, 0) },
    });
    render(<EventEditor communityId='c-qy' event={existing} />);
    // The same head lines as the list: kind, title, state, time, place.
    const head = screen.getByTestId('saved-event');
    expect(within(head).getByText('百家宴', { selector: '.t-title' })).toBeInTheDocument();
    expect(within(head).getByTestId('event-state')).toHaveTextContent('✓ 已发布');
    expect(within(head).getByText('地点：清洋社区广场')).toBeInTheDocument();
    expect(screen.getByText('菜品：每类最多几道')).toBeInTheDocument();
    await typeInto(screen.getByLabelText('热菜'), '12');
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(calls('events', 'updateEvent')).toHaveLength(1));
    expect(calls('events', 'updateEvent')[0]).toEqual(
      expect.objectContaining({ eventId: 'e2', title: '百家宴', stallCaps: null, dishCaps: { cold: 5, hot: 12, staple: 0, soup: 3, dessert: 2 } }),
    );
    expect(calls('events', 'updateEvent')[0]).not.toHaveProperty('type');
  });
});

describe('event roster (packages/staff/roster)', () => {
  test('shows sign-ups with full phones, stalls by kind, and checks in by tap and typed code', async () => {
    routeParams({ id: 'e1' });
    answer((_fn, e) => (e.action === 'roster' ? ok(roster()) : ok(signUp({ status: 'attended' }))));
    render(<RosterPage />);
    expect(await screen.findByText('电话 13812345678')).toBeInTheDocument();
    expect(screen.getByText('报名 1 份，共 2 人 · 已签到 0 份')).toBeInTheDocument();
    expect(within(screen.getByTestId('kind-counts')).getByText('维修：已有 1 个 / 共 3 个')).toBeInTheDocument();
    const rows = screen.getAllByTestId('roster-signup');
    expect(within(rows[1]).getByText('… 待审核')).toBeInTheDocument();
    fireEvent.click(within(rows[0]).getByText('签到'));
    await waitFor(() => expect(calls('events', 'checkIn')).toEqual([{ eventId: 'e1', signUpId: 's1' }]));
    expect(await screen.findByText('✓ 王秀兰 已签到（2 人）')).toBeInTheDocument();

    await typeInto(screen.getByLabelText('签到码'), 'ab12 cd34');
    fireEvent.click(within(screen.getByTestId('check-in')).getByText('签到'));
    await waitFor(() => expect(calls('events', 'checkIn')[1]).toEqual({ eventId: 'e1', code: 'AB12CD34' }));
  });

  test('on weapp, check-in scans the code', async () => {
    process.env.TARO_ENV = 'weapp';
    // The sign-up list measures itself with WeChat's selector query; jsdom has no weapp page: answer as one not laid out yet.
    const query = { select: () => query, selectAll: () => query, boundingClientRect: () => query, exec: (done: (res: unknown[]) => void) => done([null, []]) };
    // Taro's babel step makes `Taro.createSelectorQuery()` a named import: replace the module's export.
    const selectorQuery = jest.spyOn(jest.requireMock<Record<string, () => unknown>>('@tarojs/taro'), 'createSelectorQuery').mockReturnValue(query);
    routeParams({ id: 'e1' });
    ui.scanCode.mockImplementation(async () => ({ result: 'QRCODE1', errMsg: 'scanCode:ok' }));
    answer((_fn, e) => (e.action === 'roster' ? ok(roster()) : ok(signUp({ status: 'attended' }))));
    render(<RosterPage />);
    fireEvent.click(await screen.findByText('扫码签到'));
    await waitFor(() => expect(calls('events', 'checkIn')).toEqual([{ eventId: 'e1', code: 'QRCODE1' }]));
    selectorQuery.mockRestore();
  });

  test('a stall application is approved, or rejected only with a reason', async () => {
    routeParams({ id: 'e1' });
    answer((_fn, e) => (e.action === 'roster' ? ok(roster()) : ok(signUp({ id: 's2', kind: 'stall' }))));
    render(<RosterPage />);
    const review = await screen.findByTestId('signup-review');
    expect(within(review).getByText('摊位：维修 · 修小家电')).toBeInTheDocument();
    fireEvent.click(within(review).getByText('不通过'));
    expect(await screen.findByText('请填写不通过的原因，居民会看到这个原因')).toBeInTheDocument();
    expect(calls('events', 'reviewSignUp')).toHaveLength(0);
    await typeInto(within(review).getByLabelText('不通过的原因'), '维修摊位已满');
    fireEvent.click(within(review).getByText('不通过'));
    await waitFor(() => expect(calls('events', 'reviewSignUp')).toEqual([{ signUpId: 's2', approve: false, reason: '维修摊位已满' }]));
    expect(ui.showModal).toHaveBeenCalledTimes(1);

    fireEvent.click(within(screen.getByTestId('signup-review')).getByText('通过'));
    await waitFor(() => expect(calls('events', 'reviewSignUp')[1]).toEqual({ signUpId: 's2', approve: true, reason: '' }));
  });
});
