import { contactPhoneProblem } from '../../contract';
import type { Actor } from '../../rules/permissions';
import {
  checkCommunityFields,
  checkCompoundFields,
  checkDistrictFields,
  checkStreetFields,
  checkTeamFields,
  checkTeamProfile,
  compoundPositionProblem,
  firstProblem,
  mayEditTeamProfile,
  maySave,
  seesRegistryOf,
  tidy,
} from '../../rules/registry';
import type { TeamFields } from '../../contract';

/** The registry's rules: what each object may hold and who may change it (shared by the function, the forms and the import). */

const admin: Actor = { openid: 'a', admin: true, staffOf: [], leaderOf: [] };
const staff: Actor = { openid: 's', admin: false, staffOf: ['c-1'], leaderOf: [] };
const leader: Actor = { openid: 'l', admin: false, staffOf: [], leaderOf: ['t-1'] };
const resident: Actor = { openid: 'r', admin: false, staffOf: [], leaderOf: [] };

const problems = <T>(checked: { ok: true; value: T } | { ok: false; problems: Partial<Record<string, string>> }) => (checked.ok ? {} : checked.problems);

describe('fields', () => {
  test('names are tidied and 1–30 characters', () => {
    expect(tidy('  清洋\u3000 街道 ')).toBe('清洋 街道');
    expect(checkStreetFields({ code: ' 370611001 ', name: '  清洋街道 ', districtId: 'd' })).toEqual({
      ok: true,
      value: { code: '370611001', name: '清洋街道', districtId: 'd' },
    });
    expect(problems(checkStreetFields({ code: '370611001', name: '   ', districtId: 'd' })).name).toBe('请填写街道名称');
    expect(problems(checkCommunityFields({ code: 'A', name: '清'.repeat(31), streetId: 's', location: { lng: 121, lat: 37 }, households: 1 })).name).toBe(
      '社区名称最多 30 个字',
    );
    expect(checkCompoundFields({ name: '清'.repeat(30), communityId: 'c', location: { lng: 121, lat: 37 }, households: 0 }).ok).toBe(true);
    expect(problems(checkDistrictFields({ code: '370611', name: '福山\u0000区' })).name).toMatch(/无法识别/);
  });

  test('codes are 1–20 letters or digits', () => {
    expect(checkDistrictFields({ code: '370611', name: '福山区' }).ok).toBe(true);
    expect(problems(checkDistrictFields({ code: '', name: '福山区' })).code).toBe('请填写区代码');
    expect(problems(checkStreetFields({ code: '3706 11', name: '清洋街道', districtId: 'd' })).code).toMatch(/数字或字母/);
    expect(problems(checkStreetFields({ code: '1'.repeat(21), name: '清洋街道', districtId: 'd' })).code).toMatch(/1–20/);
  });

  test('households are whole numbers within bounds', () => {
    const community = (households: number) => checkCommunityFields({ code: 'A', name: '清洋社区', streetId: 's', location: { lng: 121, lat: 37 }, households });
    expect(community(0).ok).toBe(true);
    expect(problems(community(-1)).households).toBe('户数不能是负数');
    expect(problems(community(1.5)).households).toBe('户数要填整数');
    expect(problems(community(100_001)).households).toMatch(/最多/);
  });

  test('contact phones: none, a mobile, or a landline with its area code', () => {
    for (const ok of ['', '13805351001', '0535-6301234', '05356301234', '010-12345678', '0535-6301234-801']) expect(contactPhoneProblem(ok)).toBeNull();
    for (const bad of ['6301234', '1380535100', '12345678901', 'abc', '0535-63']) expect(contactPhoneProblem(bad)).toMatch(/联系电话格式不正确/);
  });

  const team = (overrides: Partial<TeamFields> = {}): TeamFields => ({
    name: ' 福老汇理发队 ',
    serviceClass: 'haircut',
    communityId: 'c-1',
    description: ' 每月为老人理发 ',
    services: ['理发', ' 理发 ', '', '修面'],
    contactPhone: ' 0535-6400001 ',
    leaders: [
      { name: ' 张建国 ', phone: '13905350001' },
      { name: '', phone: '' },
    ],
    ...overrides,
  });

  test('teams: tidied, services once each, listed leaders with mobiles, no phone twice', () => {
    expect(checkTeamFields(team())).toEqual({
      ok: true,
      value: {
        name: '福老汇理发队',
        serviceClass: 'haircut',
        communityId: 'c-1',
        description: '每月为老人理发',
        services: ['理发', '修面'],
        contactPhone: '0535-6400001',
        leaders: [{ name: '张建国', phone: '13905350001' }],
      },
    });
    expect(problems(checkTeamFields(team({ services: [' '] }))).services).toBe('请至少填写一项服务内容');
    expect(problems(checkTeamFields(team({ contactPhone: '123' }))).contactPhone).toMatch(/联系电话/);
    expect(problems(checkTeamFields(team({ leaders: [{ name: '张建国', phone: '0535-6400001' }] }))).leaders).toBe('队长的手机号应为 11 位手机号');
    expect(problems(checkTeamFields(team({ leaders: [{ name: '', phone: '13905350001' }] }))).leaders).toBe('请填写队长的姓名');
    expect(
      problems(
        checkTeamFields(
          team({
            leaders: [
              { name: '张建国', phone: '13905350001' },
              { name: '李明', phone: '13905350001' },
            ],
          }),
        ),
      ).leaders,
    ).toBe('同一个手机号填了两次');
    expect(problems(checkTeamFields(team({ description: '介'.repeat(501) }))).description).toBe('介绍最多 500 个字');
    expect(problems(checkTeamFields(team({ serviceClass: 'cooking' as never }))).serviceClass).toBe('请选择服务类别');
  });

  test('a team profile: description and contact phone', () => {
    expect(checkTeamProfile({ description: ' 新介绍 ', contactPhone: '138 0535 1001' })).toEqual({
      ok: true,
      value: { description: '新介绍', contactPhone: '13805351001' },
    });
    expect(checkTeamProfile({ description: '', contactPhone: '' }).ok).toBe(true);
    expect(problems(checkTeamProfile({ description: '', contactPhone: '110' })).contactPhone).toMatch(/联系电话/);
  });

  test('a compound lies within 5 km of its community', () => {
    const centre = { lng: 121.26, lat: 37.5 };
    expect(compoundPositionProblem({ lng: 121.26, lat: 37.54 }, centre)).toBeNull(); // about 4.4 km
    expect(compoundPositionProblem({ lng: 121.26, lat: 37.55 }, centre)).toMatch(/超过 5 公里/);
    expect(compoundPositionProblem({ lng: 121.5, lat: 37.5 }, centre)).toMatch(/超过 5 公里/); // a mistyped longitude
  });

  test('the first problem for one-line refusals', () => {
    expect(firstProblem({ name: '请填写街道名称', code: '代码' })).toBe('请填写街道名称');
    expect(firstProblem({})).toBe('填写的信息有误，请检查后再试');
  });
});

describe('who may change what', () => {
  test('districts, streets and communities: admins only', () => {
    for (const kind of ['districts', 'streets', 'communities'] as const) {
      expect(maySave(admin, kind)).toBe(true);
      for (const someone of [staff, leader, resident]) expect(maySave(someone, kind, ['c-1'])).toBe(false);
    }
  });

  test('compounds and teams: admins, and staff of the community as it is and as it would be', () => {
    for (const kind of ['compounds', 'teams'] as const) {
      expect(maySave(admin, kind, ['c-9'])).toBe(true);
      expect(maySave(staff, kind, ['c-1'])).toBe(true);
      expect(maySave(staff, kind, ['c-1', 'c-1'])).toBe(true);
      expect(maySave(staff, kind, ['c-1', 'c-2'])).toBe(false);
      expect(maySave(staff, kind, ['c-2', 'c-1'])).toBe(false);
      expect(maySave(staff, kind, [])).toBe(false);
      expect(maySave(leader, kind, ['c-1'])).toBe(false);
      expect(maySave(resident, kind, ['c-1'])).toBe(false);
    }
  });

  test('a team profile: its leaders, its community’s staff, admins', () => {
    const t1 = { _id: 't-1', communityId: 'c-1' };
    const t2 = { _id: 't-2', communityId: 'c-2' };
    expect(mayEditTeamProfile(leader, t1)).toBe(true);
    expect(mayEditTeamProfile(leader, t2)).toBe(false);
    expect(mayEditTeamProfile(staff, t1)).toBe(true);
    expect(mayEditTeamProfile(staff, t2)).toBe(false);
    expect(mayEditTeamProfile(admin, t2)).toBe(true);
    expect(mayEditTeamProfile(resident, t1)).toBe(false);
  });

  test('the registry lists of a community: its staff and admins', () => {
    expect(seesRegistryOf(staff, 'c-1')).toBe(true);
    expect(seesRegistryOf(staff, 'c-2')).toBe(false);
    expect(seesRegistryOf(admin, 'c-2')).toBe(true);
    expect(seesRegistryOf(leader, 'c-1')).toBe(false);
  });
});
