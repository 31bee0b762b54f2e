import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import ProfilePage from '../../src/pages/me/profile';
import { community, ok, roles } from './fixtures';
import { answer, calls, fail, transport } from './mockTransport';

/** 我的 → 个人信息: WeChat's phone-number button beside typing the number (weapp only). */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));

beforeEach(() => transport.mockReset());
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

function answerNewResident(phoneFromWeChat: () => unknown) {
  answer((fn, e) => {
    if (fn === 'directory') return ok([community]);
    if (e.action === 'whoami') return ok({ openid: 'o-new', roles: roles(), user: null });
    if (e.action === 'phoneFromWeChat') return phoneFromWeChat();
    return undefined;
  });
}

/** What WeChat hands the button's getphonenumber handler. */
const weChatAnswers = (detail: object) => new CustomEvent('getphonenumber', { detail });

test("on weapp, the button's code is decoded by the account function and fills the number; saving stays the person's", async () => {
  process.env.TARO_ENV = 'weapp';
  answerNewResident(() => ok({ phone: '13700005678' }));
  render(<ProfilePage />);
  const button = await screen.findByTestId('phone-from-wechat');
  expect(button).toHaveTextContent('使用微信绑定的手机号');
  fireEvent(button, weChatAnswers({ errMsg: 'getPhoneNumber:ok', code: 'wx-code-1' }));
  await waitFor(() => expect(screen.getByLabelText('手机号')).toHaveValue('13700005678'));
  expect(calls('account', 'phoneFromWeChat')).toEqual([{ code: 'wx-code-1' }]);
  expect(calls('account', 'updateProfile')).toEqual([]);
});

test('declining in WeChat sends nothing; a code WeChat refuses is said, and typing still works', async () => {
  process.env.TARO_ENV = 'weapp';
  answerNewResident(() => fail('BAD_INPUT', '没能从微信取到手机号，请再点一次或直接填写'));
  render(<ProfilePage />);
  const button = await screen.findByTestId('phone-from-wechat');
  fireEvent(button, weChatAnswers({ errMsg: 'getPhoneNumber:fail user deny' }));
  expect(calls('account', 'phoneFromWeChat')).toEqual([]);
  fireEvent(button, weChatAnswers({ errMsg: 'getPhoneNumber:ok', code: 'stale' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('没能从微信取到手机号，请再点一次或直接填写');
});

test('the browser build has no WeChat to ask: only typing', async () => {
  answerNewResident(() => undefined);
  render(<ProfilePage />);
  await screen.findByLabelText('手机号');
  expect(screen.queryByTestId('phone-from-wechat')).toBeNull();
});
