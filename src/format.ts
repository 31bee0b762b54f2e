import type { Occurrence, Recurrence, Schedule } from '../contract';
import { chinaDate, chinaClock, isoWeekday } from '../rules/china-time';

/** Plain-Chinese wording of dates, recurrences and places, for the pages. Pure, unit-tested. */

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

export function weekdayName(isoDay: number): string {
  return `周${WEEKDAYS[isoDay - 1]}`;
}

/** "11月28日 周六" */
export function formatDate(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日 ${weekdayName(isoWeekday(date))}`;
}

/** "11月28日 周六 09:00–11:30" */
export function formatOccurrence(o: Occurrence): string {
  return `${formatDate(o.date)} ${o.startTime}–${o.endTime}`;
}

/** "每周二、周六" / "每月15日" / "每月第2个周三" / "每月最后一个周五" */
export function describeRecurrence(r: Recurrence): string {
  switch (r.kind) {
    case 'weekly':
      return `每${[...r.weekdays].sort((a, b) => a - b).map(weekdayName).join('、')}`;
    case 'monthlyDate':
      return `每月${r.day}日`;
    case 'monthlyNth':
      return `每月${r.nth === -1 ? '最后一个' : `第${r.nth}个`}${weekdayName(r.weekday)}`;
  }
}

export function describeSchedule(s: Schedule): string {
  return `${describeRecurrence(s.recurrence)} ${s.startTime}–${s.endTime}`;
}

/** An instant as China time: "11月28日 周六 09:00", whatever the device's zone. */
export function formatChinaDateTime(iso: string): string {
  const instant = new Date(iso);
  return `${formatDate(chinaDate(instant))} ${chinaClock(instant)}`;
}

/** "08:30–12:00、14:00–17:30" or "休息" for one ISO weekday of a station's opening hours. */
export function describeHoursOn(hours: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', Array<{ open: string; close: string }>>>, isoDay: number): string {
  const periods = hours[String(isoDay) as '1'] ?? [];
  return periods.length ? periods.map((p) => `${p.open}–${p.close}`).join('、') : '休息';
}

/** Today's ISO weekday in China time, whatever the device's zone. */
export function chinaWeekdayNow(now: Date = new Date()): number {
  return isoWeekday(chinaDate(now));
}

/** An instant as China time without the weekday: "11月21日 08:00". */
export function formatChinaMonthDayClock(iso: string): string {
  const instant = new Date(iso);
  const [, m, d] = chinaDate(instant).split('-').map(Number);
  return `${m}月${d}日 ${chinaClock(instant)}`;
}

/** A slot of a day: "09:00–09:30". */
export function formatSlot(s: { startTime: string; endTime: string }): string {
  return `${s.startTime}–${s.endTime}`;
}
