import path from 'path';
import { callFunction, startCloud, TestCloud } from '../helpers/cloud';

/**
 * A function instance serves call after call whatever its function does wrong: it throws, answers what
 * JSON cannot carry, or leaves a promise to reject later. Each is answered as WeChat answers a failed
 * function, and the same instance (same pid) serves the next call. The fixture function is in
 * fixtures/functions/faulty.
 */

let cloud: TestCloud;
beforeAll(async () => {
  // The fixture functions are not ours: they have no call budgets.
  cloud = await startCloud({ env: { LOCALCLOUD_FUNCTIONS: path.join(__dirname, 'fixtures', 'functions'), LOCALCLOUD_CALL_BUDGETS: '0' } });
});
afterAll(() => cloud?.stop());

type Reply = { status: number; body: { result?: { pid: number }; errCode?: number; errMsg: string } };
const faulty = (event: object) => callFunction(cloud.url, 'faulty', event) as Promise<Reply>;
const instancesLost = async () => ((await (await fetch(`${cloud.url}/health`)).json()) as { instancesLost: number }).instancesLost;

test.each(['throw', 'unserializable', 'reject-later'])('a function that does "%s" keeps its instance', async (fault) => {
  const { pid } = (await faulty({})).body.result!;
  const answer = await faulty({ fault });
  if (fault === 'reject-later') expect(answer.body.result).toEqual({ pid });
  else expect(answer).toMatchObject({ status: 500, body: { errCode: -504002 } });
  await new Promise((resolve) => setTimeout(resolve, 50)); // the late rejection lands
  expect((await faulty({})).body.result).toEqual({ pid });
  expect(await instancesLost()).toBe(0);
});
