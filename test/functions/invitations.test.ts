import { INVITATION_CODE_ALPHABET } from '../../contract';
import { clockOffsetMs } from '../helpers/clock';
import { ActionAnswer, callAction, expectOk, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * The `invitations` function and `account.searchPeople`, through the function host with several
 * identities: every action by every kind of caller, expiry (a second cloud on the same store, two days
 * later), revocation, reuse, a crowd racing for the last uses, forged codes and guessing.
 */

let cloud: TestCloud;
const ADMIN = 'inv-admin';
const STAFF_A = 'inv-staff-a'; // staff of 清洋社区 (c-a), whose team is t-a
const STAFF_B = 'inv-staff-b'; // staff of 福新社区 (c-b), whose team is t-b
const LEADER = 'inv-leader'; // leads t-a
const RESIDENT = 'inv-resident';
const STRANGER = 'inv-stranger'; // no profile
const SETUP_CODE = 'fushan-local-setup';

const call = (fn: string, action: string, input: unknown, openid?: string) => callAction(cloud.url, fn, action, input, openid);
const inv = (action: string, input: unknown, openid?: string) => call('invitations', action, input, openid);
const refused = (answer: ActionAnswer, code: string) => {
  expect(answer).toMatchObject({ ok: false, code, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  return (answer as { message: string }).message;
};

const sdk = () => require('wx-server-sdk') as typeof import('wx-server-sdk');
const initSdk = () => sdk().init({ env: sdk().DYNAMIC_CURRENT_ENV as unknown as string });
const stored = async (collection: string, id: string) => ((await sdk().database().collection(collection).doc(id).get()) as { data: any }).data;
const auditOf = async (target: string) =>
  ((await sdk().database().collection('audit_log').where({ target }).orderBy('at', 'asc').get()) as { data: any[] }).data;

async function seedPlaces(): Promise<void> {
  const db = sdk().database();
  const at = new Date();
  for (const [id, name] of [
    ['c-a', '清洋社区'],
    ['c-b', '福新社区'],
  ]) {
    await db
      .collection('communities')
      .doc(id)
      .set({ data: { code: id, name, streetId: 's1', location: { type: 'Point', coordinates: [121.26, 37.5] }, households: 100 } });
  }
  for (const [id, name, communityId] of [
    ['t-a', '福老汇理发队', 'c-a'],
    ['t-b', '泉心为民维修队', 'c-b'],
  ]) {
    await db
      .collection('teams')
      .doc(id)
      .set({
        data: { name, serviceClass: 'haircut', communityId, description: '', services: ['理发'], leaders: [], schedule: null, createdAt: at, updatedAt: at },
      });
  }
}

const profile = (openid: string, name: string, phone: string, communityId: string | null) =>
  call('account', 'updateProfile', { name, phone, communityId }, openid).then(expectOk);
const grant = (openid: string, g: object) => call('account', 'grantRole', { openid, grant: g }, ADMIN).then(expectOk);

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  initSdk();
  await seedPlaces();
  await profile(ADMIN, '赵建国', '13900000001', null);
  expectOk(await call('account', 'claimFirstAdmin', { setupCode: SETUP_CODE }, ADMIN));
  await profile(STAFF_A, '李红', '13900000002', 'c-a');
  await profile(STAFF_B, '孙明', '13900000003', 'c-b');
  await profile(LEADER, '张队长', '13900000004', 'c-a');
  await profile(RESIDENT, '王秀兰', '13812345678', 'c-a');
  await grant(STAFF_A, { role: 'staff', communityId: 'c-a' });
  await grant(STAFF_B, { role: 'staff', communityId: 'c-b' });
  await grant(LEADER, { role: 'leader', teamId: 't-a' });
}, 60_000);
afterAll(() => cloud?.stop());

const LEAD_A = { role: 'leader', teamId: 't-a' };
const LEAD_B = { role: 'leader', teamId: 't-b' };
const STAFF_OF_A = { role: 'staff', communityId: 'c-a' };

describe('create', () => {
  test('staff invite leaders of their own communities’ teams; admins any role; nobody else', async () => {
    const made = expectOk(await inv('create', { grant: LEAD_A }, STAFF_A));
    expect(made.code).toMatch(new RegExp(`^[${INVITATION_CODE_ALPHABET}]{8}$`));
    expect(made.path).toBe(`packages/invite/accept?code=${made.code}`);
    expect(made.invitation).toMatchObject({
      grant: LEAD_A,
      roleLabel: '服务队队长 · 福老汇理发队',
      communityId: 'c-a',
      invitedBy: { openid: STAFF_A, name: '李红' },
      maxUses: 1,
      uses: [],
      state: 'valid',
      revokedAt: null,
    });
    // Default validity: 7 days.
    expect(Date.parse(made.invitation.expiresAt) - Date.parse(made.invitation.createdAt)).toBe(7 * 24 * 3600 * 1000);

    refused(await inv('create', { grant: LEAD_B }, STAFF_A), 'FORBIDDEN');
    refused(await inv('create', { grant: LEAD_A }, STAFF_B), 'FORBIDDEN');
    refused(await inv('create', { grant: STAFF_OF_A }, STAFF_A), 'FORBIDDEN');
    refused(await inv('create', { grant: { role: 'admin' } }, STAFF_A), 'FORBIDDEN');
    for (const who of [LEADER, RESIDENT, STRANGER]) refused(await inv('create', { grant: LEAD_A }, who), 'FORBIDDEN');
    refused(await inv('create', { grant: LEAD_A }), 'UNAUTHENTICATED');

    for (const g of [LEAD_A, LEAD_B, STAFF_OF_A, { role: 'admin' }])
      expect(expectOk(await inv('create', { grant: g, validDays: 30, maxUses: 50 }, ADMIN)).invitation.state).toBe('valid');
    expect(expectOk(await inv('create', { grant: { role: 'admin' } }, ADMIN)).invitation.roleLabel).toBe('区管理员');
    expect(expectOk(await inv('create', { grant: STAFF_OF_A }, ADMIN)).invitation.roleLabel).toBe('社区工作者 · 清洋社区');
  });

  test('refuses unknown places, validity outside 1–30 days and more than 50 uses', async () => {
    refused(await inv('create', { grant: { role: 'leader', teamId: 't-none' } }, ADMIN), 'NOT_FOUND');
    refused(await inv('create', { grant: { role: 'staff', communityId: 'c-none' } }, ADMIN), 'NOT_FOUND');
    expect(refused(await inv('create', { grant: LEAD_A, validDays: 0 }, ADMIN), 'BAD_INPUT')).toContain('有效天数');
    refused(await inv('create', { grant: LEAD_A, validDays: 31 }, ADMIN), 'BAD_INPUT');
    expect(refused(await inv('create', { grant: LEAD_A, maxUses: 51 }, ADMIN), 'BAD_INPUT')).toContain('可用次数');
    refused(await inv('create', { grant: { role: 'mayor' } }, ADMIN), 'BAD_INPUT');
  });

  test('stores only a keyed hash of the code, and records who made it', async () => {
    const made = expectOk(await inv('create', { grant: LEAD_A, maxUses: 3 }, STAFF_A));
    const doc = await stored('invitations', made.invitation.id);
    expect(JSON.stringify(doc)).not.toContain(made.code);
    expect(made.invitation.id).toMatch(/^[0-9a-f]{64}$/);
    expect(await auditOf(made.invitation.id)).toEqual([
      expect.objectContaining({
        actor: STAFF_A,
        action: 'invitations.create',
        kind: 'invitations',
        before: null,
        after: expect.objectContaining({ maxUses: 3 }),
      }),
    ]);
  });
});

describe('list', () => {
  test('admins see all, staff their communities’ leader invitations, newest first and paged; others nobody', async () => {
    const all: any[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(await inv('list', { pageSize: 3, ...(cursor ? { cursor } : {}) }, ADMIN));
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    const created = all.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const staffA = expectOk(await inv('list', { pageSize: 50 }, STAFF_A)).items;
    expect(staffA.length).toBeGreaterThan(0);
    for (const i of staffA) expect(i).toMatchObject({ communityId: 'c-a', grant: LEAD_A });
    // The admin's leader invitation for team t-a is among them; the admin's invitation to be staff is not.
    expect(staffA.some((i: any) => i.invitedBy.openid === ADMIN)).toBe(true);
    expect(expectOk(await inv('list', {}, STAFF_B)).items.every((i: any) => i.communityId === 'c-b')).toBe(true);
    for (const who of [LEADER, RESIDENT, STRANGER]) refused(await inv('list', {}, who), 'FORBIDDEN');
    refused(await inv('list', { cursor: 'garbage' }, ADMIN), 'BAD_INPUT');
  });
});

describe('preview and accept', () => {
  test('a resident sees what the code gives, accepts it once, and becomes the team’s leader; the use is recorded', async () => {
    const { code, invitation } = expectOk(await inv('create', { grant: LEAD_A }, STAFF_A));
    // Typed the way people type: lower case, a space, a dash.
    const typed = `${code.slice(0, 4).toLowerCase()} -${code.slice(4)}`;
    expect(expectOk(await inv('preview', { inviteCode: typed }, RESIDENT))).toEqual({
      grant: LEAD_A,
      roleLabel: '服务队队长 · 福老汇理发队',
      invitedBy: '李红',
      expiresAt: invitation.expiresAt,
      usesLeft: 1,
      state: 'valid',
      hasProfile: true,
      alreadyHeld: false,
    });
    expect(expectOk(await inv('preview', { inviteCode: code }, LEADER)).alreadyHeld).toBe(true);
    expect(expectOk(await inv('preview', { inviteCode: code }, STRANGER)).hasProfile).toBe(false);

    // Without a profile: refused, and nothing used.
    expect(refused(await inv('accept', { inviteCode: code }, STRANGER), 'FORBIDDEN')).toContain('个人信息');
    // Already the leader: refused, nothing used.
    expect(refused(await inv('accept', { inviteCode: code }, LEADER), 'CONFLICT')).toContain('没有用掉');
    expect((await stored('invitations', invitation.id)).usedCount).toBe(0);

    const accepted = expectOk(await inv('accept', { inviteCode: typed }, RESIDENT));
    expect(accepted).toEqual({ grant: LEAD_A, roleLabel: '服务队队长 · 福老汇理发队', roles: { admin: false, staffOf: [], leaderOf: ['t-a'] } });
    expect(expectOk(await call('account', 'whoami', {}, RESIDENT)).roles.leaderOf).toEqual(['t-a']);
    expect((await stored('teams', 't-a')).leaders.map((l: any) => l.openid)).toEqual([LEADER, RESIDENT]);
    const doc = await stored('invitations', invitation.id);
    expect(doc).toMatchObject({ usedCount: 1, uses: [{ openid: RESIDENT, name: '王秀兰', at: expect.any(Date) }] });
    expect(await auditOf(RESIDENT)).toEqual([
      expect.objectContaining({ actor: RESIDENT, action: 'invitations.accept', after: { roles: accepted.roles }, reason: expect.stringContaining('李红') }),
    ]);

    // Single use: the next person finds it used up; the preview says so.
    await profile('inv-late', '周大爷', '13900000010', 'c-a');
    expect(refused(await inv('accept', { inviteCode: code }, 'inv-late'), 'FULL')).toContain('用完');
    expect(expectOk(await inv('preview', { inviteCode: code }, 'inv-late'))).toMatchObject({ state: 'usedUp', usesLeft: 0 });
    const listed = expectOk(await inv('list', { pageSize: 50 }, STAFF_A)).items.find((i: any) => i.id === invitation.id);
    expect(listed).toMatchObject({ state: 'usedUp', uses: [{ name: '王秀兰' }] });
    // Leader and resident, staff of one community, the admin: each other role's invitation works the same.
    const staffInvite = expectOk(await inv('create', { grant: STAFF_OF_A }, ADMIN));
    expect(expectOk(await inv('accept', { inviteCode: staffInvite.code }, 'inv-late')).roles.staffOf).toEqual(['c-a']);
  });

  test('forged and malformed codes', async () => {
    refused(await inv('preview', { inviteCode: '2345ABCD' }, RESIDENT), 'NOT_FOUND');
    refused(await inv('accept', { inviteCode: '2345ABCE' }, RESIDENT), 'NOT_FOUND');
    // 0, O, 1, I and L are not in the alphabet; too short, too long, empty.
    for (const bad of ['0000OOOO', '1111IIII', 'ABC', 'ABCDEFGHJ', '', '邀请码邀请码邀请码']) {
      expect(refused(await inv('preview', { inviteCode: bad }, RESIDENT), 'BAD_INPUT')).toMatch(/邀请码/);
    }
    refused(await inv('preview', {}, RESIDENT), 'BAD_INPUT');
    refused(await inv('preview', { inviteCode: '2345ABCD' }), 'UNAUTHENTICATED');
  });

  test('guessing is bounded: ten unknown codes in an hour, then every code is refused until the hour is over', async () => {
    const guesser = 'inv-guesser';
    await profile(guesser, '钱多', '13900000011', 'c-a');
    const { code } = expectOk(await inv('create', { grant: LEAD_A }, ADMIN));
    const wrong = (i: number) => `WRNG${INVITATION_CODE_ALPHABET.slice(i, i + 4)}`;
    for (let i = 0; i < 10; i++) refused(await inv(i % 2 ? 'accept' : 'preview', { inviteCode: wrong(i) }, guesser), 'NOT_FOUND');
    expect(refused(await inv('preview', { inviteCode: code }, guesser), 'LIMIT')).toContain('一小时');
    refused(await inv('accept', { inviteCode: code }, guesser), 'LIMIT');
    // Someone else is not affected.
    expect(expectOk(await inv('preview', { inviteCode: code }, RESIDENT)).state).toBe('valid');
  });

  test('ten people race for a three-use invitation: exactly three get the role', async () => {
    const { code, invitation } = expectOk(await inv('create', { grant: LEAD_B, maxUses: 3 }, STAFF_B));
    const racers = Array.from({ length: 10 }, (_x, i) => `inv-racer-${i}`);
    await Promise.all(racers.map((id, i) => profile(id, `队员${i}`, `1370000${String(i).padStart(4, '0')}`, 'c-b')));
    const answers = await Promise.all(racers.map((id) => inv('accept', { inviteCode: code }, id)));
    const codes = answers.map((a) => (a.ok ? 'ok' : a.code)).sort();
    expect(codes).toEqual(['FULL', 'FULL', 'FULL', 'FULL', 'FULL', 'FULL', 'FULL', 'ok', 'ok', 'ok']);
    const winners = racers.filter((_id, i) => answers[i].ok);
    const doc = await stored('invitations', invitation.id);
    expect(doc.usedCount).toBe(3);
    expect(doc.uses.map((u: any) => u.openid).sort()).toEqual([...winners].sort());
    expect((await stored('teams', 't-b')).leaders.map((l: any) => l.openid).sort()).toEqual([...winners].sort());
  }, 60_000);

  test('a multi-use invitation: each person once; a second try by the same person uses nothing', async () => {
    const { code, invitation } = expectOk(await inv('create', { grant: LEAD_B, maxUses: 5 }, ADMIN));
    await profile('inv-multi-1', '吴一', '13900000021', 'c-b');
    expectOk(await inv('accept', { inviteCode: code }, 'inv-multi-1'));
    refused(await inv('accept', { inviteCode: code }, 'inv-multi-1'), 'CONFLICT');
    expect((await stored('invitations', invitation.id)).usedCount).toBe(1);
    expect(expectOk(await inv('preview', { inviteCode: code }, RESIDENT)).usesLeft).toBe(4);
  });
});

describe('revoke', () => {
  test('the inviter’s scope takes an invitation back; it can no longer be used; twice changes nothing', async () => {
    const { code, invitation } = expectOk(await inv('create', { grant: LEAD_A, maxUses: 5 }, STAFF_A));
    refused(await inv('revoke', { invitationId: invitation.id }, STAFF_B), 'NOT_FOUND');
    for (const who of [LEADER, RESIDENT, STRANGER]) refused(await inv('revoke', { invitationId: invitation.id }, who), 'FORBIDDEN');
    refused(await inv('revoke', { invitationId: 'no-such-invitation' }, ADMIN), 'NOT_FOUND');

    const revoked = expectOk(await inv('revoke', { invitationId: invitation.id }, STAFF_A));
    expect(revoked).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    expect(expectOk(await inv('revoke', { invitationId: invitation.id }, ADMIN)).revokedAt).toBe(revoked.revokedAt);
    expect(refused(await inv('accept', { inviteCode: code }, 'inv-late'), 'CLOSED')).toContain('撤销');
    expect(expectOk(await inv('preview', { inviteCode: code }, 'inv-late')).state).toBe('revoked');
    expect((await auditOf(invitation.id)).map((e) => e.action)).toEqual(['invitations.create', 'invitations.revoke']);

    // Staff cannot take back the admin's invitation to be staff of their own community.
    const staffInvite = expectOk(await inv('create', { grant: STAFF_OF_A }, ADMIN));
    refused(await inv('revoke', { invitationId: staffInvite.invitation.id }, STAFF_A), 'FORBIDDEN');
  });

  test('an invitation made by staff who have since left the community no longer works', async () => {
    await profile('inv-staff-c', '郑社工', '13900000031', 'c-a');
    await grant('inv-staff-c', STAFF_OF_A);
    const { code } = expectOk(await inv('create', { grant: LEAD_A }, 'inv-staff-c'));
    expectOk(await call('account', 'revokeRole', { openid: 'inv-staff-c', grant: STAFF_OF_A }, ADMIN));
    await profile('inv-after', '冯二', '13900000032', 'c-a');
    expect(refused(await inv('accept', { inviteCode: code }, 'inv-after'), 'CLOSED')).toContain('失效');
  });
});

describe('people search', () => {
  const search = (keyword: string, openid?: string, extra: object = {}) => call('account', 'searchPeople', { keyword, ...extra }, openid);

  test('admins find anyone by the beginning of a name, the whole number or its last four digits, numbers whole', async () => {
    const byName = expectOk(await search('王', ADMIN)).items;
    expect(byName.map((u: any) => u.openid)).toEqual([RESIDENT]);
    expect(byName[0]).toMatchObject({ name: '王秀兰', phone: '13812345678', held: [{ label: '服务队队长 · 福老汇理发队' }] });
    expect(expectOk(await search('13812345678', ADMIN)).items.map((u: any) => u.openid)).toEqual([RESIDENT]);
    expect(expectOk(await search('5678', ADMIN)).items.map((u: any) => u.openid)).toEqual([RESIDENT]);
    expect(expectOk(await search('张队', ADMIN)).items.map((u: any) => u.name)).toEqual(['张队长']);
    expect(expectOk(await search('不存在的人', ADMIN)).items).toEqual([]);
  });

  test('staff find the people of their communities only, numbers masked', async () => {
    expect(expectOk(await search('王秀', STAFF_A)).items).toEqual([expect.objectContaining({ openid: RESIDENT, phone: '138****5678' })]);
    expect(expectOk(await search('5678', STAFF_A)).items.map((u: any) => u.phone)).toEqual(['138****5678']);
    expect(expectOk(await search('王秀', STAFF_B)).items).toEqual([]);
    expect(expectOk(await search('13812345678', STAFF_B)).items).toEqual([]);
    // 队员0–9 registered in c-b: a page at a time, in name order.
    const first = expectOk(await search('队员', STAFF_B, { pageSize: 4 }));
    const second = expectOk(await search('队员', STAFF_B, { pageSize: 4, cursor: first.nextCursor }));
    expect([...first.items, ...second.items].map((u: any) => u.name)).toEqual(['队员0', '队员1', '队员2', '队员3', '队员4', '队员5', '队员6', '队员7']);
  });

  test('nobody else searches; half a number is refused in words', async () => {
    for (const who of [LEADER, RESIDENT, STRANGER]) refused(await search('王', who), 'FORBIDDEN');
    refused(await search('王'), 'UNAUTHENTICATED');
    expect(refused(await search('138123', ADMIN), 'BAD_INPUT')).toContain('后 4 位');
    refused(await search('   ', ADMIN), 'BAD_INPUT');
  });
});

describe('expiry', () => {
  test('two days later a one-day invitation is expired, a seven-day one still valid', async () => {
    const short = expectOk(await inv('create', { grant: LEAD_A, validDays: 1 }, ADMIN));
    const long = expectOk(await inv('create', { grant: LEAD_A, validDays: 7 }, ADMIN));
    await profile('inv-later', '陈晨', '13900000041', 'c-a');
    // The same store, its functions and database two days on.
    await cloud.stop();
    cloud = await startCloud({ dataDir: cloud.dataDir, env: { LOCALCLOUD_CLOCK_OFFSET_MS: String(clockOffsetMs() + 2 * 24 * 3600 * 1000) } });
    useCloudFromThisProcess(cloud);
    expect(expectOk(await inv('preview', { inviteCode: short.code }, 'inv-later')).state).toBe('expired');
    expect(refused(await inv('accept', { inviteCode: short.code }, 'inv-later'), 'CLOSED')).toContain('过期');
    expect(expectOk(await inv('list', { pageSize: 50 }, ADMIN)).items.find((i: any) => i.id === short.invitation.id).state).toBe('expired');
    expect(expectOk(await inv('accept', { inviteCode: long.code }, 'inv-later')).roles.leaderOf).toEqual(['t-a']);
  }, 60_000);
});
