import { addDays, calendarDate, chinaDate, chinaInstant, daysInMonth, isoWeekday } from './china-time';

/**
 * Month calendars on China's wall clock: months as 'YYYY-MM', grids of weeks Monday first (as Chinese
 * calendars print them), and the instants a month begins and ends at in China.
 */

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface CalendarDay {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** Day of the month, 1–31. */
  day: number;
  /** False for the days of the months before and after that fill the first and last weeks. */
  inMonth: boolean;
}

function parts(month: string): { year: number; month: number } {
  if (!MONTH_PATTERN.test(month)) throw new Error(`not a month: ${month}`);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

/** The month in China at an instant: 'YYYY-MM'. */
export function chinaMonth(instant: Date): string {
  return chinaDate(instant).slice(0, 7);
}

/** The month `months` after (or before, if negative) `month`. */
export function addMonths(month: string, months: number): string {
  const p = parts(month);
  const index = p.year * 12 + (p.month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** When the month begins in China, and when the next one does: the month is [start, end). */
export function monthBounds(month: string): { start: Date; end: Date } {
  return { start: chinaInstant(`${month}-01`, '00:00'), end: chinaInstant(`${addMonths(month, 1)}-01`, '00:00') };
}

/** The month as weeks of seven days, Monday first, the first and last weeks filled from the months beside it. */
export function monthGrid(month: string): CalendarDay[][] {
  const p = parts(month);
  const first = calendarDate(p.year, p.month, 1);
  const last = calendarDate(p.year, p.month, daysInMonth(p.year, p.month));
  const weeks: CalendarDay[][] = [];
  // A month spans at most six Monday-first weeks: counted, so no date can make the loop run on.
  for (let week = 0, monday = addDays(first, 1 - isoWeekday(first)); week < 6 && monday <= last; week++, monday = addDays(monday, 7)) {
    weeks.push(
      Array.from({ length: 7 }, (_, i) => {
        const date = addDays(monday, i);
        return { date, day: Number(date.slice(8, 10)), inMonth: date.slice(0, 7) === month };
      }),
    );
  }
  return weeks;
}

/** '2026年3月'. */
export function monthLabel(month: string): string {
  const p = parts(month);
  return `${p.year}年${p.month}月`;
}
