import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MySignUp } from '../../src/pages/events/MySignUp';
import { eventDetail, ok, signUp } from './fixtures';
import { answer, calls, fail } from './mockTransport';
import { residentPages } from './residentPages';

/** One of my sign-ups on the event page (pages/events/MySignUp), on its own: change, cancel, refusals. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const ui = residentPages();

test('confirmed: its state, what it is, and the entry code to show at the door', () => {
  render(<MySignUp event={eventDetail()} signUp={signUp()} onChanged={jest.fn()} />);
  expect(screen.getByTestId('signup-status')).toHaveTextContent('✓');
  expect(screen.getByText('来逛集市 2 人')).toBeInTheDocument();
  expect(screen.getByTestId('check-in-code')).toHaveTextContent('ABCD 1234');
});

test('changing the headcount sends it and hands the changed sign-up to the page', async () => {
  const changed = signUp({ headcount: 3 });
  answer(() => ok(changed));
  const onChanged = jest.fn();
  render(<MySignUp event={eventDetail()} signUp={signUp()} onChanged={onChanged} />);
  fireEvent.click(screen.getByText('修改人数'));
  fireEvent.click(screen.getByLabelText('人数加一'));
  fireEvent.click(screen.getByText('保存修改'));
  await waitFor(() => expect(onChanged).toHaveBeenCalledWith(changed));
  expect(calls('events', 'changeSignUp')).toEqual([{ signUpId: 's1', headcount: 3 }]);
  expect(screen.queryByTestId('change-form')).toBeNull();
  expect(ui.showToast).toHaveBeenCalledWith({ title: '已修改', icon: 'success' });
});

test('a refused cancel says why and keeps the sign-up; 修改 clears the message', async () => {
  answer(() => fail('CLOSED', '报名已截止'));
  const onChanged = jest.fn();
  render(<MySignUp event={eventDetail()} signUp={signUp()} onChanged={onChanged} />);
  fireEvent.click(screen.getByText('取消报名'));
  expect(await screen.findByRole('alert')).toHaveTextContent('报名已截止');
  expect(calls('events', 'cancelSignUp')).toEqual([{ signUpId: 's1' }]);
  expect(onChanged).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText('修改人数'));
  expect(screen.queryByRole('alert')).toBeNull();
});

test('a stall has no headcount to change, only cancel', () => {
  render(
    <MySignUp
      event={eventDetail()}
      signUp={signUp({ kind: 'stall', status: 'pending', stall: { kind: 'repair', description: '修小家电' } })}
      onChanged={jest.fn()}
    />,
  );
  expect(screen.queryByText('修改人数')).toBeNull();
  expect(screen.getByText('取消报名')).toBeInTheDocument();
});
