import { addDays, calendarDate, chinaClock, chinaDate, chinaInstant, daysInMonth, formatInChina, isoWeekday } from '../../rules/china-time';

/** China time must not depend on the host's zone: functions run in UTC, developers anywhere. */
const HOST_ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Pacific/Kiritimati', 'Australia/Lord_Howe'];

function inEachHostZone(check: () => void): void {
  const saved = process.env.TZ;
  try {
    for (const zone of HOST_ZONES) {
      process.env.TZ = zone; // Node applies a changed TZ at once
      check();
    }
  } finally {
    process.env.TZ = saved;
  }
}

describe('reading an instant in China time', () => {
  test('16:00 UTC is already tomorrow in China', () => {
    inEachHostZone(() => {
      const instant = new Date('2026-03-14T16:30:00Z');
      expect(chinaDate(instant)).toBe('2026-03-15');
      expect(chinaClock(instant)).toBe('00:30');
      expect(formatInChina(instant, 'M月D日 HH:mm')).toBe('3月15日 00:30');
    });
  });

  test('a year ends eight hours early in UTC', () => {
    inEachHostZone(() => {
      expect(chinaDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
      expect(chinaDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    });
  });

  test('every minute across a host DST change reads the same as a fixed +8 h shift', () => {
    // 8 March 2026 is when Los Angeles springs forward; dayjs's utcOffset() is an hour off there.
    inEachHostZone(() => {
      const start = Date.parse('2026-03-08T06:00:00Z');
      for (let minute = 0; minute < 6 * 60; minute += 5) {
        const instant = new Date(start + minute * 60_000);
        const expected = new Date(instant.getTime() + 8 * 3600_000).toISOString();
        expect(`${chinaDate(instant)}T${chinaClock(instant)}`).toBe(expected.slice(0, 16));
      }
    });
  });
});

describe('an hour on a China date', () => {
  test('is eight hours earlier in UTC, on any host', () => {
    inEachHostZone(() => {
      expect(chinaInstant('2026-03-14', '08:30').toISOString()).toBe('2026-03-14T00:30:00.000Z');
      expect(chinaInstant('2026-01-01', '07:00').toISOString()).toBe('2025-12-31T23:00:00.000Z');
    });
  });

  test('round-trips through chinaDate and chinaClock', () => {
    const instant = chinaInstant('2028-02-29', '23:59');
    expect([chinaDate(instant), chinaClock(instant)]).toEqual(['2028-02-29', '23:59']);
  });
});

describe('calendar dates', () => {
  test('ISO weekdays run Monday 1 … Sunday 7, whatever the host zone', () => {
    inEachHostZone(() => {
      expect(isoWeekday('2026-03-09')).toBe(1);
      expect(isoWeekday('2026-03-14')).toBe(6);
      expect(isoWeekday('2026-03-15')).toBe(7);
      expect(isoWeekday('2026-03-08')).toBe(7);
    });
  });

  test('adding days crosses months, years and leap days', () => {
    inEachHostZone(() => {
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
      expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    });
  });

  test('month lengths', () => {
    expect([1, 2, 4, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 30, 31]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(calendarDate(2026, 3, 7)).toBe('2026-03-07');
  });
});
