import { startCloud, TestCloud, useCloudFromThisProcess, callFunction } from '../helpers/cloud';

/**
 * The `account` function, called the way the app calls it: through the function host, with the
 * caller's OPENID from WeChat (here the local header), several identities at once.
 */

let cloud: TestCloud;
const ADMIN = 'demo-admin'; // the bootstrap admin named in config/localcloud.json

type Result = { ok: true; data: any } | { ok: false; code: string; message: string };
async function account(action: string, input: unknown, openid?: string): Promise<Result> {
  const { body } = await callFunction<{ result: Result; errMsg: string }>(cloud.url, 'account', { action, input }, openid);
  expect(body.errMsg).toBe('cloud.callFunction:ok');
  return body.result;
}
const ok = (r: Result) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data;
};

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  // Reference data the account actions check against (later issues seed it through their own functions).
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();
  await db
    .collection('communities')
    .doc('c-qingyang')
    .set({ data: { code: 'QY', name: '清洋社区', streetId: 's1' } });
  await db
    .collection('teams')
    .doc('t-haircut')
    .set({ data: { name: '福老汇理发队', communityId: 'c-qingyang' } });
});
afterAll(() => cloud?.stop());

describe('identity', () => {
  test('a call without a WeChat identity is refused', async () => {
    expect(await account('whoami', {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: expect.any(String) });
  });

  test('a new caller is a resident with no profile; the configured admin is an admin', async () => {
    expect(ok(await account('whoami', {}, 'new-person'))).toEqual({ openid: 'new-person', role: 'resident', user: null });
    expect(ok(await account('whoami', {}, ADMIN))).toMatchObject({ openid: ADMIN, role: 'admin' });
  });

  test('identity never comes from the request body', async () => {
    expect(await account('whoami', { openid: ADMIN }, 'someone')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const r = await callFunction<{ result: Result }>(
      cloud.url,
      'account',
      { action: 'whoami', input: {}, openid: ADMIN, userInfo: { openId: ADMIN } },
      'someone',
    );
    expect(r.body.result).toMatchObject({ ok: true, data: { openid: 'someone', role: 'resident' } });
  });

  test('concurrent callers each see their own OPENID', async () => {
    const ids = Array.from({ length: 24 }, (_x, i) => `parallel-${i}`);
    const results = await Promise.all(ids.map((id) => account('whoami', {}, id)));
    expect(results.map((r) => ok(r).openid)).toEqual(ids);
    const saved = await Promise.all(
      ids.map((id, i) => account('updateProfile', { name: `居民${i}`, phone: `1380000${String(i).padStart(4, '0')}`, communityId: null }, id)),
    );
    saved.forEach((r, i) => expect(ok(r)).toMatchObject({ openid: ids[i], name: `居民${i}` }));
  });
});

describe('profile', () => {
  test('bad input is refused with a clear message and writes nothing', async () => {
    const r = await account('updateProfile', { name: '王阿姨', phone: '12345', communityId: null }, 'profile-a');
    expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringContaining('手机号') });
    expect(ok(await account('whoami', {}, 'profile-a')).user).toBeNull();
    expect(await account('updateProfile', { name: '', phone: '13800001111', communityId: null }, 'profile-a')).toMatchObject({ code: 'BAD_INPUT' });
    expect(await account('updateProfile', { name: '王阿姨', phone: '13800001111', communityId: 'nowhere' }, 'profile-a')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  test('a resident saves and updates their own profile', async () => {
    const first = ok(await account('updateProfile', { name: '王阿姨', phone: '13800001111', communityId: 'c-qingyang' }, 'profile-a'));
    expect(first).toMatchObject({ openid: 'profile-a', name: '王阿姨', phone: '13800001111', communityId: 'c-qingyang', role: 'resident' });
    const second = ok(await account('updateProfile', { name: '王秀兰', phone: '13800002222', communityId: 'c-qingyang' }, 'profile-a'));
    expect(second).toMatchObject({ name: '王秀兰', phone: '13800002222', createdAt: first.createdAt });
    expect(ok(await account('whoami', {}, 'profile-a')).user).toEqual(second);
  });
});

describe('roles', () => {
  beforeAll(async () => {
    ok(await account('updateProfile', { name: '李强', phone: '13900003333', communityId: 'c-qingyang' }, 'future-staff'));
    ok(await account('updateProfile', { name: '张队长', phone: '13900004444', communityId: 'c-qingyang' }, 'future-leader'));
  });

  test('only a district admin assigns roles', async () => {
    expect(await account('assignRole', { openid: 'future-staff', role: 'staff', communityId: 'c-qingyang' }, 'future-leader')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await account('assignRole', { openid: 'future-staff', role: 'admin' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  test('an assignment names what the role needs and refuses unknown people and places', async () => {
    expect(await account('assignRole', { openid: 'future-staff', role: 'staff' }, ADMIN)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await account('assignRole', { openid: 'future-staff', role: 'mayor' }, ADMIN)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await account('assignRole', { openid: 'nobody', role: 'admin' }, ADMIN)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await account('assignRole', { openid: 'future-staff', role: 'staff', communityId: 'c-none' }, ADMIN)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await account('assignRole', { openid: 'future-leader', role: 'leader', teamId: 't-none' }, ADMIN)).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('an admin makes a staff member and a leader; each sees the new role; the change is audited', async () => {
    const staff = ok(await account('assignRole', { openid: 'future-staff', role: 'staff', communityId: 'c-qingyang' }, ADMIN));
    expect(staff).toMatchObject({ openid: 'future-staff', role: 'staff', staffCommunityId: 'c-qingyang', leaderTeamId: null, phone: '139****3333' });
    const leader = ok(await account('assignRole', { openid: 'future-leader', role: 'leader', teamId: 't-haircut' }, ADMIN));
    expect(leader).toMatchObject({ role: 'leader', leaderTeamId: 't-haircut', staffCommunityId: null });
    expect(ok(await account('whoami', {}, 'future-staff'))).toMatchObject({ role: 'staff', user: { staffCommunityId: 'c-qingyang' } });

    const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
    const { data } = (await sdk.database().collection('audit_log').where({ target: 'future-staff' }).get()) as { data: any[] };
    expect(data).toEqual([
      expect.objectContaining({
        actor: ADMIN,
        action: 'account.assignRole',
        before: { role: 'resident', staffCommunityId: null, leaderTeamId: null },
        after: { role: 'staff', staffCommunityId: 'c-qingyang', leaderTeamId: null },
        at: expect.any(Date),
      }),
    ]);

    // Taking the role back leaves a resident again.
    expect(ok(await account('assignRole', { openid: 'future-staff', role: 'resident' }, ADMIN))).toMatchObject({ role: 'resident', staffCommunityId: null });
  });

  test('admins list users page by page, phones masked; nobody else can', async () => {
    expect(await account('listUsers', {}, 'profile-a')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = ok(await account('listUsers', { pageSize: 10, ...(cursor ? { cursor } : {}) }, ADMIN));
      for (const u of page.items) {
        expect(u.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
        seen.push(u.openid);
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['profile-a', 'future-staff', 'future-leader', 'parallel-0', 'parallel-23']));
    const leaders = ok(await account('listUsers', { role: 'leader' }, ADMIN));
    expect(leaders.items.map((u: any) => u.openid)).toEqual(['future-leader']);
    expect(await account('listUsers', { cursor: 'garbage' }, ADMIN)).toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('the function envelope', () => {
  test('an unknown action or a malformed event is BAD_INPUT, not a crash', async () => {
    expect(await account('dropTables', {}, 'x')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const r = await callFunction<{ result: Result }>(cloud.url, 'account', 'not an object', 'x');
    expect(r.body.result).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  test('an unknown function answers as callFunction does', async () => {
    const r = await callFunction<{ errMsg: string; errCode: number }>(cloud.url, 'nosuchfunction', {}, 'x');
    expect(r.body.errMsg).toMatch(/^cloud\.callFunction:fail/);
  });
});
