import { fireEvent, render, screen } from '@testing-library/react';
import EventDetailPage from '../../src/pages/events/detail';
import DayPage from '../../src/pages/service/day';
import TeamPage from '../../src/pages/service/team';
import { dayView, eventDetail, ok, teamDetail } from './fixtures';
import { answer, calls, routeParams, transport } from './mockTransport';
import { residentPages, whoami } from './residentPages';
import { launchedFrom, NORMAL_LAUNCH_SCENE, SINGLE_PAGE_SCENE } from './taroMock';
import { moment } from './moment';

/**
 * A team, a service day and an event shared to 朋友圈 open there in WeChat's single-page mode: no login
 * and no other page. They show their public content, ask for nobody's account, offer nothing to book or
 * sign up for, and say where to go to do it (WeChat's 前往小程序 bar).
 */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const ui = residentPages();

beforeEach(() => {
  process.env.TARO_ENV = 'weapp';
  launchedFrom(SINGLE_PAGE_SCENE);
});
afterEach(() => launchedFrom(NORMAL_LAUNCH_SCENE));

/** The functions the page called, as `fn.action`. */
const called = () => transport.mock.calls.map(([fn, data]) => `${fn}.${(data as { action: string }).action}`);

test("a team's page shows the team and its days, opens no day, and says where to book", async () => {
  routeParams({ id: 't1' });
  answer(() => ok(teamDetail()));
  render(<TeamPage />);
  fireEvent.click(await screen.findByText(moment('11月28日 周六 09:00–11:30')));
  expect(ui.navigateTo).not.toHaveBeenCalled();
  expect(screen.queryByText('预约 ›')).toBeNull();
  expect(screen.getByTestId('open-the-app')).toHaveTextContent('要预约服务，请点屏幕下方的“前往小程序”。');
  expect(called()).toEqual(['service.getTeam']);
});

test("a service day's page shows its slots and places without asking who is there, and offers no booking", async () => {
  routeParams({ teamId: 't1', date: '2026-11-28' });
  answer(() => ok(dayView()));
  render(<DayPage />);
  expect(await screen.findByText('剩余 3 个名额')).toBeInTheDocument();
  fireEvent.click(screen.getByText('09:00–09:30'));
  expect(screen.queryByText('选择时段')).toBeNull();
  expect(screen.queryByTestId('confirm')).toBeNull();
  expect(screen.queryByText('确认预约')).toBeNull();
  expect(screen.queryByText('填写个人信息')).toBeNull();
  expect(screen.getByTestId('open-the-app')).toHaveTextContent('要预约这一天的服务');
  expect(called()).toEqual(['booking.day']);
});

test("an event's page shows the event without asking who is there, and offers no sign-up", async () => {
  routeParams({ id: 'e1' });
  answer(() => ok(eventDetail()));
  render(<EventDetailPage />);
  expect(await screen.findByTestId('event-info')).toBeInTheDocument();
  expect(screen.queryByTestId('signup-form')).toBeNull();
  expect(screen.getByTestId('open-the-app')).toHaveTextContent('要报名参加');
  expect(called()).toEqual(['events.getEvent']);
});

test('launched normally on weapp, the same event page asks who is there and offers the sign-up', async () => {
  launchedFrom(NORMAL_LAUNCH_SCENE);
  routeParams({ id: 'e1' });
  answer((fn) => (fn === 'account' ? whoami() : ok(eventDetail())));
  render(<EventDetailPage />);
  expect(await screen.findByTestId('signup-form')).toBeInTheDocument();
  expect(screen.queryByTestId('open-the-app')).toBeNull();
  expect(calls('account', 'whoami')).toHaveLength(1);
});
