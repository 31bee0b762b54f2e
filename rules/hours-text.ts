import type { OpeningHours, OpeningPeriod } from '../contract';

/**
 * A station's weekly opening hours as people write them in a spreadsheet, and back:
 * `周一至周五 08:30-12:00,14:00-17:30；周六 09:00-12:00` (days with the same periods grouped into runs,
 * groups separated by ；). Days not named are closed. Parsing accepts what people type: full-width
 * punctuation, 、 or , between days and periods, ~ or – or 至 in ranges, and 24:00 as a close.
 */

const DAY_NAMES = ['一', '二', '三', '四', '五', '六', '日'] as const;
const DAY_OF: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7 };

type Day = keyof OpeningHours;

const periodsText = (periods: OpeningPeriod[]) => periods.map((p) => `${p.open}-${p.close}`).join(',');

/** The hours as text, days in order, consecutive days with the same periods written as one run. */
export function formatHours(hours: OpeningHours): string {
  const groups: Array<{ days: number[]; text: string }> = [];
  for (let day = 1; day <= 7; day++) {
    const periods = hours[String(day) as Day];
    if (!periods || periods.length === 0) continue;
    const text = periodsText(periods);
    const last = groups[groups.length - 1];
    if (last && last.text === text && last.days[last.days.length - 1] === day - 1) last.days.push(day);
    else groups.push({ days: [day], text });
  }
  return groups
    .map(({ days, text }) => {
      const first = `周${DAY_NAMES[days[0] - 1]}`;
      const span =
        days.length === 1 ? first : days.length === 2 ? `${first}、周${DAY_NAMES[days[1] - 1]}` : `${first}至周${DAY_NAMES[days[days.length - 1] - 1]}`;
      return `${span} ${text}`;
    })
    .join('；');
}

const TIME = /^([01]?\d|2[0-4])[:：]([0-5]\d)$/;

function clock(text: string): string | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const time = `${m[1].padStart(2, '0')}:${m[2]}`;
  return time > '24:00' ? null : time;
}

/** The hours from text, or the reason it cannot be read (in Chinese). Empty text: closed every day. */
export function parseHours(input: string): { hours: OpeningHours } | { problem: string } {
  const text = input.normalize('NFKC').trim();
  const hours: OpeningHours = {};
  if (text === '') return { hours };
  for (const group of text
    .split(/[;；\n]+/)
    .map((g) => g.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s+(.+)$/.exec(group);
    if (!m) return { problem: `“${group}”没有写时间，例如：周一至周五 08:30-17:30` };
    const days = daysOf(m[1]);
    if (typeof days === 'string') return { problem: days };
    const periods: OpeningPeriod[] = [];
    for (const range of m[2].split(/[,，、\s]+/).filter(Boolean)) {
      const [open, close, extra] = range.split(/[-~–—至]/);
      const o = open === undefined ? null : clock(open);
      const c = close === undefined ? null : clock(close);
      if (!o || !c || extra !== undefined || o === '24:00') return { problem: `时间“${range}”看不懂，请写成 08:30-17:30` };
      periods.push({ open: o, close: c });
    }
    for (const day of days) {
      if (hours[String(day) as Day]) return { problem: `周${DAY_NAMES[day - 1]}写了不止一次` };
      hours[String(day) as Day] = periods;
    }
  }
  return { hours };
}

function daysOf(text: string): number[] | string {
  const days: number[] = [];
  for (const part of text
    .split(/[、,，]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const range = /^(?:周|星期)([一二三四五六日天七])(?:\s*[至到\-~–—]\s*(?:周|星期)?([一二三四五六日天七]))?$/.exec(part);
    if (!range) return `“${part}”不是星期几，请写成 周一、周一至周五`;
    const from = DAY_OF[range[1]];
    const to = range[2] ? DAY_OF[range[2]] : from;
    if (to < from) return `“${part}”的起止顺序反了`;
    for (let d = from; d <= to; d++) days.push(d);
  }
  return days;
}
