import type { Recurrence } from '../../contract/service';
import { addDays, chinaInstant } from '../../rules/china-time';
import { MAX_SPAN_DAYS, nextOccurrences, nthWeekday, occurrences, ScheduleTiming } from '../../rules/recurrence';
import { HOST_ZONES, resultsInHostZones } from '../helpers/time-zones';

function schedule(recurrence: Recurrence, validity: Partial<Pick<ScheduleTiming, 'validFrom' | 'validUntil'>> = {}): ScheduleTiming {
  return { recurrence, startTime: '09:00', endTime: '11:30', validFrom: '2000-01-01', validUntil: null, ...validity };
}
const dates = (s: ScheduleTiming, from: string, to: string, limit?: number) => occurrences(s, from, to, limit).map((o) => o.date);

describe('weekly', () => {
  test('every Tuesday and Friday, with the schedule times', () => {
    const s = schedule({ kind: 'weekly', weekdays: [5, 2] });
    expect(occurrences(s, '2026-03-01', '2026-03-14')).toEqual([
      { date: '2026-03-03', startTime: '09:00', endTime: '11:30' },
      { date: '2026-03-06', startTime: '09:00', endTime: '11:30' },
      { date: '2026-03-10', startTime: '09:00', endTime: '11:30' },
      { date: '2026-03-13', startTime: '09:00', endTime: '11:30' },
    ]);
  });

  test('across a year end, and both ends of the range included', () => {
    const s = schedule({ kind: 'weekly', weekdays: [4] });
    expect(dates(s, '2026-12-24', '2027-01-14')).toEqual(['2026-12-24', '2026-12-31', '2027-01-07', '2027-01-14']);
  });

  test('every day of the week; a limit stops early', () => {
    const s = schedule({ kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(dates(s, '2028-02-27', '2028-03-02')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02']);
    expect(dates(s, '2026-01-01', '2026-12-31', 3)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(dates(s, '2026-01-01', '2026-12-31', 0)).toEqual([]);
  });

  test('an empty or reversed range has none', () => {
    const s = schedule({ kind: 'weekly', weekdays: [1] });
    expect(dates(s, '2026-03-10', '2026-03-10')).toEqual([]);
    expect(dates(s, '2026-03-09', '2026-03-09')).toEqual(['2026-03-09']);
    expect(dates(s, '2026-03-20', '2026-03-01')).toEqual([]);
  });
});

describe('monthly on a date', () => {
  test('the 31st skips the months without one', () => {
    const s = schedule({ kind: 'monthlyDate', day: 31 });
    expect(dates(s, '2026-01-01', '2026-12-31')).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31', '2026-10-31', '2026-12-31']);
  });

  test('the 29th is in February only in leap years (2100 is not one, 2000 was)', () => {
    const s = schedule({ kind: 'monthlyDate', day: 29 });
    expect(dates(s, '2027-02-01', '2027-03-31')).toEqual(['2027-03-29']);
    expect(dates(s, '2028-02-01', '2028-03-31')).toEqual(['2028-02-29', '2028-03-29']);
    expect(dates(s, '2100-02-01', '2100-02-28')).toEqual([]);
    expect(dates(s, '2000-02-01', '2000-02-29')).toEqual(['2000-02-29']);
  });

  test('the 30th: not in February', () => {
    expect(dates(schedule({ kind: 'monthlyDate', day: 30 }), '2028-01-15', '2028-04-15')).toEqual(['2028-01-30', '2028-03-30']);
  });

  test('a range starting after the month’s date starts next month; one ending before it stops', () => {
    const s = schedule({ kind: 'monthlyDate', day: 15 });
    expect(dates(s, '2026-03-16', '2026-05-14')).toEqual(['2026-04-15']);
    expect(dates(s, '2026-03-15', '2026-03-15')).toEqual(['2026-03-15']);
    expect(dates(s, '2026-12-01', '2027-02-28')).toEqual(['2026-12-15', '2027-01-15', '2027-02-15']);
  });
});

describe('monthly on the n-th weekday', () => {
  test('the second Saturday', () => {
    const s = schedule({ kind: 'monthlyNth', nth: 2, weekday: 6 });
    expect(dates(s, '2026-01-01', '2026-04-30')).toEqual(['2026-01-10', '2026-02-14', '2026-03-14', '2026-04-11']);
  });

  test('the 5th Saturday only in months that have one', () => {
    const s = schedule({ kind: 'monthlyNth', nth: 5, weekday: 6 });
    // 2026: Saturdays fall five times in January, May, August and October.
    expect(dates(s, '2026-01-01', '2026-12-31')).toEqual(['2026-01-31', '2026-05-30', '2026-08-29', '2026-10-31']);
  });

  test('the last Friday (-1), including in a leap February', () => {
    const s = schedule({ kind: 'monthlyNth', nth: -1, weekday: 5 });
    expect(dates(s, '2026-01-01', '2026-04-30')).toEqual(['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24']);
    // 29 February 2036 is a Friday.
    expect(dates(s, '2036-02-01', '2036-02-29')).toEqual(['2036-02-29']);
  });

  test('the last Sunday is the 5th when there are five, the 4th otherwise', () => {
    const s = schedule({ kind: 'monthlyNth', nth: -1, weekday: 7 });
    expect(dates(s, '2026-03-01', '2026-04-30')).toEqual(['2026-03-29', '2026-04-26']);
  });

  test('nthWeekday directly: first Monday, a 5th that does not exist, last weekday on the 31st', () => {
    expect(nthWeekday(2026, 6, 1, 1)).toBe(1); // 1 June 2026 is a Monday
    expect(nthWeekday(2026, 6, 5, 1)).toBe(29);
    expect(nthWeekday(2026, 6, 5, 3)).toBeNull();
    expect(nthWeekday(2026, 12, -1, 4)).toBe(31);
    expect(nthWeekday(2027, 2, 4, 7)).toBe(28);
    expect(nthWeekday(2027, 2, 5, 7)).toBeNull();
  });
});

describe('validity', () => {
  test('nothing before validFrom or after validUntil (both included)', () => {
    const s = schedule({ kind: 'weekly', weekdays: [3] }, { validFrom: '2026-07-08', validUntil: '2026-07-29' });
    expect(dates(s, '2026-06-01', '2026-09-30')).toEqual(['2026-07-08', '2026-07-15', '2026-07-22', '2026-07-29']);
    expect(dates(s, '2026-07-16', '2026-07-20')).toEqual([]);
  });

  test('a schedule that ended, or has not begun, within the range has none', () => {
    const ended = schedule({ kind: 'monthlyDate', day: 1 }, { validFrom: '2025-01-01', validUntil: '2025-12-31' });
    expect(dates(ended, '2026-01-01', '2026-12-31')).toEqual([]);
    const later = schedule({ kind: 'monthlyNth', nth: 1, weekday: 1 }, { validFrom: '2027-01-01' });
    expect(dates(later, '2026-01-01', '2026-12-31')).toEqual([]);
  });

  test('monthly validity bounds cut inside a month', () => {
    const s = schedule({ kind: 'monthlyDate', day: 10 }, { validFrom: '2026-03-11', validUntil: '2026-06-09' });
    expect(dates(s, '2026-01-01', '2026-12-31')).toEqual(['2026-04-10', '2026-05-10']);
  });
});

describe('the next service days', () => {
  const saturdays = schedule({ kind: 'weekly', weekdays: [6] });

  test('today counts until its end time has passed in China time', () => {
    // Saturday 14 March 2026: the service is 09:00–11:30 China time (01:00–03:30 UTC).
    expect(nextOccurrences(saturdays, chinaInstant('2026-03-14', '08:00'), 2).map((o) => o.date)).toEqual(['2026-03-14', '2026-03-21']);
    expect(nextOccurrences(saturdays, chinaInstant('2026-03-14', '11:29'), 1)[0].date).toBe('2026-03-14');
    expect(nextOccurrences(saturdays, chinaInstant('2026-03-14', '11:30'), 1)[0].date).toBe('2026-03-21');
  });

  test('"today" is China’s: late Friday evening UTC is already Saturday in Fushan', () => {
    const fridayEveningUtc = new Date('2026-03-13T17:00:00Z'); // Saturday 01:00 in China
    expect(nextOccurrences(saturdays, fridayEveningUtc, 1)[0].date).toBe('2026-03-14');
  });

  test('rare recurrences are still found months ahead; a finished schedule has none', () => {
    const fifthSunday = schedule({ kind: 'monthlyNth', nth: 5, weekday: 7 });
    expect(nextOccurrences(fifthSunday, new Date('2026-03-30T00:00:00Z'), 6).map((o) => o.date)).toEqual([
      '2026-05-31',
      '2026-08-30',
      '2026-11-29',
      '2027-01-31',
      '2027-05-30',
      '2027-08-29',
    ]);
    const finished = schedule({ kind: 'weekly', weekdays: [1] }, { validUntil: '2026-03-01' });
    expect(nextOccurrences(finished, new Date('2026-03-10T00:00:00Z'), 3)).toEqual([]);
    expect(nextOccurrences(saturdays, new Date('2026-03-10T00:00:00Z'), 0)).toEqual([]);
  });

  test('a schedule that begins later starts on its first valid day', () => {
    const s = schedule({ kind: 'weekly', weekdays: [1, 3] }, { validFrom: '2026-07-01' });
    expect(nextOccurrences(s, new Date('2026-03-10T00:00:00Z'), 2).map((o) => o.date)).toEqual(['2026-07-01', '2026-07-06']);
  });
});

test('the same service days whatever the host’s time zone', () => {
  // Around Los Angeles's DST change, across a year end, and on a leap day: each host runs the same rules.
  const probe = `
    import { nextOccurrences, occurrences } from './rules/recurrence';
    const base = { startTime: '09:00', endTime: '11:30', validFrom: '2000-01-01', validUntil: null };
    const saturdays = { ...base, recurrence: { kind: 'weekly', weekdays: [6] } };
    const lastFriday = { ...base, recurrence: { kind: 'monthlyNth', nth: -1, weekday: 5 } };
    const the29th = { ...base, recurrence: { kind: 'monthlyDate', day: 29 } };
    console.log(JSON.stringify([
      nextOccurrences(saturdays, new Date('2026-03-08T10:30:00Z'), 6),
      nextOccurrences(saturdays, new Date('2026-03-14T03:29:00Z'), 1),
      occurrences(lastFriday, '2026-10-01', '2027-03-31'),
      occurrences(the29th, '2027-12-01', '2028-03-31'),
      occurrences(saturdays, '2026-12-25', '2027-01-10'),
    ]));`;
  const expected = JSON.parse(
    JSON.stringify([
      nextOccurrences(schedule({ kind: 'weekly', weekdays: [6] }), new Date('2026-03-08T10:30:00Z'), 6),
      nextOccurrences(schedule({ kind: 'weekly', weekdays: [6] }), new Date('2026-03-14T03:29:00Z'), 1),
      occurrences(schedule({ kind: 'monthlyNth', nth: -1, weekday: 5 }), '2026-10-01', '2027-03-31'),
      occurrences(schedule({ kind: 'monthlyDate', day: 29 }), '2027-12-01', '2028-03-31'),
      occurrences(schedule({ kind: 'weekly', weekdays: [6] }), '2026-12-25', '2027-01-10'),
    ]),
  );
  expect(expected[0].map((o: { date: string }) => o.date)).toEqual(['2026-03-14', '2026-03-21', '2026-03-28', '2026-04-04', '2026-04-11', '2026-04-18']);
  expect(expected[1][0].date).toBe('2026-03-14');
  expect(expected[3].map((o: { date: string }) => o.date)).toEqual(['2027-12-29', '2028-01-29', '2028-02-29', '2028-03-29']);
  const results = resultsInHostZones(probe);
  for (const zone of HOST_ZONES) expect({ zone, result: results.get(zone) }).toEqual({ zone, result: expected });
});

describe('bounded by construction', () => {
  // Before the bound, a span running past year 9999 never ended: '+010000-01-01' sorts before '9999-12-31'.
  test.each<Recurrence>([
    { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7] },
    { kind: 'monthlyDate', day: 31 },
    { kind: 'monthlyNth', nth: 5, weekday: 1 },
  ])('a span to year 9999 (%o) ends, walking at most ten years', (recurrence) => {
    const found = dates(schedule(recurrence), '2026-01-01', '9999-12-31');
    expect(found.length).toBeGreaterThan(0);
    expect(found.at(-1)! <= addDays('2026-01-01', MAX_SPAN_DAYS)).toBe(true);
  });

  test('a day of 9999-12-31 asked on its own is answered, at once', () => {
    expect(dates(schedule({ kind: 'weekly', weekdays: [5] }), '9999-12-31', '9999-12-31')).toEqual(['9999-12-31']);
    expect(dates(schedule({ kind: 'monthlyDate', day: 31 }, { validFrom: '9999-12-31' }), '9999-12-31', '9999-12-31')).toEqual(['9999-12-31']);
  });
});
