import { chinaClock, chinaDate, isoWeekday } from './china-time';

/**
 * Dates and times in the words residents read in messages: 12月7日 周一 上午9:00–11:30. Pure, shared by
 * the functions (in-app messages and subscribe messages) and the app.
 */

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** 周一 … 周日, from an ISO weekday (1 = Monday). */
export function weekdayName(isoDay: number): string {
  return `周${WEEKDAYS[isoDay - 1]}`;
}

/** '2026-12-07' → '12月7日 周一' */
export function dayWords(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日 ${weekdayName(isoWeekday(date))}`;
}

/** The part of the day a clock time falls in, as people say it. */
function partOfDay(hour: number): string {
  if (hour < 6) return '凌晨';
  if (hour < 12) return '上午';
  if (hour < 13) return '中午';
  if (hour < 18) return '下午';
  return '晚上';
}

/** On a 12-hour face: 13:30 → 1:30 (noon stays 12). */
function twelveHour(hour: number, minute: string): string {
  return `${hour > 12 ? hour - 12 : hour === 0 ? 12 : hour}:${minute}`;
}

/** '09:00' → '上午9:00', '14:30' → '下午2:30', '12:00' → '中午12:00' */
export function timeWords(clock: string): string {
  const hour = Number(clock.slice(0, 2));
  return `${partOfDay(hour)}${twelveHour(hour, clock.slice(3, 5))}`;
}

/** '09:00', '11:30' → '上午9:00–11:30'; the part of the day is said again only when it changes: '上午11:00–下午1:00'. */
export function timeRangeWords(start: string, end: string): string {
  const endHour = Number(end.slice(0, 2));
  const samePart = partOfDay(Number(start.slice(0, 2))) === partOfDay(endHour);
  return `${timeWords(start)}–${samePart ? twelveHour(endHour, end.slice(3, 5)) : timeWords(end)}`;
}

/** A slot of a day: '12月7日 周一 上午9:00–11:30'. */
export function slotWords(date: string, start: string, end: string): string {
  return `${dayWords(date)} ${timeRangeWords(start, end)}`;
}

/** An instant in China: '12月7日 周一 上午9:00'. */
export function momentWords(instant: Date): string {
  return `${dayWords(chinaDate(instant))} ${timeWords(chinaClock(instant))}`;
}

/** From one instant to another, in China: '12月7日 周一 上午9:00–11:30', or both days when it ends on another. */
export function spanWords(start: Date, end: Date): string {
  const [startDay, endDay] = [chinaDate(start), chinaDate(end)];
  if (startDay === endDay) return slotWords(startDay, chinaClock(start), chinaClock(end));
  return `${dayWords(startDay)} ${timeWords(chinaClock(start))}–${dayWords(endDay)} ${timeWords(chinaClock(end))}`;
}
