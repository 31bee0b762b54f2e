import type { Occurrence, OccurrenceChange, Schedule } from '../contract';
import { addDays, chinaClock, chinaDate, chinaInstant, isoWeekday } from './china-time';
import { occurrences, ScheduleTiming } from './recurrence';

/**
 * The booking rules of a fixed service day, as plain functions: slots, the booking window, the
 * cancellation cutoff, the weekly limit's week; the slot ledger itself is rules/ledger.ts.
 */

/** Booking opens at 08:00 China time, `opensDaysBefore` days before the service day: never at midnight. */
export const BOOKING_OPENS_AT = '08:00';

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** The slots of one service day: back to back from its start, each `slotMinutes` long, all within its end. */
export function slotTimes(occurrence: Pick<Occurrence, 'startTime' | 'endTime'>, slotMinutes: number): Array<{ startTime: string; endTime: string }> {
  const slots: Array<{ startTime: string; endTime: string }> = [];
  for (let t = minutes(occurrence.startTime); t + slotMinutes <= minutes(occurrence.endTime); t += slotMinutes) {
    slots.push({ startTime: clock(t), endTime: clock(t + slotMinutes) });
  }
  return slots;
}

export interface BookingWindow {
  opensAt: Date;
  closesAt: Date;
}

/** When a slot can be booked: from 08:00 `opensDaysBefore` days before, until `closesHoursBefore` hours before it starts. */
export function bookingWindow(schedule: Pick<Schedule, 'opensDaysBefore' | 'closesHoursBefore'>, date: string, startTime: string): BookingWindow {
  const start = chinaInstant(date, startTime);
  return {
    opensAt: chinaInstant(addDays(date, -schedule.opensDaysBefore), BOOKING_OPENS_AT),
    closesAt: new Date(start.getTime() - schedule.closesHoursBefore * 3600_000),
  };
}

export type WindowState = 'notYetOpen' | 'open' | 'closed';
export function windowState(window: BookingWindow, now: Date): WindowState {
  if (now < window.opensAt) return 'notYetOpen';
  return now < window.closesAt ? 'open' : 'closed';
}

/** A resident may cancel until `cancelHoursBefore` hours before the slot starts. */
export function cancelDeadline(schedule: Pick<Schedule, 'cancelHoursBefore'>, date: string, startTime: string): Date {
  return new Date(chinaInstant(date, startTime).getTime() - schedule.cancelHoursBefore * 3600_000);
}

/** The ISO week (Monday to Sunday) a service day falls in, e.g. "2026-W48": the unit of the weekly limit. */
export function weekKey(date: string): string {
  // The ISO week's year is the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = `${year}-01-01`;
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${jan1}T00:00:00Z`)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/**
 * The service days as scheduled, with one-off changes applied: a cancelled day is dropped, a moved
 * one appears on its new day and time.
 */
export function effectiveOccurrences(schedule: ScheduleTiming, changes: OccurrenceChange[], from: string, to: string): Occurrence[] {
  const byDate = new Map(changes.map((c) => [c.date, c]));
  const regular = occurrences(schedule, from, to).filter((o) => !byDate.has(o.date));
  const moved = changes.flatMap((c) => (c.kind === 'moved' && c.to && c.to.date >= from && c.to.date <= to ? [c.to] : []));
  const all = [...regular, ...moved].sort((a, b) => (a.date + a.startTime < b.date + b.startTime ? -1 : 1));
  // Two service days on one date cannot both be served: keep the first.
  return all.filter((o, i) => i === 0 || all[i - 1].date !== o.date);
}

/** The next `count` service days from now (today's counts until it ends), changes applied. */
export function nextEffectiveOccurrences(schedule: ScheduleTiming, changes: OccurrenceChange[], now: Date, count: number): Occurrence[] {
  const today = chinaDate(now);
  const nowClock = chinaClock(now);
  const found: Occurrence[] = [];
  // Look ahead a quarter at a time: enough for any recurrence, cheap for weekly ones.
  for (let from = today; found.length < count && from <= addDays(today, 2 * 366); from = addDays(from, 92)) {
    for (const o of effectiveOccurrences(schedule, changes, from, addDays(from, 91))) {
      if (o.date === today && o.endTime <= nowClock) continue;
      found.push(o);
      if (found.length >= count) break;
    }
  }
  return found;
}

/** The service day on `date`, if the (changed) schedule has one. */
export function occurrenceOn(schedule: ScheduleTiming, changes: OccurrenceChange[], date: string): Occurrence | undefined {
  return effectiveOccurrences(schedule, changes, date, date)[0];
}

// ---- the slot ledger --------------------------------------------------------------------------

/**
 * A slot's document keeps a places ledger (rules/ledger.ts): its places, how many are held (confirmed
 * and pending bookings), the waitlist in order, and each resident's active booking. A service-day
 * booking claims one place and no sub-pool, so its slot documents keep their plain shape.
 */
export { admit, forget, release, resize } from './ledger';
export type { Admission, SlotLedger } from './ledger';

// ---- one-off changes of a service day -----------------------------------------------------------

export type ChangeRefusal = 'PAST' | 'NOT_A_SERVICE_DAY' | 'ALREADY_CHANGED' | 'MOVED_IN' | 'TARGET_TAKEN' | 'NO_SLOT';

const sameOccurrence = (a: Occurrence | null, b: Occurrence | null) =>
  a === b || (a !== null && b !== null && a.date === b.date && a.startTime === b.startTime && a.endTime === b.endTime);

/**
 * The leader cancels or moves the service day on `change.date` (China dates; `today` as now in China):
 * only a coming service day of the (changed) schedule, at most one change per date, and a move only to
 * a day without service that holds at least one slot. The same change again is accepted as it stands
 * (`repeated`), so that ending the day's bookings can be re-run after a failure.
 */
export function recordChange(
  schedule: ScheduleTiming & Pick<Schedule, 'slotMinutes'>,
  changes: OccurrenceChange[],
  change: OccurrenceChange,
  today: string,
): { changes: OccurrenceChange[]; repeated: boolean } | { refused: ChangeRefusal } {
  if (change.date < today || (change.to && change.to.date < today)) return { refused: 'PAST' };
  const existing = changes.find((c) => c.date === change.date);
  if (existing) {
    return existing.kind === change.kind && sameOccurrence(existing.to, change.to) ? { changes, repeated: true } : { refused: 'ALREADY_CHANGED' };
  }
  // A day moved here is the other date's change; changing it again would leave two changes disagreeing.
  if (changes.some((c) => c.to?.date === change.date)) return { refused: 'MOVED_IN' };
  if (!occurrenceOn(schedule, changes, change.date)) return { refused: 'NOT_A_SERVICE_DAY' };
  if (change.to) {
    if (slotTimes(change.to, schedule.slotMinutes).length === 0) return { refused: 'NO_SLOT' };
    if (change.to.date !== change.date && occurrenceOn(schedule, changes, change.to.date)) return { refused: 'TARGET_TAKEN' };
  }
  return { changes: [...changes, change], repeated: false };
}
