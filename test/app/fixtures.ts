import type { Community, TeamSummary, User } from '../../contract';

/** Function answers as the cloud gives them, for component tests (the client validates them). */
export const community: Community = { id: 'c-qy', code: 'QY01', name: '清洋社区', streetId: 's-qy', location: { lng: 121.26, lat: 37.5 }, households: 1200 };

export const teams: TeamSummary[] = [
  {
    id: 't1',
    name: '福老汇理发队',
    serviceClass: 'haircut',
    communityId: 'c-qy',
    communityName: '清洋社区',
    description: '为老人免费理发',
    nextOccurrence: { date: '2026-11-28', startTime: '09:00', endTime: '11:30' },
  },
  {
    id: 't2',
    name: '泉心为民维修队',
    serviceClass: 'repair',
    communityId: 'c-qy',
    communityName: '清洋社区',
    description: '小家电维修',
    nextOccurrence: null,
  },
];

export function user(overrides: Partial<User> = {}): User {
  return {
    openid: 'demo-resident',
    name: '王秀兰',
    phone: '13812345678',
    communityId: 'c-qy',
    role: 'resident',
    staffCommunityId: null,
    leaderTeamId: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export const ok = (data: unknown) => ({ ok: true, data });
