import { addDays, calendarDate, chinaClock, chinaDate, chinaInstant, daysInMonth, formatInChina, isoWeekday } from '../../rules/china-time';
import { HOST_ZONES, resultsInHostZones } from '../helpers/time-zones';

/** npm test runs with TZ=UTC, as cloud functions do; the last test runs the same rules on other hosts. */

describe('reading an instant in China time', () => {
  test('16:00 UTC is already tomorrow in China', () => {
    const instant = new Date('2026-03-14T16:30:00Z');
    expect(chinaDate(instant)).toBe('2026-03-15');
    expect(chinaClock(instant)).toBe('00:30');
    expect(formatInChina(instant, 'M月D日 HH:mm')).toBe('3月15日 00:30');
  });

  test('a year ends eight hours earlier than in UTC', () => {
    expect(chinaDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(chinaDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('an hour on a China date', () => {
  test('is eight hours earlier in UTC', () => {
    expect(chinaInstant('2026-03-14', '08:30').toISOString()).toBe('2026-03-14T00:30:00.000Z');
    expect(chinaInstant('2026-01-01', '07:00').toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  test('round-trips through chinaDate and chinaClock', () => {
    const instant = chinaInstant('2028-02-29', '23:59');
    expect([chinaDate(instant), chinaClock(instant)]).toEqual(['2028-02-29', '23:59']);
  });
});

describe('calendar dates', () => {
  test('ISO weekdays run Monday 1 … Sunday 7', () => {
    expect(['2026-03-09', '2026-03-14', '2026-03-15', '2026-03-08'].map(isoWeekday)).toEqual([1, 6, 7, 7]);
  });

  test('adding days crosses months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  test('month lengths', () => {
    expect([1, 2, 4, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 30, 31]);
    expect([2028, 2100, 2000].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 29]);
    expect(calendarDate(2026, 3, 7)).toBe('2026-03-07');
  });
});

test('the same answers on a host in any time zone, minute by minute across a host DST change', () => {
  // 8 March 2026 is when Los Angeles springs forward: dayjs's utcOffset() is an hour off there.
  const probe = `
    import { addDays, chinaClock, chinaDate, chinaInstant, isoWeekday } from './rules/china-time';
    const start = Date.parse('2026-03-08T06:00:00Z');
    const readings = [];
    for (let minute = 0; minute < 6 * 60; minute += 5) {
      const instant = new Date(start + minute * 60000);
      readings.push(chinaDate(instant) + 'T' + chinaClock(instant));
    }
    console.log(JSON.stringify({
      readings,
      instants: [chinaInstant('2026-03-08', '18:30').toISOString(), chinaInstant('2026-10-25', '09:00').toISOString()],
      calendar: [isoWeekday('2026-03-08'), isoWeekday('2026-03-09'), addDays('2026-03-07', 2), addDays('2026-10-24', 2)],
    }));`;
  const expected = {
    readings: Array.from({ length: 72 }, (_x, i) => new Date(Date.parse('2026-03-08T14:00:00Z') + i * 5 * 60000).toISOString().slice(0, 16)),
    instants: ['2026-03-08T10:30:00.000Z', '2026-10-25T01:00:00.000Z'],
    calendar: [7, 1, '2026-03-09', '2026-10-26'],
  };
  const results = resultsInHostZones(probe);
  for (const zone of HOST_ZONES) expect({ zone, result: results.get(zone) }).toEqual({ zone, result: expected });
});
