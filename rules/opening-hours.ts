import type { OpeningException, OpeningHours, OpeningPeriod, OpenState } from '../contract';
import { addDays, chinaDate, chinaInstant, isoWeekday } from './china-time';

/**
 * When a station is open, on China's wall clock.
 *
 * A period belongs to the date it opens on: "20:00–02:00" (close earlier than open) runs into the next
 * day, "08:00–24:00" to midnight; a close equal to the open reads as round the clock (saving refuses
 * it, rules/station-checks.ts; "00:00–24:00" says the same). A date's exception (a holiday with no
 * periods, or special hours) replaces that date's weekly periods, including one that would have run
 * past midnight; a period of the day before still runs into it. Periods that touch or overlap count as
 * one opening, so a station open 20:00–24:00 and 00:00–08:00 closes at 08:00, not at midnight.
 */

/** How far ahead the next change is looked for; beyond it, `changesAt` is null. */
export const LOOKAHEAD_DAYS = 14;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** The periods of one date (China time) and the holiday's note when an exception applies. */
export function periodsOn(hours: OpeningHours, exceptions: OpeningException[], date: string): { periods: OpeningPeriod[]; note: string | null } {
  const exception = exceptions.find((e) => e.date === date);
  if (exception) return { periods: exception.periods, note: exception.note || null };
  return { periods: hours[String(isoWeekday(date)) as keyof OpeningHours] ?? [], note: null };
}

interface Interval {
  start: number;
  end: number;
}

/** One period of a date as instants (ms): a close not after the open falls on the next day. */
function intervalOf(date: string, period: OpeningPeriod): Interval {
  const midnight = chinaInstant(date, '00:00').getTime();
  const open = minutesOf(period.open);
  let close = minutesOf(period.close);
  if (close <= open) close += 24 * 60;
  return { start: midnight + open * MINUTE_MS, end: midnight + close * MINUTE_MS };
}

/**
 * Open intervals from the day before `now` (whose late periods may still run) to the day after the
 * look-ahead ends, touching ones merged.
 */
function openIntervals(hours: OpeningHours, exceptions: OpeningException[], now: Date): Interval[] {
  const today = chinaDate(now);
  const intervals: Interval[] = [];
  for (let day = -1; day <= LOOKAHEAD_DAYS + 1; day++) {
    const date = addDays(today, day);
    for (const period of periodsOn(hours, exceptions, date).periods) intervals.push(intervalOf(date, period));
  }
  intervals.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Whether a station is open at `now`, and its closing (if open) or next opening (if closed) within 14 days. */
export function openStateAt(hours: OpeningHours, exceptions: OpeningException[], now: Date): OpenState {
  const at = now.getTime();
  const horizon = at + LOOKAHEAD_DAYS * DAY_MS;
  const within = (instant: number) => (instant <= horizon ? new Date(instant).toISOString() : null);
  const intervals = openIntervals(hours, exceptions, now);
  const current = intervals.find((i) => i.start <= at && at < i.end);
  if (current) return { open: true, changesAt: within(current.end) };
  const next = intervals.find((i) => i.start > at);
  return { open: false, changesAt: next ? within(next.start) : null };
}

/** A day's periods in Chinese: "08:30–12:00、14:00–17:30", "20:00–次日02:00", or "休息". */
export function describePeriods(periods: OpeningPeriod[]): string {
  if (!periods.length) return '休息';
  return periods
    .map((p) => {
      const overnight = minutesOf(p.close) <= minutesOf(p.open) && p.close !== '24:00';
      return `${p.open}–${overnight ? '次日' : ''}${p.close}`;
    })
    .join('、');
}

/** One date's hours in Chinese, with a holiday's note: "元旦 休息", "除夕 09:00–12:00", "08:30–17:30". */
export function describeHoursOnDate(hours: OpeningHours, exceptions: OpeningException[], date: string): string {
  const { periods, note } = periodsOn(hours, exceptions, date);
  return note ? `${note} ${describePeriods(periods)}` : describePeriods(periods);
}
