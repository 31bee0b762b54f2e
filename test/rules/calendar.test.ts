import { addMonths, chinaMonth, monthBounds, monthGrid, monthLabel } from '../../rules/calendar';
import { resultsInHostZones } from '../helpers/time-zones';

/** The 活动 tab's month calendar: months on China's clock, weeks Monday first. */

describe('a month grid', () => {
  test('March 2026 starts on a Sunday: its first week begins Monday 23 February', () => {
    const weeks = monthGrid('2026-03');
    expect(weeks).toHaveLength(6);
    expect(weeks[0].map((d) => d.date)).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
    expect(weeks[0].map((d) => d.inMonth)).toEqual([false, false, false, false, false, false, true]);
    expect(weeks[5].map((d) => d.date)).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05']);
    expect(
      weeks
        .flat()
        .filter((d) => d.inMonth)
        .map((d) => d.day),
    ).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  });

  test('a February that begins on a Monday and has 28 days is exactly four weeks', () => {
    const weeks = monthGrid('2027-02');
    expect(weeks).toHaveLength(4);
    expect(weeks[0][0]).toEqual({ date: '2027-02-01', day: 1, inMonth: true });
    expect(weeks[3][6]).toEqual({ date: '2027-02-28', day: 28, inMonth: true });
  });

  test('every week is Monday to Sunday and every day of the month appears once', () => {
    for (let month = '2024-01'; month <= '2028-12'; month = addMonths(month, 1)) {
      const days = monthGrid(month).flat();
      expect(days.length % 7).toBe(0);
      const inMonth = days.filter((d) => d.inMonth);
      expect(new Set(inMonth.map((d) => d.date)).size).toBe(inMonth.length);
      expect(inMonth[0].date).toBe(`${month}-01`);
      // Monday: 2024-01-01 was one, and weeks are whole.
      expect(((Date.parse(days[0].date) - Date.parse('2024-01-01')) / 86_400_000) % 7).toBe(0);
    }
    expect(
      monthGrid('2028-02')
        .flat()
        .filter((d) => d.inMonth),
    ).toHaveLength(29);
  });

  test('refuses what is not a month', () => {
    expect(() => monthGrid('2026-13')).toThrow(/not a month/);
    expect(() => monthGrid('2026-3')).toThrow(/not a month/);
  });
});

describe('months on China time', () => {
  test('stepping months crosses years both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });

  test('a month begins at 00:00 China time, 16:00 UTC the day before', () => {
    expect(monthBounds('2026-03')).toEqual({ start: new Date('2026-02-28T16:00:00Z'), end: new Date('2026-03-31T16:00:00Z') });
    expect(monthBounds('2026-12').end).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  test('the month of an instant is China’s: the last evening of March in UTC is already April', () => {
    expect(chinaMonth(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03');
    expect(chinaMonth(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04');
    expect(monthLabel('2026-04')).toBe('2026年4月');
  });

  test('the same grid and bounds whatever the host’s time zone', () => {
    const results = resultsInHostZones(`
      import { monthGrid, monthBounds } from './rules/calendar';
      console.log(JSON.stringify({ grid: monthGrid('2026-03').map((w) => w[0].date), bounds: monthBounds('2026-03') }));
    `);
    const expected = {
      grid: ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'],
      bounds: { start: '2026-02-28T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z' },
    };
    for (const [zone, result] of results) expect({ zone, result }).toEqual({ zone, result: expected });
  });
});

test('a month grid has at most six weeks, even for the last month strings can sort', () => {
  expect(monthGrid('9999-12').length).toBeLessThanOrEqual(6);
});
