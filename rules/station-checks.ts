import type { LngLat } from '../contract';
import type { OpeningException, OpeningHours, OpeningPeriod, StationLevel } from '../contract';
import { straightMetres } from './geo';

/**
 * What staff and admins may save as a station beyond the field formats of the contract: a level that
 * matches its community and street, opening periods that do not overlap, one exception per date, a
 * position in China. Each check answers the first problem in the user's words, or null.
 */

export const WEEKDAY_LABELS: Record<string, string> = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' };
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const DAY_MINUTES = 24 * 60;

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * A period as minutes from its day's midnight; a close at or before the open runs past midnight, so
 * "00:00–00:00" is round the clock (as rules/opening-hours.ts reads it).
 */
function spanOf(period: OpeningPeriod): [number, number] {
  const open = minutesOf(period.open);
  const close = minutesOf(period.close);
  return [open, close > open ? close : close + DAY_MINUTES];
}

const text = (p: OpeningPeriod) => `${p.open}–${p.close}`;

/** The first problem with one day's periods: an impossible period, or two that overlap. */
export function periodsProblem(periods: OpeningPeriod[], dayLabel: string): string | null {
  const late = periods.find((p) => p.open === '24:00');
  if (late) return `${dayLabel}的开门时间不能是 24:00`;
  const sorted = [...periods].sort((a, b) => spanOf(a)[0] - spanOf(b)[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (spanOf(sorted[i])[0] < spanOf(sorted[i - 1])[1]) return `${dayLabel}的时段 ${text(sorted[i - 1])} 和 ${text(sorted[i])} 重叠了`;
  }
  return null;
}

/** Weekly hours: each day's periods apart, and a period past midnight clear of the next day's first. */
export function openingHoursProblem(hours: OpeningHours): string | null {
  for (const day of WEEKDAYS) {
    const problem = periodsProblem(hours[day] ?? [], WEEKDAY_LABELS[day]);
    if (problem) return problem;
  }
  for (const [i, day] of WEEKDAYS.entries()) {
    const next = WEEKDAYS[(i + 1) % 7];
    for (const late of hours[day] ?? []) {
      const spill = spanOf(late)[1] - DAY_MINUTES;
      if (spill <= 0) continue;
      const clash = (hours[next] ?? []).find((p) => spanOf(p)[0] < spill);
      if (clash) return `${WEEKDAY_LABELS[day]}的时段 ${text(late)} 跨过午夜，和${WEEKDAY_LABELS[next]}的 ${text(clash)} 重叠了`;
    }
  }
  return null;
}

/** Holidays and special days: one entry per date, its periods apart. */
export function exceptionsProblem(exceptions: OpeningException[]): string | null {
  const seen = new Set<string>();
  for (const e of exceptions) {
    if (seen.has(e.date)) return `${e.date} 有两条特殊安排，请合并成一条`;
    seen.add(e.date);
    const problem = periodsProblem(e.periods, e.date);
    if (problem) return problem;
  }
  return null;
}

/**
 * Community and compound stations belong to a community (and take its street); district and street
 * stations belong to no community and name their street.
 */
export function stationScopeProblem(fields: { level: StationLevel; communityId: string | null; streetId: string | null }): string | null {
  if (fields.level === 'community' || fields.level === 'compound') {
    return fields.communityId ? null : '社区级和小区级服务站要选择所属社区';
  }
  if (fields.communityId !== null) return '区级和街道级服务站不属于某个社区，请不要选择社区';
  return fields.streetId ? null : '区级和街道级服务站要选择所在街道';
}

/** How far from its community's centre a community or compound station may be: beyond it, a mistyped position. */
export const STATION_FROM_COMMUNITY_MAX_METRES = 5000;

/**
 * The contract keeps positions within China's rough bounds; a community or compound station must also
 * be near its community, which catches swapped or mistyped coordinates.
 */
export function locationProblem(location: LngLat, communityCentre: LngLat | null): string | null {
  if (communityCentre === null || straightMetres(location, communityCentre) <= STATION_FROM_COMMUNITY_MAX_METRES) return null;
  return '位置离所属社区超过 5 公里，请检查位置是否选对';
}
