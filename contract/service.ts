import { z } from 'zod';
import { idSchema, isoDateSchema, keywordSchema, pageInputSchema, pageOf } from './common';
import { placeSchema } from './geo';
import { action } from './result';
import { SERVICE_CLASSES } from './terms/service';

export const serviceClassSchema = z.enum(SERVICE_CLASSES);

export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');
const clockTime = clockTimeSchema;
const isoDate = isoDateSchema;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weekdaySchema = z.number().int().min(1).max(7);

/** When a fixed service day recurs. */
export const recurrenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weekly'), weekdays: z.array(weekdaySchema).min(1, '请至少选择一天').max(7) }),
  /** The same date each month; months without it (31st in April) are skipped. */
  z.object({ kind: z.literal('monthlyDate'), day: z.number().int().min(1).max(31) }),
  /** The n-th weekday of each month (nth -1 = the last); months without a 5th are skipped. */
  z.object({ kind: z.literal('monthlyNth'), nth: z.union([z.literal(-1), z.number().int().min(1).max(5)]), weekday: weekdaySchema }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;

/** A team's fixed service day (固定服务日): when, where, and the booking rules (fields only). */
/** A whole number within bounds, with the wording a leader sees when it is not. */
const count = (label: string, min: number, max: number, unit: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}要填整数`)
    .min(min, `${label}最少 ${min} ${unit}`)
    .max(max, `${label}最多 ${max} ${unit}`);

export const scheduleFieldsSchema = z.object({
  recurrence: recurrenceSchema,
  startTime: clockTime,
  endTime: clockTime,
  slotMinutes: count('每个时段', 10, 480, '分钟'),
  placesPerSlot: count('每个时段的名额', 1, 500, '个'),
  place: placeSchema,
  needsApproval: z.boolean(),
  /** Booking opens this many days before the service day… */
  opensDaysBefore: count('提前开放预约的天数', 0, 60, '天'),
  /** …and closes this many hours before a slot starts. */
  closesHoursBefore: count('截止预约的提前小时数', 0, 72, '小时'),
  /** Residents may cancel until this many hours before the slot. */
  cancelHoursBefore: count('可取消的提前小时数', 0, 72, '小时'),
  /** At most this many active bookings per resident per team per week. */
  weeklyLimit: count('每人每周预约次数', 1, 20, '次'),
  validFrom: isoDate,
  validUntil: isoDate.nullable(),
});
const clockMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Rules across a schedule's fields, shared by the contract and the stored document's schema. */
export function checkSchedule(
  s: Pick<z.infer<typeof scheduleFieldsSchema>, 'startTime' | 'endTime' | 'slotMinutes' | 'validFrom' | 'validUntil'>,
  ctx: z.RefinementCtx,
): void {
  if (clockMinutes(s.startTime) + s.slotMinutes > clockMinutes(s.endTime)) {
    ctx.addIssue({ code: 'custom', message: '服务时间至少要容纳一个时段', path: ['endTime'] });
  }
  if (s.validUntil !== null && s.validUntil < s.validFrom) {
    ctx.addIssue({ code: 'custom', message: '结束日期不能早于开始日期', path: ['validUntil'] });
  }
}

export const scheduleSchema = scheduleFieldsSchema.superRefine(checkSchedule);
export type Schedule = z.infer<typeof scheduleSchema>;

/** One service day of a team, in China time. */
export const occurrenceSchema = z.object({ date: isoDate, startTime: clockTime, endTime: clockTime });
export type Occurrence = z.infer<typeof occurrenceSchema>;

export const teamSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  serviceClass: serviceClassSchema,
  communityId: idSchema,
  communityName: z.string(),
  description: z.string(),
  /** The next service day, if any is scheduled. */
  nextOccurrence: occurrenceSchema.nullable(),
});
export type TeamSummary = z.infer<typeof teamSummarySchema>;

export const teamDetailSchema = teamSummarySchema.extend({
  services: z.array(z.string()),
  /** The team's current leaders' names. */
  leaders: z.array(z.string()),
  /** The team's phone for residents (tap to call); null when it has none. */
  contactPhone: z.string().nullable(),
  /** False once the team is deactivated: its page still opens (from a past booking) but takes no bookings. */
  active: z.boolean(),
  schedule: scheduleSchema.nullable(),
  /** Up to the next 6 service days. */
  upcoming: z.array(occurrenceSchema),
});
export type TeamDetail = z.infer<typeof teamDetailSchema>;

/** A change to one service day: cancelled (holiday, bad weather) or moved to another day/time. */
export const occurrenceChangeSchema = z.object({
  date: isoDate,
  kind: z.enum(['cancelled', 'moved']),
  /** Where a moved service day went. */
  to: occurrenceSchema.nullable(),
  reason: z.string(),
});
export type OccurrenceChange = z.infer<typeof occurrenceChangeSchema>;

const changeReason = z.string().trim().min(1, '请填写原因，会通知到每位预约的居民').max(100, '原因最多 100 个字');

/**
 * What the change did to the day's bookings so far, each resident told: moved to the new day with a
 * place, moved onto its waitlist (no place left there), ended as cancelled by the team; `allTold`
 * false: the rest follow within minutes (a background job).
 */
const dayChangeResultSchema = z.object({
  movedBookings: z.number().int(),
  waitlistedBookings: z.number().int(),
  cancelledBookings: z.number().int(),
  allTold: z.boolean(),
});

export const serviceContract = {
  /**
   * Teams by class, community and keyword; 206 in all, so paged. By name, or with `homeCommunityId`
   * (the resident's community): that community's teams first, then its neighbours' (centres within
   * NEIGHBOUR_RADIUS_M), each by next service day, then every other team by name (rules/team-order.ts).
   */
  listTeams: action(
    pageInputSchema
      .extend({
        serviceClass: serviceClassSchema.optional(),
        communityId: idSchema.optional(),
        keyword: keywordSchema.optional(),
        homeCommunityId: idSchema.optional(),
      })
      .strict(),
    pageOf(teamSummarySchema),
  ),
  getTeam: action(z.object({ teamId: idSchema }).strict(), teamDetailSchema),
  /** Leader: posts or edits the team's fixed service day. */
  saveSchedule: action(z.object({ teamId: idSchema, schedule: scheduleSchema }).strict(), teamDetailSchema),
  /** Leader: cancels one service day; everyone booked is told and their bookings end as cancelled by the team. */
  cancelOccurrence: action(z.object({ teamId: idSchema, date: isoDate, reason: changeReason }).strict(), dayChangeResultSchema),
  /**
   * Leader: moves one service day; its bookings move with it, each to the corresponding slot of the new
   * day (a place while there is one, in booking order, else its waitlist), and everyone is told. One
   * who already has a booking in that slot keeps it, and the moved one ends as cancelled by the team.
   */
  moveOccurrence: action(
    z
      .object({ teamId: idSchema, date: isoDate, to: occurrenceSchema, reason: changeReason })
      .strict()
      .refine((m) => m.to.startTime < m.to.endTime, { message: '结束时间要晚于开始时间', path: ['to', 'endTime'] }),
    dayChangeResultSchema,
  ),
};
