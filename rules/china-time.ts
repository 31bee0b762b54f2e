import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * China time (UTC+08:00) for every "today", weekday and "HH:mm on a date": cloud functions run in UTC
 * and the app's clock may be anywhere, but service days and events happen on Fushan's wall clock.
 *
 * The offset is fixed rather than looked up as Asia/Shanghai: China has had no daylight saving since
 * 1991, and the mini-program's JS engine lacks reliable Intl time-zone data.
 *
 * Wall-clock fields are read by shifting the instant by +08:00 and reading it as UTC. dayjs's own
 * `utcOffset(480)` goes through the host's local time and is off by an hour around the host's DST
 * changes (a laptop in Los Angeles on 8 March), so it is not used for reading fields.
 */
export const CHINA_UTC_OFFSET_MINUTES = 480;

const DATE = 'YYYY-MM-DD';

/** Formats an instant as a clock in China shows it (dayjs tokens, e.g. 'M月D日 HH:mm'; not 'Z'). */
export function formatInChina(instant: Date, template: string): string {
  return dayjs.utc(instant).add(CHINA_UTC_OFFSET_MINUTES, 'minute').format(template);
}

/** The calendar date in China at an instant: 'YYYY-MM-DD'. */
export function chinaDate(instant: Date): string {
  return formatInChina(instant, DATE);
}

/** The time of day in China at an instant: 'HH:mm'. */
export function chinaClock(instant: Date): string {
  return formatInChina(instant, 'HH:mm');
}

/** The instant at which China's clocks show `time` ('HH:mm') on `date` ('YYYY-MM-DD'). */
export function chinaInstant(date: string, time: string): Date {
  return dayjs.utc(`${date}T${time}:00`).subtract(CHINA_UTC_OFFSET_MINUTES, 'minute').toDate();
}

// Calendar dates ('YYYY-MM-DD') carry no time zone: they are computed as UTC dates so the host's
// zone cannot shift them.

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return dayjs.utc(date).day() || 7;
}

export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format(DATE);
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

/** Days in a month; `month` is 1–12. */
export function daysInMonth(year: number, month: number): number {
  return dayjs.utc(calendarDate(year, month, 1)).daysInMonth();
}

/** 'YYYY-MM-DD' of a year, month (1–12) and day. */
export function calendarDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
