import { callAction, expectOk, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { pinClock } from '../helpers/clock';

/**
 * The local cloud runs on the tests' clock: a pinned instant years away from the real one reaches the
 * functions (their `ctx.now`) and the database's server date, within the test's own clock.
 */
pinClock('2031-06-15T09:00:00+08:00');

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
});
afterAll(() => cloud?.stop());

/** `instant` lies between `before` and `after` (ms, the test's clock), give or take the clocks' tick. */
function expectBetween(instant: Date, before: number, after: number): void {
  expect(instant.getTime()).toBeGreaterThanOrEqual(before - 50);
  expect(instant.getTime()).toBeLessThanOrEqual(after + 50);
}

test("a function's now is the tests' pinned clock, not the machine's", async () => {
  const before = Date.now();
  const user = expectOk(await callAction(cloud.url, 'account', 'updateProfile', { name: '王大爷', phone: '13900000000', communityId: null }, 'clock-tester'));
  const after = Date.now();
  expect(user.createdAt.slice(0, 4)).toBe('2031');
  expectBetween(new Date(user.createdAt), before, after);
});

test("the database's server date follows the same clock", async () => {
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();
  const before = Date.now();
  const { _id } = (await db.collection('messages').add({ data: { openid: 'clock-tester', at: db.serverDate() } })) as { _id: string };
  const after = Date.now();
  const { data } = (await db.collection('messages').doc(_id).get()) as unknown as { data: { at: Date } };
  expectBetween(new Date(data.at), before, after);
});
