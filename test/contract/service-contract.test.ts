import { scheduleSchema } from '../../contract';

const valid = {
  recurrence: { kind: 'weekly', weekdays: [6] },
  startTime: '09:00',
  endTime: '11:00',
  slotMinutes: 30,
  placesPerSlot: 8,
  place: { address: '清洋社区党群服务站一楼', location: { lng: 121.26, lat: 37.5 }, stationId: null },
  needsApproval: false,
  opensDaysBefore: 7,
  closesHoursBefore: 2,
  cancelHoursBefore: 4,
  weeklyLimit: 1,
  validFrom: '2026-11-01',
  validUntil: null,
};

describe('a fixed service day (schedule)', () => {
  test('a consistent schedule passes', () => {
    expect(scheduleSchema.safeParse(valid).success).toBe(true);
  });

  test('its hours must hold at least one slot', () => {
    const r = scheduleSchema.safeParse({ ...valid, endTime: '09:20' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['endTime'], message: '服务时间至少要容纳一个时段' });
  });

  test('it cannot end before it starts being valid', () => {
    const r = scheduleSchema.safeParse({ ...valid, validUntil: '2026-10-31' });
    expect(r.error?.issues[0]).toMatchObject({ path: ['validUntil'] });
  });

  test('out-of-range numbers are refused in plain Chinese', () => {
    expect(scheduleSchema.safeParse({ ...valid, placesPerSlot: 0 }).error?.issues[0].message).toBe('每个时段的名额最少 1 个');
    expect(scheduleSchema.safeParse({ ...valid, weeklyLimit: 2.5 }).error?.issues[0].message).toBe('每人每周预约次数要填整数');
    expect(scheduleSchema.safeParse({ ...valid, place: { ...valid.place, address: ' ' } }).error?.issues[0].message).toBe('请填写地点');
  });

  test('a monthly n-th weekday is 1–5 or -1 (the last)', () => {
    expect(scheduleSchema.safeParse({ ...valid, recurrence: { kind: 'monthlyNth', nth: -1, weekday: 5 } }).success).toBe(true);
    expect(scheduleSchema.safeParse({ ...valid, recurrence: { kind: 'monthlyNth', nth: 0, weekday: 5 } }).success).toBe(false);
    expect(scheduleSchema.safeParse({ ...valid, recurrence: { kind: 'weekly', weekdays: [8] } }).success).toBe(false);
  });
});
