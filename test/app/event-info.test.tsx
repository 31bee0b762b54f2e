import { render, screen, within } from '@testing-library/react';
import { EventInfo } from '../../src/pages/events/EventInfo';
import { counts, eventDetail } from './fixtures';
import { residentPages } from './residentPages';

/** The event page's first section (pages/events/EventInfo): what residents read before signing up. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

residentPages();

describe('whether the event takes sign-ups, in words and a symbol', () => {
  test.each([
    ['open with places', {}, '✓ 正在报名'],
    ['full: the waitlist is offered', { placesLeft: 0 }, '! 名额已满，可以排队候补'],
    ['past the deadline', { open: false }, '⊘ 报名已截止'],
  ])('%s', (_, overrides, text) => {
    render(<EventInfo event={eventDetail(overrides)} />);
    expect(within(screen.getByTestId('event-info')).getByText(text)).toBeInTheDocument();
  });

  test('cancelled: an alert with the notice', () => {
    render(<EventInfo event={eventDetail({ status: 'cancelled', notice: '因天气原因取消' })} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('✕ 活动已取消');
    expect(alert).toHaveTextContent('因天气原因取消');
  });
});

test('places, the waitlist and approval are said in words', () => {
  render(<EventInfo event={eventDetail({ capacity: 80, placesLeft: 0, waitlisted: 3, visitorsNeedApproval: true })} />);
  const info = screen.getByTestId('event-info');
  expect(info).toHaveTextContent('名额：共 80 人，剩余 0 人，3 人在候补');
  expect(info).toHaveTextContent('报名需要社区审核，通过后才算报名成功');
});

test('a market lists the stall kinds it has, a full one 已满; kinds with none are left out', () => {
  render(<EventInfo event={eventDetail()} />);
  const stalls = screen.getByTestId('stalls');
  expect(stalls).toHaveTextContent('手工：共 4 个');
  expect(within(stalls).getAllByText('✕ 已满')).toHaveLength(1);
  expect(stalls).toHaveTextContent('剩 2 个');
  expect(stalls).not.toHaveTextContent('二手');
  expect(screen.queryByTestId('dishes')).toBeNull();
});

test('a banquet lists the dishes wanted and how many are still missing', () => {
  render(
    <EventInfo
      event={eventDetail({
        type: 'banquet',
        stalls: null,
        dishes: { cold: counts(5, 5), hot: counts(10, 3), staple: counts(0, 0), soup: counts(0, 0), dessert: counts(0, 0) },
      })}
    />,
  );
  const dishes = screen.getByTestId('dishes');
  expect(dishes).toHaveTextContent('凉菜：已有 5 道 / 需要 5 道');
  expect(dishes).toHaveTextContent('✕ 已满');
  expect(dishes).toHaveTextContent('热菜：已有 3 道 / 需要 10 道');
  expect(dishes).toHaveTextContent('还差 7 道');
  expect(screen.queryByTestId('stalls')).toBeNull();
});
