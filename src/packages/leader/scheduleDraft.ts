import type { z } from 'zod';
import { LngLat, Occurrence, Recurrence, recurrenceSchema, Schedule, scheduleSchema } from '../../../contract';
import { slotTimes } from '../../../rules/booking';
import { chinaDate } from '../../../rules/china-time';
import { nextOccurrences } from '../../../rules/recurrence';

/**
 * The schedule editor's form state and its rules: what the leader has typed (numbers as text), the
 * schedule it makes, the schema's verdict in plain Chinese per field, and the preview of the days.
 */
export interface ScheduleDraft {
  kind: Recurrence['kind'];
  /** weekly: ISO weekdays. */
  weekdays: number[];
  /** monthlyDate: day of the month. */
  monthDay: number;
  /** monthlyNth: 1–5, or -1 for the last. */
  nth: number;
  nthWeekday: number;
  startTime: string;
  endTime: string;
  slotMinutes: string;
  placesPerSlot: string;
  address: string;
  location: LngLat | null;
  stationId: string | null;
  needsApproval: boolean;
  opensDaysBefore: string;
  closesHoursBefore: string;
  cancelHoursBefore: string;
  weeklyLimit: string;
  validFrom: string;
  validUntil: string | null;
}

/** The form for an existing schedule, or sensible defaults for a first one (valid from `today`). */
export function draftOf(s: Schedule | null, today: string): ScheduleDraft {
  const r = s?.recurrence;
  return {
    kind: r?.kind ?? 'weekly',
    weekdays: r?.kind === 'weekly' ? [...r.weekdays].sort((a, b) => a - b) : [6],
    monthDay: r?.kind === 'monthlyDate' ? r.day : 15,
    nth: r?.kind === 'monthlyNth' ? r.nth : 1,
    nthWeekday: r?.kind === 'monthlyNth' ? r.weekday : 6,
    startTime: s?.startTime ?? '09:00',
    endTime: s?.endTime ?? '11:30',
    slotMinutes: String(s?.slotMinutes ?? 30),
    placesPerSlot: String(s?.placesPerSlot ?? 5),
    address: s?.place.address ?? '',
    location: s?.place.location ?? null,
    stationId: s?.place.stationId ?? null,
    needsApproval: s?.needsApproval ?? false,
    opensDaysBefore: String(s?.opensDaysBefore ?? 7),
    closesHoursBefore: String(s?.closesHoursBefore ?? 2),
    cancelHoursBefore: String(s?.cancelHoursBefore ?? 2),
    weeklyLimit: String(s?.weeklyLimit ?? 1),
    validFrom: s?.validFrom ?? today,
    validUntil: s?.validUntil ?? null,
  };
}

export function recurrenceOf(d: ScheduleDraft): Recurrence {
  switch (d.kind) {
    case 'weekly':
      return { kind: 'weekly', weekdays: [...d.weekdays].sort((a, b) => a - b) };
    case 'monthlyDate':
      return { kind: 'monthlyDate', day: d.monthDay };
    case 'monthlyNth':
      return { kind: 'monthlyNth', nth: d.nth, weekday: d.nthWeekday };
  }
}

/** Text to a number; blank is NaN, so the schema says it is missing rather than zero. */
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** The schedule as the contract takes it (not yet checked). */
export function candidateOf(d: ScheduleDraft): unknown {
  return {
    recurrence: recurrenceOf(d),
    startTime: d.startTime,
    endTime: d.endTime,
    slotMinutes: num(d.slotMinutes),
    placesPerSlot: num(d.placesPerSlot),
    place: { address: d.address.trim(), location: d.location, stationId: d.stationId },
    needsApproval: d.needsApproval,
    opensDaysBefore: num(d.opensDaysBefore),
    closesHoursBefore: num(d.closesHoursBefore),
    cancelHoursBefore: num(d.cancelHoursBefore),
    weeklyLimit: num(d.weeklyLimit),
    validFrom: d.validFrom,
    validUntil: d.validUntil,
  };
}

export type ScheduleField =
  | 'recurrence'
  | 'startTime'
  | 'endTime'
  | 'slotMinutes'
  | 'placesPerSlot'
  | 'place'
  | 'opensDaysBefore'
  | 'closesHoursBefore'
  | 'cancelHoursBefore'
  | 'weeklyLimit'
  | 'validFrom'
  | 'validUntil'
  | 'needsApproval';

/** Each field's name, for any message the contract leaves unworded. */
const LABELS: Record<ScheduleField, string> = {
  recurrence: '重复方式',
  startTime: '开始时间',
  endTime: '结束时间',
  slotMinutes: '每个时段的时长',
  placesPerSlot: '每个时段的名额',
  place: '服务地点',
  opensDaysBefore: '提前开放预约的天数',
  closesHoursBefore: '截止预约的时间',
  cancelHoursBefore: '可取消的时间',
  weeklyLimit: '每人每周预约次数',
  validFrom: '开始日期',
  validUntil: '结束日期',
  needsApproval: '是否需要审核',
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** One schema issue in plain Chinese: the contract words its rules; anything else names the field. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (HAS_CHINESE.test(issue.message)) return issue.message;
  const field = String(issue.path[0]) as ScheduleField;
  return `请检查${LABELS[field] ?? '这一项'}`;
}

export type ScheduleCheck = { ok: true; schedule: Schedule } | { ok: false; problems: Partial<Record<ScheduleField, string>>; messages: string[] };

/** The contract's scheduleSchema on the form: the schedule, or a message per field (the first issue of each). */
export function checkDraft(d: ScheduleDraft): ScheduleCheck {
  const parsed = scheduleSchema.safeParse(candidateOf(d));
  if (parsed.success) return { ok: true, schedule: parsed.data };
  const problems: Partial<Record<ScheduleField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0]) as ScheduleField;
    if (!problems[field]) problems[field] = issueMessage(issue);
  }
  return { ok: false, problems, messages: Object.values(problems) as string[] };
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The next `count` service days the form describes, as of `now` (before anything else on the form is
 * valid): empty while the days or times cannot make any.
 */
export function previewOf(d: ScheduleDraft, now: Date, count = 6): Occurrence[] {
  const recurrence = recurrenceSchema.safeParse(recurrenceOf(d));
  if (!recurrence.success || !CLOCK.test(d.startTime) || !CLOCK.test(d.endTime) || d.startTime >= d.endTime) return [];
  if (!DATE.test(d.validFrom) || (d.validUntil !== null && !DATE.test(d.validUntil))) return [];
  return nextOccurrences(
    { recurrence: recurrence.data, startTime: d.startTime, endTime: d.endTime, validFrom: d.validFrom, validUntil: d.validUntil },
    now,
    count,
  );
}

/** "每次 5 个时段，每个时段 5 个名额，共 25 个名额", or null while the numbers make no sense. */
export function capacityLine(d: ScheduleDraft): string | null {
  const minutes = num(d.slotMinutes);
  const places = num(d.placesPerSlot);
  if (!Number.isInteger(minutes) || minutes < 10 || !Number.isInteger(places) || places < 1 || !CLOCK.test(d.startTime) || !CLOCK.test(d.endTime)) return null;
  const slots = slotTimes(d, minutes).length;
  if (slots === 0) return null;
  return `每次 ${slots} 个时段，每个时段 ${places} 个名额，共 ${slots * places} 个名额`;
}

export function todayInChina(now: Date): string {
  return chinaDate(now);
}
