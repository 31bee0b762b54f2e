import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Roster } from '../../contract';
import EventDetailPage from '../../src/pages/events/detail';
import EventEditPage, { EventEditor } from '../../src/packages/staff/event-edit';
import RosterPage from '../../src/packages/staff/roster';
import { pinClock } from '../helpers/clock';
import { community, counts, eventDetail, ok, signUp, station } from './fixtures';
import { answer, calls, routeParams, typeInto } from './mockTransport';
import { pagesAs, staffWhoami, whoami } from './residentPages';
import { pickLandmark } from './placePicking';

/**
 * An event's place (one of the community's stations, or an address with a position) and whether its
 * visitors need approval: set in the staff's editor, told to residents before and after they sign up,
 * and reviewed on the roster.
 */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

// The fixtures' days (service on Saturday 28 November, events in early December) are seen from
// Tuesday 24 November 2026, 10:00 in Fushan, whatever day the suite runs.
pinClock('2026-11-24T10:00:00+08:00');
const hall = station();
const library = station({ id: 'st2', name: '清洋社区图书室', address: '清洋社区 3 号楼', location: { lng: 121.2633, lat: 37.4988 } });
const editor = (props: Partial<Parameters<typeof EventEditor>[0]> = {}) =>
  render(<EventEditor communityId='c-qy' community={community} stations={[hall, library]} {...props} />);
const problems = () => screen.getByTestId('event-problems');

const ui = pagesAs('demo-staff');
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

describe('the place of an event in the editor', () => {
  test("the editor offers the community's open stations; choosing one takes its address and position", async () => {
    answer((fn, e) => {
      if (fn === 'account') return staffWhoami();
      if (e.action === 'listForStaff') return ok({ items: [hall, library], nextCursor: null });
      if (e.action === 'listCommunities') return ok([community]);
      return ok(eventDetail({ status: 'draft' }));
    });
    render(<EventEditPage />);
    fireEvent.click(await screen.findByText('在服务站'));
    expect(calls('stations', 'listForStaff')).toEqual([{ communityId: 'c-qy', includeInactive: false, pageSize: 50 }]);

    await typeInto(screen.getByLabelText('活动名称'), '十二月集市');
    fireEvent.click(screen.getByText('保存为草稿'));
    expect(within(problems()).getByText('请选择活动所在的服务站')).toBeInTheDocument();
    expect(calls('events', 'createEvent')).toHaveLength(0);

    fireEvent.click(within(screen.getByTestId('station-choice')).getByText('清洋社区图书室'));
    expect(screen.getByLabelText('活动地点').querySelector('input')).toHaveValue('清洋社区 3 号楼');
    // No position to choose: the station's own is used.
    expect(screen.queryByTestId('position-field')).toBeNull();
    await typeInto(screen.getByLabelText('活动地点'), '清洋社区 3 号楼二楼');
    fireEvent.click(screen.getByText('保存为草稿'));
    await waitFor(() => expect(calls('events', 'createEvent')).toHaveLength(1));
    expect(calls('events', 'createEvent')[0]).toMatchObject({
      communityId: 'c-qy',
      place: { address: '清洋社区 3 号楼二楼', location: { lng: 121.2633, lat: 37.4988 }, stationId: 'st2' },
      visitorsNeedApproval: false,
    });
  });

  test('with no open station, the editor says to choose another place', () => {
    editor({ stations: [] });
    fireEvent.click(screen.getByText('在服务站'));
    expect(screen.getByText('本社区还没有开放的服务站，请选“其他地点”。')).toBeInTheDocument();
  });

  test("an address needs a position, picked on the plane: here at the community's centre", async () => {
    answer(() => ok(eventDetail({ status: 'draft' })));
    editor();
    await typeInto(screen.getByLabelText('活动名称'), '十二月集市');
    await typeInto(screen.getByLabelText('活动地点'), '清洋社区广场');
    fireEvent.click(screen.getByText('保存为草稿'));
    expect(within(problems()).getByText('请在地图上选好位置')).toBeInTheDocument();
    expect(calls('events', 'createEvent')).toHaveLength(0);

    pickLandmark(screen.getByTestId('event-place'), '清洋社区中心');
    fireEvent.click(screen.getByText('保存为草稿'));
    await waitFor(() => expect(calls('events', 'createEvent')).toHaveLength(1));
    expect(calls('events', 'createEvent')[0].place).toEqual({ address: '清洋社区广场', location: { lng: 121.26, lat: 37.5 }, stationId: null });
  });

  test("on weapp the position is picked on WeChat's map, which opens at the community's centre", async () => {
    process.env.TARO_ENV = 'weapp';
    const taro = jest.requireMock<Record<string, (...args: any[]) => any>>('@tarojs/taro');
    const privacy = jest.spyOn(taro, 'requirePrivacyAuthorize').mockImplementation((options: any) => options.success());
    const choose = jest
      .spyOn(taro, 'chooseLocation')
      .mockResolvedValue({ latitude: 37.498812, longitude: 121.263345, name: '清洋公园', address: '清洋街道公园路 2 号', errMsg: 'chooseLocation:ok' });
    editor();
    expect(screen.getByText('还没有选位置')).toBeInTheDocument();
    fireEvent.click(screen.getByText('在地图上选位置'));
    expect(await screen.findByText('已选：清洋公园（清洋街道公园路 2 号）')).toBeInTheDocument();
    expect(choose).toHaveBeenCalledWith({ latitude: 37.5, longitude: 121.26 });
    // The picked place's address fills the empty address.
    expect(screen.getByLabelText('活动地点').querySelector('input')).toHaveValue('清洋街道公园路 2 号');
    privacy.mockRestore();
    choose.mockRestore();
  });

  test('an event at a station opens with the station chosen', () => {
    editor({ event: eventDetail({ place: { address: '清洋街道清洋社区 1 号', location: hall.location, stationId: 'st1' } }) });
    const choice = within(screen.getByTestId('station-choice'));
    expect(choice.getByText('✓ 清洋社区党群服务站')).toBeInTheDocument();
    expect(choice.getByText('清洋社区图书室')).toBeInTheDocument();
    expect(screen.queryByTestId('position-field')).toBeNull();
  });
});

describe('whether visitors need approval', () => {
  test('a toggle in the editor, sent with the event; an event with sign-ups says it applies from then on', async () => {
    answer(() => ok(eventDetail({ status: 'draft' })));
    editor();
    const toggle = screen.getByTestId('approval-toggle');
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(within(toggle).getByText('来逛的居民报名要经社区审核')).toBeInTheDocument();
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    await typeInto(screen.getByLabelText('活动名称'), '十二月集市');
    await typeInto(screen.getByLabelText('活动地点'), '清洋社区广场');
    pickLandmark(screen.getByTestId('event-place'), '清洋社区中心');
    fireEvent.click(screen.getByText('保存为草稿'));
    await waitFor(() => expect(calls('events', 'createEvent')).toHaveLength(1));
    expect(calls('events', 'createEvent')[0]).toMatchObject({ visitorsNeedApproval: true });
  });

  test('editing a banquet that needs approval shows the toggle on, and turning it off is sent', async () => {
    answer(() => ok(eventDetail()));
    const banquet = eventDetail({
      id: 'e2',
      type: 'banquet',
      stalls: null,
      dishes: { cold: counts(5, 0), hot: counts(5, 0), staple: counts(0, 0), soup: counts(0, 0), dessert: counts(0, 0) },
      visitorsNeedApproval: true,
      place: { address: '清洋社区广场', location: { lng: 121.26, lat: 37.5 }, stationId: null },
    });
    editor({ event: banquet });
    const toggle = screen.getByTestId('approval-toggle');
    expect(toggle).toHaveAttribute('aria-checked', 'true');
    expect(within(toggle).getByText('赴宴的家庭报名要经社区审核')).toBeInTheDocument();
    expect(within(toggle).getByText(/改动只影响之后的报名，已报上的不变/)).toBeInTheDocument();
    fireEvent.click(toggle);
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(calls('events', 'updateEvent')).toHaveLength(1));
    expect(calls('events', 'updateEvent')[0]).toMatchObject({ eventId: 'e2', visitorsNeedApproval: false });
  });

  test('the roster lists a pending household for review; approving it is confirmed first and sent', async () => {
    const household = signUp({
      id: 's3',
      kind: 'household',
      eventType: 'banquet',
      headcount: 3,
      dish: { kind: 'hot', name: '红烧肉' },
      status: 'pending',
      name: '赵桂芳',
      phone: '13700002222',
      entryCode: null,
    });
    const roster: Roster = {
      event: eventDetail({
        type: 'banquet',
        stalls: null,
        dishes: { cold: counts(5, 0), hot: counts(5, 1), staple: counts(0, 0), soup: counts(0, 0), dessert: counts(0, 0) },
        visitorsNeedApproval: true,
      }),
      totals: { people: 3, signUps: 1, waitlisted: 0, stalls: 0, attended: 0 },
      signUps: [household],
    };
    routeParams({ id: 'e1' });
    answer((_fn, e) => (e.action === 'roster' ? ok(roster) : ok({ ...household, status: 'confirmed' })));
    render(<RosterPage />);
    const reviews = await screen.findByTestId('signup-reviews');
    expect(within(reviews).getByText('待审核的报名（1）')).toBeInTheDocument();
    const review = within(reviews).getByTestId('signup-review');
    expect(within(review).getByText('3 人 · 带热菜：红烧肉')).toBeInTheDocument();
    expect(within(review).getByText('家庭')).toBeInTheDocument();
    fireEvent.click(within(review).getByText('通过'));
    await waitFor(() => expect(calls('events', 'reviewSignUp')).toEqual([{ signUpId: 's3', approve: true, reason: '' }]));
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '通过 赵桂芳 的报名？居民会收到通知。' }));
    expect(await screen.findByText('✓ 已通过 赵桂芳 的报名')).toBeInTheDocument();
  });

  test('the sign-up page tells beforehand that sign-ups need approval, and shows 待审核 afterwards', async () => {
    routeParams({ id: 'e1' });
    const pending = signUp({ headcount: 2, status: 'pending', entryCode: null });
    let made = false;
    answer((fn, e) => {
      if (fn === 'account') return whoami();
      if (e.action === 'signUp') return ((made = true), ok(pending));
      return ok(eventDetail({ visitorsNeedApproval: true, mine: made ? [pending] : [] }));
    });
    render(<EventDetailPage />);
    expect(within(await screen.findByTestId('event-info')).getByText('报名需要社区审核，通过后才算报名成功')).toBeInTheDocument();
    fireEvent.click(screen.getByText('来逛集市'));
    expect(screen.getByTestId('approval-note')).toHaveTextContent('这次活动的报名需要社区审核');
    fireEvent.click(screen.getByLabelText('人数加一'));
    fireEvent.click(screen.getByText('提交报名，等待审核'));
    expect(await screen.findByTestId('signup-result')).toHaveTextContent('◷ 报名已提交，等待社区审核');
    expect(calls('events', 'signUp')).toEqual([{ eventId: 'e1', kind: 'visitor', headcount: 2, joinWaitlist: false, subscribe: true }]);
    const mine = await screen.findByTestId('my-signup');
    expect(within(mine).getByTestId('signup-status')).toHaveTextContent('◷ 待审核');
    expect(within(mine).getByText('报名已提交，名额已为您留出，需要社区工作人员审核，审核后会通知您')).toBeInTheDocument();
    expect(screen.queryByTestId('check-in-code')).toBeNull();
  });
});
