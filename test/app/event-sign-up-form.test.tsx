import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SignUpForm, SignUpFormProps } from '../../src/pages/events/SignUpForm';
import { REMINDER_TEMPLATE_ID } from '../../src/subscribe';
import { eventDetail, ok, signUp } from './fixtures';
import { answer, calls, fail } from './mockTransport';
import { residentPages } from './residentPages';

/** The event page's sign-up section (pages/events/SignUpForm), on its own: the props the page gives it. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const ui = residentPages();
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});
const profile = { name: '王秀兰', phone: '13812345678' };
function renderForm(props: Partial<SignUpFormProps> = {}) {
  const onDone = jest.fn();
  const onRefused = jest.fn();
  render(<SignUpForm event={eventDetail()} mine={[]} hasProfile profile={profile} onDone={onDone} onRefused={onRefused} {...props} />);
  return { onDone, onRefused };
}

test('says who signs up, masked, and hands the sign-up made to the page', async () => {
  const made = signUp();
  answer(() => ok(made));
  const { onDone } = renderForm();
  fireEvent.click(screen.getByText('来逛集市'));
  expect(screen.getByText(/报名人：王秀兰 138\*\*\*\*5678/)).toBeInTheDocument();
  fireEvent.click(screen.getByText('确认报名'));
  await waitFor(() => expect(onDone).toHaveBeenCalledWith(made));
  expect(calls('events', 'signUp')).toEqual([{ eventId: 'e1', kind: 'visitor', headcount: 1, joinWaitlist: false, subscribe: true }]);
});

test('on weapp, the tap asks WeChat for consent before sending; a refusal still signs up, without WeChat notices', async () => {
  process.env.TARO_ENV = 'weapp';
  const order: string[] = [];
  ui.requestSubscribeMessage.mockImplementation(async () => (order.push('ask'), { errMsg: 'requestSubscribeMessage:ok', [REMINDER_TEMPLATE_ID]: 'reject' }));
  answer(() => (order.push('signUp'), ok(signUp())));
  const { onDone } = renderForm();
  fireEvent.click(screen.getByText('来逛集市'));
  fireEvent.click(screen.getByText('确认报名'));
  await waitFor(() => expect(onDone).toHaveBeenCalled());
  expect(order).toEqual(['ask', 'signUp']);
  expect(ui.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: [REMINDER_TEMPLATE_ID], entityIds: [] });
  expect(calls('events', 'signUp')[0]).toMatchObject({ subscribe: false });
});

test('turning the reminder off asks nothing and signs up without WeChat notices; a stall is told its review comes that way', async () => {
  process.env.TARO_ENV = 'weapp';
  answer(() => ok(signUp()));
  const { onDone } = renderForm();
  fireEvent.click(screen.getByText('申请摆摊'));
  expect(screen.getByTestId('remind-me')).toHaveTextContent('审核结果和活动前一天的提醒，用微信告诉我');
  fireEvent.click(screen.getByText('来逛集市'));
  fireEvent.click(screen.getByText('活动前一天微信提醒我'));
  fireEvent.click(screen.getByText('确认报名'));
  await waitFor(() => expect(onDone).toHaveBeenCalled());
  expect(ui.requestSubscribeMessage).not.toHaveBeenCalled();
  expect(calls('events', 'signUp')[0]).toMatchObject({ subscribe: false });
});

test('a stall without its kind is refused on the spot: nothing is sent', () => {
  renderForm();
  fireEvent.click(screen.getByText('申请摆摊'));
  fireEvent.click(screen.getByText('提交摆摊申请'));
  expect(screen.getByRole('alert')).toHaveTextContent('请选择摊位的种类');
  expect(calls('events', 'signUp')).toEqual([]);
  // Choosing another way to take part clears it.
  fireEvent.click(screen.getByText('来逛集市'));
  expect(screen.queryByRole('alert')).toBeNull();
});

test('FULL: the refusal is said, the waitlist offered, and the page told to load the event again', async () => {
  answer(() => fail('FULL', '名额已满'));
  const { onDone, onRefused } = renderForm();
  fireEvent.click(screen.getByText('来逛集市'));
  fireEvent.click(screen.getByText('确认报名'));
  expect(await screen.findByText('名额已满')).toBeInTheDocument();
  expect(onRefused).toHaveBeenCalledTimes(1);
  expect(onDone).not.toHaveBeenCalled();
  expect(screen.getByText('排队候补', { selector: 'button, taro-button-core' })).toBeInTheDocument();
});

test('a kind already held is not offered again; with every kind held there is no form', () => {
  const { rerender } = render(<SignUpForm event={eventDetail()} mine={[signUp()]} hasProfile profile={profile} onDone={jest.fn()} onRefused={jest.fn()} />);
  expect(screen.queryByText('来逛集市')).toBeNull();
  expect(screen.getByText('提交摆摊申请')).toBeInTheDocument();
  rerender(
    <SignUpForm
      event={eventDetail()}
      mine={[signUp(), signUp({ id: 's2', kind: 'stall', status: 'pending' })]}
      hasProfile
      profile={profile}
      onDone={jest.fn()}
      onRefused={jest.fn()}
    />,
  );
  expect(screen.queryByTestId('signup-form')).toBeNull();
});

test('without a profile: the way to fill it in instead of the button', () => {
  renderForm({ hasProfile: false, profile: null });
  fireEvent.click(screen.getByText('来逛集市'));
  expect(screen.queryByText('确认报名')).toBeNull();
  fireEvent.click(screen.getByText('填写个人信息'));
  expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/profile' });
});
