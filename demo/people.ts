import { NO_ROLES, Roles } from '../contract';
import { CommunityDoc, TeamDoc, UserDoc } from '../cloudfunctions/_shared/docs';
import { roleKindsOf } from '../rules/permissions';
import { Rng } from './random';

/** The demo's people: names drawn for team leaders and neighbours, and the demo accounts. */

/** The demo identities (OPENIDs). demo-admin is also the local cloud's bootstrap admin; demo-stranger has no profile. */
export const DEMO_OPENIDS = {
  resident: 'demo-resident',
  leader: 'demo-leader',
  staff: 'demo-staff',
  admin: 'demo-admin',
  stranger: 'demo-stranger',
} as const;

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '胡',
  '朱',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
];
const GIVEN_NAMES = [
  '秀兰',
  '桂英',
  '建国',
  '国强',
  '海燕',
  '志刚',
  '玉梅',
  '红梅',
  '春生',
  '德明',
  '丽娟',
  '淑珍',
  '立新',
  '永胜',
  '卫东',
  '金凤',
  '文华',
  '晓东',
  '明亮',
  '慧敏',
];

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

/**
 * The demo accounts, all in `home` so they meet each other's data; the leader account takes over the
 * first of home's teams with service days (`teams` is changed in place).
 */
export function demoUsers(home: CommunityDoc, teams: TeamDoc[], daysAgo: (days: number) => Date): UserDoc[] {
  const ledTeam = teams.find((t) => t.communityId === home._id && t.schedule !== null)!;
  const leaderName = ledTeam.leaders[0].name;
  ledTeam.leaders = [{ name: leaderName, openid: DEMO_OPENIDS.leader, phone: '13805351002' }];
  const user = (openid: string, name: string, phoneNumber: string, roles: Roles, communityId: string | null): UserDoc => ({
    _id: openid,
    name,
    phone: phoneNumber,
    phoneLast4: phoneNumber.slice(-4),
    communityId,
    roles,
    roleKinds: roleKindsOf(roles),
    createdAt: daysAgo(30),
    updatedAt: daysAgo(3),
  });
  const users: UserDoc[] = [
    user(DEMO_OPENIDS.resident, '王秀兰', '13805351001', NO_ROLES, home._id),
    user(DEMO_OPENIDS.leader, leaderName, '13805351002', { ...NO_ROLES, leaderOf: [ledTeam._id] }, home._id),
    user(DEMO_OPENIDS.staff, '李娜', '13805351003', { ...NO_ROLES, staffOf: [home._id] }, home._id),
    user(DEMO_OPENIDS.admin, '赵建国', '13805351004', { ...NO_ROLES, admin: true }, null),
  ];
  return users;
}

/** Who answers for each community's events: the demo staff account at home, a placeholder elsewhere. */
export function eventStaff(home: CommunityDoc): (community: CommunityDoc) => { openid: string; name: string } {
  return (community) => (community._id === home._id ? { openid: DEMO_OPENIDS.staff, name: '李娜' } : { openid: `staff-${community.code}`, name: '社区工作者' });
}
