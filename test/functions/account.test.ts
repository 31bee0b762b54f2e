import { localPhoneCode } from '../../localcloud/src/openapi';
import { startCloud, TestCloud, useCloudFromThisProcess, callFunction } from '../helpers/cloud';

const call = async (fn: string, action: string, input: unknown, openid: string) =>
  (await callFunction<{ result: Result }>(cloud.url, fn, { action, input }, openid)).body.result;

/**
 * The `account` function, called the way the app calls it: through the function host, with the
 * caller's OPENID from WeChat (here the local header), several identities at once.
 */

let cloud: TestCloud;
const ADMIN = 'first-admin'; // claims the role with the setup code of config/localcloud.json
const SETUP_CODE = 'fushan-local-setup';

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
    .set({
      data: {
        name: '福老汇理发队',
        serviceClass: 'haircut',
        communityId: 'c-qingyang',
        description: '免费理发',
        services: ['理发'],
        leaders: [],
        schedule: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    });
  ok(await account('updateProfile', { name: '赵建国', phone: '13900001234', communityId: null }, ADMIN));
  ok(await account('claimFirstAdmin', { setupCode: SETUP_CODE }, ADMIN));
});

describe('the first admin', () => {
  test('is claimed once per environment with the setup code, by a registered person', async () => {
    expect(ok(await account('whoami', {}, ADMIN)).roles.admin).toBe(true);
    ok(await account('updateProfile', { name: '钱二', phone: '13900009999', communityId: null }, 'second-claimer'));
    // The code works once: a second claim, even with the right code, is refused and changes nothing.
    expect(await account('claimFirstAdmin', { setupCode: SETUP_CODE }, 'second-claimer')).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await account('claimFirstAdmin', { setupCode: 'wrong-code-123' }, 'second-claimer')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await account('claimFirstAdmin', { setupCode: '' }, 'second-claimer')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(ok(await account('whoami', {}, 'second-claimer')).roles.admin).toBe(false);
    // The claimer asking again (their answer lost on the way) is told they hold it.
    expect(ok(await account('claimFirstAdmin', { setupCode: SETUP_CODE }, ADMIN)).roles.admin).toBe(true);
  });
});
afterAll(() => cloud?.stop());

describe('identity', () => {
  test('a call without a WeChat identity is refused', async () => {
    expect(await account('whoami', {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: expect.any(String) });
  });

  test('a new caller is a resident with no profile and no roles', async () => {
    expect(ok(await account('whoami', {}, 'new-person'))).toEqual({ openid: 'new-person', roles: { admin: false, staffOf: [], leaderOf: [] }, user: null });
  });

  test('identity never comes from the request body', async () => {
    expect(await account('whoami', { openid: ADMIN }, 'someone')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const r = await callFunction<{ result: Result }>(
      cloud.url,
      'account',
      { action: 'whoami', input: {}, openid: ADMIN, userInfo: { openId: ADMIN } },
      'someone',
    );
    expect(r.body.result).toMatchObject({ ok: true, data: { openid: 'someone', roles: { admin: false } } });
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
    expect(first).toMatchObject({
      openid: 'profile-a',
      name: '王阿姨',
      phone: '13800001111',
      communityId: 'c-qingyang',
      roles: { admin: false, staffOf: [], leaderOf: [] },
    });
    const second = ok(await account('updateProfile', { name: '王秀兰', phone: '13800002222', communityId: 'c-qingyang' }, 'profile-a'));
    expect(second).toMatchObject({ name: '王秀兰', phone: '13800002222', createdAt: first.createdAt });
    expect(ok(await account('whoami', {}, 'profile-a')).user).toEqual(second);
  });

  test("WeChat's phone-number button fills the number: its code decoded once by WeChat, nothing saved", async () => {
    const code = localPhoneCode('13700005678');
    expect(ok(await account('phoneFromWeChat', { code }, 'phone-button'))).toEqual({ phone: '13700005678' });
    expect(ok(await account('whoami', {}, 'phone-button')).user).toBeNull();
    // A code is good once, as WeChat's; a made-up one is refused the same way.
    expect(await account('phoneFromWeChat', { code }, 'phone-button')).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      message: expect.stringContaining('直接填写'),
    });
    expect(await account('phoneFromWeChat', { code: 'forged' }, 'phone-button')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    // A number WeChat gives that is no mainland mobile is the person's to type.
    expect(await account('phoneFromWeChat', { code: localPhoneCode('85291234567') }, 'phone-button')).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      message: expect.stringContaining('大陆手机号'),
    });
  });
});

describe('roles', () => {
  const sdk = () => require('wx-server-sdk') as typeof import('wx-server-sdk');
  const teamLeaders = async (teamId: string) => ((await sdk().database().collection('teams').doc(teamId).get()) as { data: any }).data.leaders;
  beforeAll(async () => {
    ok(await account('updateProfile', { name: '李强', phone: '13900003333', communityId: 'c-qingyang' }, 'future-staff'));
    ok(await account('updateProfile', { name: '张队长', phone: '13900004444', communityId: 'c-qingyang' }, 'future-leader'));
  });

  test('only a district admin gives roles', async () => {
    expect(await account('grantRole', { openid: 'future-staff', grant: { role: 'staff', communityId: 'c-qingyang' } }, 'future-leader')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await account('grantRole', { openid: 'future-staff', grant: { role: 'admin' } })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  test('a grant names what the role needs and refuses unknown people and places', async () => {
    expect(await account('grantRole', { openid: 'future-staff', grant: { role: 'staff' } }, ADMIN)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await account('grantRole', { openid: 'future-staff', grant: { role: 'mayor' } }, ADMIN)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await account('grantRole', { openid: 'nobody', grant: { role: 'admin' } }, ADMIN)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await account('grantRole', { openid: 'future-staff', grant: { role: 'staff', communityId: 'c-none' } }, ADMIN)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await account('grantRole', { openid: 'future-leader', grant: { role: 'leader', teamId: 't-none' } }, ADMIN)).toMatchObject({ code: 'NOT_FOUND' });
  });

  test('a person holds several roles at once; each shows with its scope; the team lists its leader; every change is recorded', async () => {
    const staff = ok(await account('grantRole', { openid: 'future-staff', grant: { role: 'staff', communityId: 'c-qingyang' } }, ADMIN));
    expect(staff).toMatchObject({ openid: 'future-staff', roles: { admin: false, staffOf: ['c-qingyang'], leaderOf: [] }, phone: '139****3333' });
    expect(staff.held).toEqual([{ grant: { role: 'staff', communityId: 'c-qingyang' }, label: '社区工作者 · 清洋社区' }]);
    // The same person also leads a team: both roles at once.
    const both = ok(await account('grantRole', { openid: 'future-staff', grant: { role: 'leader', teamId: 't-haircut' } }, ADMIN));
    expect(both.roles).toEqual({ admin: false, staffOf: ['c-qingyang'], leaderOf: ['t-haircut'] });
    expect(ok(await account('whoami', {}, 'future-staff')).roles).toEqual(both.roles);
    // A team may have several leaders; the team page names each.
    ok(await account('grantRole', { openid: 'future-leader', grant: { role: 'leader', teamId: 't-haircut' } }, ADMIN));
    expect((await teamLeaders('t-haircut')).map((l: any) => l.openid)).toEqual(['future-staff', 'future-leader']);
    expect(ok(await call('service', 'getTeam', { teamId: 't-haircut' }, 'future-leader')).leaders).toEqual(['李强', '张队长']);
    // Giving what is held changes nothing.
    ok(await account('grantRole', { openid: 'future-leader', grant: { role: 'leader', teamId: 't-haircut' } }, ADMIN));
    expect(await teamLeaders('t-haircut')).toHaveLength(2);

    const { data } = (await sdk().database().collection('audit_log').where({ target: 'future-staff' }).get()) as { data: any[] };
    expect(data).toEqual([
      expect.objectContaining({
        actor: ADMIN,
        action: 'account.grantRole',
        kind: 'users',
        before: { roles: { admin: false, staffOf: [], leaderOf: [] } },
        after: { roles: { admin: false, staffOf: ['c-qingyang'], leaderOf: [] } },
        at: expect.any(Date),
      }),
      expect.objectContaining({ action: 'account.grantRole', after: { roles: { admin: false, staffOf: ['c-qingyang'], leaderOf: ['t-haircut'] } } }),
    ]);
  });

  test('staff take back the leaders of their community’s teams, nothing else; the team page stops naming them', async () => {
    ok(await account('updateProfile', { name: '赵社工', phone: '13900005555', communityId: 'c-qingyang' }, 'qy-staff'));
    ok(await account('grantRole', { openid: 'qy-staff', grant: { role: 'staff', communityId: 'c-qingyang' } }, ADMIN));
    expect(await account('revokeRole', { openid: 'future-staff', grant: { role: 'staff', communityId: 'c-qingyang' } }, 'qy-staff')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await account('revokeRole', { openid: ADMIN, grant: { role: 'admin' } }, 'qy-staff')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await account('revokeRole', { openid: 'future-leader', grant: { role: 'leader', teamId: 't-haircut' } }, 'profile-a')).toMatchObject({
      code: 'FORBIDDEN',
    });

    const taken = ok(await account('revokeRole', { openid: 'future-leader', grant: { role: 'leader', teamId: 't-haircut' } }, 'qy-staff'));
    expect(taken.roles).toEqual({ admin: false, staffOf: [], leaderOf: [] });
    expect(taken.phone).toBe('');
    expect(ok(await call('service', 'getTeam', { teamId: 't-haircut' }, 'future-leader')).leaders).toEqual(['李强']);
    // Taking back what is not held changes nothing.
    expect(ok(await account('revokeRole', { openid: 'future-leader', grant: { role: 'leader', teamId: 't-haircut' } }, 'qy-staff')).roles.leaderOf).toEqual([]);
    // An admin takes back any role, but not their own admin role.
    expect(ok(await account('revokeRole', { openid: 'future-staff', grant: { role: 'staff', communityId: 'c-qingyang' } }, ADMIN)).roles).toEqual({
      admin: false,
      staffOf: [],
      leaderOf: ['t-haircut'],
    });
    expect(await account('revokeRole', { openid: ADMIN, grant: { role: 'admin' } }, ADMIN)).toMatchObject({ code: 'CONFLICT' });
  });

  test('admins list people page by page, phones masked, by role; nobody else can', async () => {
    expect(await account('listUsers', {}, 'profile-a')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = ok(await account('listUsers', { pageSize: 10, ...(cursor ? { cursor } : {}) }, ADMIN));
      for (const u of page.items) {
        if (u.openid !== ADMIN) expect(u.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
        seen.push(u.openid);
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['profile-a', 'future-staff', 'future-leader', 'parallel-0', 'parallel-23']));
    const leaders = ok(await account('listUsers', { role: 'leader' }, ADMIN));
    expect(leaders.items.map((u: any) => u.openid)).toEqual(['future-staff']);
    const admins = ok(await account('listUsers', { role: 'admin' }, ADMIN));
    expect(admins.items.map((u: any) => u.openid)).toEqual([ADMIN]);
    expect(await account('listUsers', { cursor: 'garbage' }, ADMIN)).toMatchObject({ code: 'BAD_INPUT' });
  });

  test('a team has at most ten leaders: an eleventh is refused and nothing changes', async () => {
    const leaders = Array.from({ length: 11 }, (_x, i) => `cap-leader-${i}`);
    for (const [i, openid] of leaders.entries())
      ok(await account('updateProfile', { name: `队长${i}`, phone: `1370000${String(i).padStart(4, '0')}`, communityId: null }, openid));
    const before = (await teamLeaders('t-haircut')).length;
    for (const openid of leaders.slice(0, 10 - before)) ok(await account('grantRole', { openid, grant: { role: 'leader', teamId: 't-haircut' } }, ADMIN));
    expect(await teamLeaders('t-haircut')).toHaveLength(10);
    const eleventh = leaders[10 - before];
    expect(await account('grantRole', { openid: eleventh, grant: { role: 'leader', teamId: 't-haircut' } }, ADMIN)).toMatchObject({ ok: false, code: 'FULL' });
    expect(ok(await account('whoami', {}, eleventh)).roles.leaderOf).toEqual([]);
    for (const openid of leaders.slice(0, 10 - before)) ok(await account('revokeRole', { openid, grant: { role: 'leader', teamId: 't-haircut' } }, ADMIN));
    expect(await teamLeaders('t-haircut')).toHaveLength(before);
  });

  test('a person stored before several roles existed keeps their role, and is stored anew when changed', async () => {
    const now = new Date();
    await sdk()
      .database()
      .collection('users')
      .doc('legacy-staff')
      .set({
        data: {
          name: '老社工',
          phone: '13900006666',
          communityId: 'c-qingyang',
          role: 'staff',
          staffCommunityId: 'c-qingyang',
          leaderTeamId: null,
          createdAt: now,
          updatedAt: now,
        },
      });
    expect(ok(await account('whoami', {}, 'legacy-staff')).roles).toEqual({ admin: false, staffOf: ['c-qingyang'], leaderOf: [] });
    ok(await account('grantRole', { openid: 'legacy-staff', grant: { role: 'leader', teamId: 't-haircut' } }, ADMIN));
    const stored = ((await sdk().database().collection('users').doc('legacy-staff').get()) as { data: any }).data;
    expect(stored).toMatchObject({ roles: { admin: false, staffOf: ['c-qingyang'], leaderOf: ['t-haircut'] }, roleKinds: ['staff', 'leader'] });
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
