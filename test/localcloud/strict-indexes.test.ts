import path from 'path';
import { callFunction, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * Strict index mode through the real SDK: a function's query no index in cloudfunctions/database.json
 * serves is refused with a clear error naming the collection and the query's shape; one an index serves
 * runs; a test's or a tool's own query (the secret's holder) is not judged.
 */
type Sdk = typeof import('wx-server-sdk');
let cloud: TestCloud;

beforeAll(async () => {
  // The fixture functions are not ours: they have no call budgets.
  cloud = await startCloud({ env: { LOCALCLOUD_FUNCTIONS: path.join(__dirname, 'fixtures', 'functions'), LOCALCLOUD_CALL_BUDGETS: '0' } });
  useCloudFromThisProcess(cloud);
}, 60_000);
afterAll(() => cloud?.stop());

const query = async (event: object) => (await callFunction<{ result: any }>(cloud.url, 'query', event)).body.result;

test("a function's query no declared index serves is refused, naming the collection and the shape", async () => {
  expect(await query({ where: { updatedAt: '2026-01-01' } })).toEqual({
    ok: false,
    errCode: -502001,
    errMsg: expect.stringMatching(/no index serves this query on users: filter \{updatedAt\}.*declare one in cloudfunctions\/database\.json/),
  });
  // An index walked only for its order may not also filter what it reads.
  expect(await query({ where: { updatedAt: '2026-01-01' }, orderBy: 'createdAt' })).toMatchObject({ ok: false, errCode: -502001 });
});

test('a query an index serves runs: equality on its leading key, sorted along it', async () => {
  expect(await query({ where: { roleKinds: 'admin' }, orderBy: 'createdAt' })).toEqual({ ok: true, count: 0 });
});

test("a test's own query is not judged", async () => {
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const { data } = (await sdk.database().collection('users').where({ phone: '13800000000' }).get()) as unknown as { data: unknown[] };
  expect(data).toEqual([]);
});
