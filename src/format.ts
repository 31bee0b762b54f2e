import type { OpenState, Occurrence, Recurrence, Schedule } from '../contract';
import { addDays, chinaDate, chinaClock, isoWeekday } from '../rules/china-time';
import { describePeriods } from '../rules/opening-hours';
import { dayWords, weekdayName } from '../rules/words';

/** Plain-Chinese wording of dates, recurrences and places, for the pages. Pure, unit-tested. */

export { weekdayName };

/** "11月28日 周六" (the messages' wording too: rules/words.ts) */
export const formatDate = dayWords;

/** "11月28日 周六 09:00–11:30" */
export function formatOccurrence(o: Occurrence): string {
  return `${formatDate(o.date)} ${o.startTime}–${o.endTime}`;
}

/** "每周二、周六" / "每月15日" / "每月第2个周三" / "每月最后一个周五" */
export function describeRecurrence(r: Recurrence): string {
  switch (r.kind) {
    case 'weekly':
      return `每${[...r.weekdays]
        .sort((a, b) => a - b)
        .map(weekdayName)
        .join('、')}`;
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
export function describeHoursOn(
  hours: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', Array<{ open: string; close: string }>>>,
  isoDay: number,
): string {
  return describePeriods(hours[String(isoDay) as '1'] ?? []);
}

/** Today's ISO weekday in China time, whatever the device's zone. */
export function chinaWeekdayNow(now: Date): number {
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

/** A distance on foot: "850 米" (to 10 m), "1.3 公里" from a kilometre on. */
export function formatMetres(metres: number): string {
  return metres < 1000 ? `${Math.round(metres / 10) * 10} 米` : `${(metres / 1000).toFixed(1)} 公里`;
}

/** When an instant comes, seen from now in China time: "17:30" (today), "明天 08:30", "周三 08:30" (this week), "11月28日 08:30". */
function dayAndClock(iso: string, now: Date, todayWord: string): string {
  const instant = new Date(iso);
  const date = chinaDate(instant);
  const today = chinaDate(now);
  const clock = chinaClock(instant);
  if (date === today) return todayWord ? `${todayWord} ${clock}` : clock;
  if (date === addDays(today, 1)) return `明天 ${clock}`;
  if (date <= addDays(today, 6)) return `${weekdayName(isoWeekday(date))} ${clock}`;
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日 ${clock}`;
}

/** A station open now or not, in words: "营业中 · 至 17:30", "已休息 · 明天 08:30 开门". */
export function describeOpenState(state: OpenState, now: Date): string {
  if (!state.changesAt) return state.open ? '营业中' : '已休息 · 近两周不开放';
  return state.open ? `营业中 · 至 ${dayAndClock(state.changesAt, now, '')}` : `已休息 · ${dayAndClock(state.changesAt, now, '今天')} 开门`;
}

/**
 * Where a written moment may break across lines: '12月7日 周一 09:00–11:30' → ['12月7日 周一', '09:00–11:30'].
 * A date keeps its weekday, a time its range; at large text the line breaks between them, never inside one.
 */
export function unbreakablePieces(text: string): string[] {
  return text.split(' ').reduce<string[]>((pieces, word) => {
    if (pieces.length && /^周[一二三四五六日]$/.test(word)) pieces[pieces.length - 1] += ` ${word}`;
    else pieces.push(word);
    return pieces;
  }, []);
}
