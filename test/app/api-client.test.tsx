import { api, ApiError, NETWORK_MESSAGE } from '../../src/api/client';
import { roles } from './fixtures';
import { answer, calls, fail, transport } from './mockTransport';

jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));

/** The app's API client: the function's refusals in its words; a BUSY answer tried once more. */

beforeEach(() => transport.mockReset());

const whoami = { ok: true, data: { openid: 'demo-resident', roles: roles(), user: null } };

test('a BUSY answer is tried once more after a pause, and the second answer counts', async () => {
  let n = 0;
  answer(() => (n++ === 0 ? fail('BUSY', '现在办理的人很多，请稍等片刻再试') : whoami));
  await expect(api.account.whoami({})).resolves.toEqual(whoami.data);
  expect(calls('account', 'whoami')).toHaveLength(2);
});

test('BUSY twice is shown to the person, in its words', async () => {
  answer(() => fail('BUSY', '现在办理的人很多，请稍等片刻再试'));
  const refused = api.account.whoami({}).catch((err: unknown) => err);
  const err = (await refused) as ApiError;
  expect(err).toBeInstanceOf(ApiError);
  expect([err.code, err.message]).toEqual(['BUSY', '现在办理的人很多，请稍等片刻再试']);
  expect(calls('account', 'whoami')).toHaveLength(2);
});

test('other refusals are not tried again', async () => {
  answer(() => fail('FULL', '名额已满'));
  await expect(api.account.whoami({})).rejects.toMatchObject({ code: 'FULL', message: '名额已满' });
  expect(calls('account', 'whoami')).toHaveLength(1);
});

test('bad input is refused by the function, in Chinese, and not tried again', async () => {
  answer(() => whoami);
  await expect(api.account.updateProfile({ name: '', phone: '123', communityId: null })).rejects.toMatchObject({ code: 'BAD_INPUT', message: '请填写姓名' });
  expect(calls('account', 'updateProfile')).toHaveLength(1);
});

test('an answer that is no action result is a fault, not data', async () => {
  transport.mockImplementation(async () => ({ rows: [] }));
  await expect(api.account.whoami({})).rejects.toMatchObject({ code: 'INTERNAL' });
});

test('a call that does not get through says so', async () => {
  transport.mockImplementation(async () => {
    throw new Error('request:fail timeout');
  });
  await expect(api.account.whoami({})).rejects.toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE });
});
