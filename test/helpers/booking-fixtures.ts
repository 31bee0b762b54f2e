import type { Schedule } from '../../contract';

/** Teams with an open fixed service day and residents with profiles, written through the SDK: for booking tests and benchmarks. */
type Db = ReturnType<(typeof import('wx-server-sdk'))['database']>;

/** A team serving every day 09:00–12:00 in 30-minute slots with 10 places, bookable from a week before; rules overridable. */
export async function createOpenTeam(db: Db, id: string, communityId: string, rules: Partial<Schedule> = {}): Promise<void> {
  const now = new Date();
  await db.collection('teams').doc(id).set({
    data: {
      name: `测试服务队${id}`,
      serviceClass: 'haircut',
      communityId,
      description: '测试',
      services: ['理发'],
      leaderName: '张队长',
      leaderOpenid: null,
      schedule: {
        recurrence: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7] },
        startTime: '09:00',
        endTime: '12:00',
        slotMinutes: 30,
        placesPerSlot: 10,
        place: { address: '测试社区服务站', location: null, stationId: null },
        needsApproval: false,
        opensDaysBefore: 7,
        closesHoursBefore: 0,
        cancelHoursBefore: 0,
        weeklyLimit: 5,
        validFrom: '2026-01-01',
        validUntil: null,
        ...rules,
      },
      createdAt: now,
      updatedAt: now,
    },
  });
}

/** `n` residents of a community with names and phones, OPENIDs `${prefix}-0…`. */
export async function createResidents(db: Db, prefix: string, n: number, communityId: string): Promise<string[]> {
  const now = new Date();
  const ids = Array.from({ length: n }, (_x, i) => `${prefix}-${i}`);
  for (let i = 0; i < n; i += 100) {
    await db.collection('users').add({
      data: ids.slice(i, i + 100).map((openid, j) => ({
        _id: openid,
        name: `居民${i + j}`,
        phone: `139${String(i + j).padStart(8, '0')}`,
        communityId,
        role: 'resident',
        staffCommunityId: null,
        leaderTeamId: null,
        createdAt: now,
        updatedAt: now,
      })),
    } as never);
  }
  return ids;
}
