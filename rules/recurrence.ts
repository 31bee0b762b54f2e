import type { Occurrence, Recurrence, Schedule } from '../contract';
import { addDays, calendarDate, chinaClock, chinaDate, daysBetween, daysInMonth, isoWeekday } from './china-time';

/** What the service days of a schedule depend on; a stored schedule and the contract's both fit. */
export type ScheduleTiming = Pick<Schedule, 'recurrence' | 'startTime' | 'endTime' | 'validFrom' | 'validUntil'>;

/**
 * A 5th weekday falls in at least four months of any year, so two years hold several service days of
 * every recurrence kind: further than anyone looks ahead.
 */
const LOOKAHEAD_DAYS = 2 * 366;

/**
 * The longest span of days a recurrence is walked: ten years, further than anyone looks ahead. It bounds
 * every loop over days here by construction, whatever dates a caller passes.
 */
export const MAX_SPAN_DAYS = 3653;

/**
 * The service days of a schedule from `from` to `to` (inclusive, 'YYYY-MM-DD', China dates), in
 * order, at most `limit`, within the schedule's validity and MAX_SPAN_DAYS of the first day.
 */
export function occurrences(schedule: ScheduleTiming, from: string, to: string, limit = Number.POSITIVE_INFINITY): Occurrence[] {
  const first = from > schedule.validFrom ? from : schedule.validFrom;
  const last = schedule.validUntil !== null && schedule.validUntil < to ? schedule.validUntil : to;
  const found: Occurrence[] = [];
  if (limit <= 0) return found;
  for (const date of recurringDates(schedule.recurrence, first, last)) {
    found.push({ date, startTime: schedule.startTime, endTime: schedule.endTime });
    if (found.length >= limit) break;
  }
  return found;
}

/** The next `count` service days as of `now`: today's counts until its end time has passed in China. */
export function nextOccurrences(schedule: ScheduleTiming, now: Date, count: number): Occurrence[] {
  const today = chinaDate(now);
  const clock = chinaClock(now);
  // At most one day (today) is dropped, so one extra is enough.
  return occurrences(schedule, today, addDays(today, LOOKAHEAD_DAYS), count + 1)
    .filter((o) => !(o.date === today && o.endTime <= clock))
    .slice(0, Math.max(count, 0));
}

function* recurringDates(recurrence: Recurrence, first: string, last: string): Generator<string> {
  if (first > last) return;
  const days = Math.min(daysBetween(first, last), MAX_SPAN_DAYS);
  if (recurrence.kind === 'weekly') {
    for (let day = 0; day <= days; day++) {
      const date = addDays(first, day);
      if (recurrence.weekdays.includes(isoWeekday(date))) yield date;
    }
    return;
  }
  const end = addDays(first, days);
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (let months = 0; months <= days / 28 + 1; months++) {
    const day = recurrence.kind === 'monthlyDate' ? dateIfInMonth(year, month, recurrence.day) : nthWeekday(year, month, recurrence.nth, recurrence.weekday);
    const date = day === null ? null : calendarDate(year, month, day);
    if (date !== null && date > end) return;
    if (date !== null && date >= first) yield date;
    if (calendarDate(year, month, 1) > end) return;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** The day itself, or null in months without it (31 April, 29 February outside leap years). */
function dateIfInMonth(year: number, month: number, day: number): number | null {
  return day <= daysInMonth(year, month) ? day : null;
}

/** Day of the month of the n-th `weekday` (nth -1: the last), or null in months without a 5th. */
export function nthWeekday(year: number, month: number, nth: number, weekday: number): number | null {
  const length = daysInMonth(year, month);
  if (nth === -1) {
    const lastWeekday = isoWeekday(calendarDate(year, month, length));
    return length - ((lastWeekday - weekday + 7) % 7);
  }
  const firstWeekday = isoWeekday(calendarDate(year, month, 1));
  const day = 1 + ((weekday - firstWeekday + 7) % 7) + 7 * (nth - 1);
  return day <= length ? day : null;
}
