import type { OpeningException, OpeningHours } from '../../contract';
import { chinaInstant } from '../../rules/china-time';
import { describeHoursOnDate, describePeriods, openStateAt, periodsOn } from '../../rules/opening-hours';

/**
 * Opening hours on China's wall clock. 2026-11-23 is a Monday. Instants are written as China time with
 * chinaInstant, so the suite means the same under TZ=UTC (as CI runs it) and anywhere else.
 */

const at = (date: string, time: string) => chinaInstant(date, time);
const iso = (date: string, time: string) => chinaInstant(date, time).toISOString();
const MON = '2026-11-23';
const TUE = '2026-11-24';
const SAT = '2026-11-28';
const SUN = '2026-11-29';

const weekdays = (periods: Array<[string, string]>, days = ['1', '2', '3', '4', '5']): OpeningHours =>
  Object.fromEntries(days.map((d) => [d, periods.map(([open, close]) => ({ open, close }))]));
const office = weekdays([
  ['08:30', '12:00'],
  ['13:30', '17:30'],
]);
const closedOn = (date: string, note = '节假日'): OpeningException => ({ date, periods: [], note });

describe('office hours with a lunch break', () => {
  test('open from the opening minute, closed from the closing minute', () => {
    expect(openStateAt(office, [], at(MON, '08:29'))).toEqual({ open: false, changesAt: iso(MON, '08:30') });
    expect(openStateAt(office, [], at(MON, '08:30'))).toEqual({ open: true, changesAt: iso(MON, '12:00') });
    expect(openStateAt(office, [], at(MON, '11:59'))).toEqual({ open: true, changesAt: iso(MON, '12:00') });
    expect(openStateAt(office, [], at(MON, '12:00'))).toEqual({ open: false, changesAt: iso(MON, '13:30') });
    expect(openStateAt(office, [], at(MON, '17:30'))).toEqual({ open: false, changesAt: iso(TUE, '08:30') });
  });

  test('a second before the opening is still closed, a millisecond before closing still open', () => {
    expect(openStateAt(office, [], new Date(at(MON, '08:30').getTime() - 1000)).open).toBe(false);
    expect(openStateAt(office, [], new Date(at(MON, '17:30').getTime() - 1)).open).toBe(true);
  });

  test('Friday evening: the next opening is Monday morning, over the closed weekend', () => {
    expect(openStateAt(office, [], at('2026-11-27', '18:00'))).toEqual({ open: false, changesAt: iso('2026-11-30', '08:30') });
    expect(openStateAt(office, [], at(SUN, '23:59'))).toEqual({ open: false, changesAt: iso('2026-11-30', '08:30') });
  });

  test('China’s midnight, not the host’s: Monday 07:00 in China is Sunday 23:00 UTC', () => {
    const mondayMorning = new Date('2026-11-22T23:00:00Z');
    expect(openStateAt(office, [], mondayMorning)).toEqual({ open: false, changesAt: iso(MON, '08:30') });
    // 16:00 UTC on Monday is already Tuesday 00:00 in China.
    expect(openStateAt(office, [], new Date('2026-11-23T16:00:00Z')).changesAt).toBe(iso(TUE, '08:30'));
  });
});

describe('periods past midnight', () => {
  const evenings = weekdays([['20:00', '02:00']], ['5', '6']); // Friday and Saturday nights

  test('open on the night it started and into the next morning, then closed', () => {
    expect(openStateAt(evenings, [], at('2026-11-27', '19:59'))).toEqual({ open: false, changesAt: iso('2026-11-27', '20:00') });
    expect(openStateAt(evenings, [], at('2026-11-27', '23:30'))).toEqual({ open: true, changesAt: iso(SAT, '02:00') });
    // Saturday 01:00 belongs to Friday's period, though Saturday's own period starts at 20:00.
    expect(openStateAt(evenings, [], at(SAT, '01:00'))).toEqual({ open: true, changesAt: iso(SAT, '02:00') });
    expect(openStateAt(evenings, [], at(SAT, '02:00'))).toEqual({ open: false, changesAt: iso(SAT, '20:00') });
    // Sunday morning: Saturday's night still runs; Sunday itself has no periods.
    expect(openStateAt(evenings, [], at(SUN, '00:30'))).toEqual({ open: true, changesAt: iso(SUN, '02:00') });
    expect(openStateAt(evenings, [], at(SUN, '03:00'))).toEqual({ open: false, changesAt: iso('2026-12-04', '20:00') });
  });

  test('“24:00” closes at midnight; a period of the next day from 00:00 continues it as one opening', () => {
    const toMidnight = weekdays([['18:00', '24:00']], ['1']);
    expect(openStateAt(toMidnight, [], at(MON, '23:59'))).toEqual({ open: true, changesAt: iso(TUE, '00:00') });
    expect(openStateAt(toMidnight, [], at(TUE, '00:00')).open).toBe(false);
    const throughTheNight: OpeningHours = { '1': [{ open: '18:00', close: '24:00' }], '2': [{ open: '00:00', close: '08:00' }] };
    expect(openStateAt(throughTheNight, [], at(MON, '20:00'))).toEqual({ open: true, changesAt: iso(TUE, '08:00') });
  });

  test('overlapping and touching periods merge: the change is the end of the last', () => {
    const touching = weekdays([
      ['09:00', '12:00'],
      ['12:00', '14:00'],
      ['13:00', '18:00'],
    ]);
    expect(openStateAt(touching, [], at(MON, '10:00'))).toEqual({ open: true, changesAt: iso(MON, '18:00') });
  });

  test('round the clock every day: open, with no closing within 14 days', () => {
    const always = weekdays([['00:00', '24:00']], ['1', '2', '3', '4', '5', '6', '7']);
    expect(openStateAt(always, [], at(MON, '03:00'))).toEqual({ open: true, changesAt: null });
    const sameOpenAndClose = weekdays([['00:00', '00:00']], ['1', '2', '3', '4', '5', '6', '7']);
    expect(openStateAt(sameOpenAndClose, [], at(MON, '03:00'))).toEqual({ open: true, changesAt: null });
    // …but a closed holiday ahead is a closing within reach.
    expect(openStateAt(always, [closedOn(SAT)], at(MON, '03:00'))).toEqual({ open: true, changesAt: iso(SAT, '00:00') });
  });
});

describe('holiday exceptions', () => {
  test('a holiday closes the whole day; the next opening skips it', () => {
    const newYear = [closedOn('2027-01-01', '元旦')];
    expect(openStateAt(office, newYear, at('2027-01-01', '10:00'))).toEqual({ open: false, changesAt: iso('2027-01-04', '08:30') });
    expect(openStateAt(office, newYear, at('2026-12-31', '17:00'))).toEqual({ open: true, changesAt: iso('2026-12-31', '17:30') });
    expect(openStateAt(office, newYear, at('2026-12-31', '17:30'))).toEqual({ open: false, changesAt: iso('2027-01-04', '08:30') });
  });

  test('special hours replace the day’s own, on a weekday or a closed weekend', () => {
    const eve: OpeningException = { date: '2027-02-05', periods: [{ open: '09:00', close: '12:00' }], note: '除夕' };
    expect(openStateAt(office, [eve], at('2027-02-05', '08:45'))).toEqual({ open: false, changesAt: iso('2027-02-05', '09:00') });
    expect(openStateAt(office, [eve], at('2027-02-05', '11:00'))).toEqual({ open: true, changesAt: iso('2027-02-05', '12:00') });
    expect(openStateAt(office, [eve], at('2027-02-05', '14:00'))).toEqual({ open: false, changesAt: iso('2027-02-08', '08:30') });
    const workingSaturday: OpeningException = { date: SAT, periods: [{ open: '08:30', close: '17:30' }], note: '调休上班' };
    expect(openStateAt(office, [workingSaturday], at('2026-11-27', '18:00'))).toEqual({ open: false, changesAt: iso(SAT, '08:30') });
  });

  test('a holiday on the day a night period starts cancels the whole night; one on the morning after does not', () => {
    const evenings = weekdays([['20:00', '02:00']], ['5', '6']);
    const fridayOff = [closedOn('2026-11-27')];
    expect(openStateAt(evenings, fridayOff, at('2026-11-27', '21:00'))).toEqual({ open: false, changesAt: iso(SAT, '20:00') });
    expect(openStateAt(evenings, fridayOff, at(SAT, '01:00')).open).toBe(false);
    const saturdayOff = [closedOn(SAT)];
    expect(openStateAt(evenings, saturdayOff, at(SAT, '01:00'))).toEqual({ open: true, changesAt: iso(SAT, '02:00') });
    expect(openStateAt(evenings, saturdayOff, at(SAT, '21:00'))).toEqual({ open: false, changesAt: iso('2026-12-04', '20:00') });
  });

  test('special hours past midnight on a holiday eve', () => {
    const lateEve: OpeningException = { date: '2026-12-31', periods: [{ open: '19:00', close: '01:00' }], note: '跨年' };
    expect(openStateAt(office, [lateEve, closedOn('2027-01-01', '元旦')], at('2027-01-01', '00:30'))).toEqual({
      open: true,
      changesAt: iso('2027-01-01', '01:00'),
    });
  });
});

describe('nothing within 14 days', () => {
  test('no hours at all: closed with no next opening', () => {
    expect(openStateAt({}, [], at(MON, '10:00'))).toEqual({ open: false, changesAt: null });
  });

  test('a long closure: an opening exactly 14 days ahead is found, 14 days and a minute is not', () => {
    const mondays = weekdays([['10:00', '11:00']], ['1']);
    // Closed this Monday and the next: the next opening is on Monday 2026-12-07.
    const fortnight = [closedOn(MON), closedOn('2026-11-30')];
    expect(openStateAt(mondays, fortnight, at(MON, '10:00'))).toEqual({ open: false, changesAt: iso('2026-12-07', '10:00') });
    expect(openStateAt(mondays, fortnight, at(MON, '10:01'))).toEqual({ open: false, changesAt: iso('2026-12-07', '10:00') });
    expect(openStateAt(mondays, fortnight, at(MON, '09:59'))).toEqual({ open: false, changesAt: null });
    // Three Mondays closed: three weeks away is out of reach.
    expect(openStateAt(mondays, [...fortnight, closedOn('2026-12-07')], at(MON, '10:00'))).toEqual({ open: false, changesAt: null });
  });
});

describe('in Chinese', () => {
  test('a day’s periods, overnight ones marked 次日', () => {
    expect(describePeriods(office['1']!)).toBe('08:30–12:00、13:30–17:30');
    expect(describePeriods([{ open: '20:00', close: '02:00' }])).toBe('20:00–次日02:00');
    expect(describePeriods([{ open: '18:00', close: '24:00' }])).toBe('18:00–24:00');
    expect(describePeriods([])).toBe('休息');
  });

  test('a date’s hours name the holiday', () => {
    const ex: OpeningException[] = [closedOn('2027-01-01', '元旦'), { date: '2027-02-05', periods: [{ open: '09:00', close: '12:00' }], note: '除夕' }];
    expect(describeHoursOnDate(office, ex, '2027-01-01')).toBe('元旦 休息');
    expect(describeHoursOnDate(office, ex, '2027-02-05')).toBe('除夕 09:00–12:00');
    expect(describeHoursOnDate(office, ex, '2027-01-04')).toBe('08:30–12:00、13:30–17:30');
    expect(describeHoursOnDate(office, ex, SUN)).toBe('休息');
    expect(periodsOn(office, [{ date: SUN, periods: [], note: '' }], SUN)).toEqual({ periods: [], note: null });
  });
});
