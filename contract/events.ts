import { z } from 'zod';
import { idSchema, isoDateTimeSchema, monthSchema, pageInputSchema, pageOf } from './common';
import { placeSchema } from './geo';
import { action } from './result';
import {
  EVENT_TYPES,
  EVENT_STATUSES,
  DISH_KINDS,
  STALL_KINDS,
  SIGN_UP_KINDS,
  SIGN_UP_STATUSES,
  MAX_EVENT_MS,
  EVENT_TOO_LONG,
  STAFF_EVENT_STATES,
  EVENT_SCOPES,
} from './terms/events';
import { contactPhoneProblem } from './terms/registry';

export const eventTypeSchema = z.enum(EVENT_TYPES);

export const eventStatusSchema = z.enum(EVENT_STATUSES);

export const dishKindSchema = z.enum(DISH_KINDS);

export const stallKindSchema = z.enum(STALL_KINDS);

export const eventSummarySchema = z.object({
  id: idSchema,
  type: eventTypeSchema,
  title: z.string(),
  description: z.string(),
  communityId: idSchema,
  communityName: z.string(),
  place: placeSchema,
  startAt: isoDateTimeSchema,
  endAt: isoDateTimeSchema,
  /** Sign-up closes at this instant. */
  deadline: isoDateTimeSchema,
  /** Places count people. */
  capacity: z.number().int().min(1),
  placesLeft: z.number().int().min(0),
  status: eventStatusSchema,
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

const countsSchema = z.object({ cap: z.number().int().min(0), taken: z.number().int().min(0), left: z.number().int().min(0) });

// ---- sign-ups ----------------------------------------------------------------------------------

export const signUpKindSchema = z.enum(SIGN_UP_KINDS);

export const signUpStatusSchema = z.enum(SIGN_UP_STATUSES);

/** People of one household (or visiting party) signing up together. */
export const headcountSchema = z.number().int().min(1, '至少 1 人').max(10, '一次最多报 10 人');
export const dishSchema = z.object({ kind: dishKindSchema, name: z.string().trim().min(1, '请填写菜名').max(20, '菜名最多 20 个字') });
export const stallSchema = z.object({ kind: stallKindSchema, description: z.string().trim().min(1, '请简单介绍摊位').max(100, '摊位介绍最多 100 个字') });

export const signUpSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  eventTitle: z.string(),
  eventType: eventTypeSchema,
  startAt: isoDateTimeSchema,
  kind: signUpKindSchema,
  /** People coming; 0 for a stall (its keepers take no visitor places). */
  headcount: z.number().int().min(0),
  dish: dishSchema.nullable(),
  stall: stallSchema.nullable(),
  status: signUpStatusSchema,
  /** 1 = next in line; only while waitlisted. */
  waitlistPosition: z.number().int().min(1).nullable(),
  name: z.string(),
  /** Unmasked only for the resident and the event's staff. */
  phone: z.string(),
  createdAt: isoDateTimeSchema,
  decision: z.object({ approved: z.boolean(), by: z.string(), at: isoDateTimeSchema, reason: z.string() }).nullable(),
  cancellation: z.object({ by: z.enum(['resident', 'staff']), at: isoDateTimeSchema, reason: z.string() }).nullable(),
  /** The entry code (shown as a QR code): only to the resident, only while confirmed. */
  entryCode: z.string().nullable(),
  /** Whether the caller may change or cancel it now (active, before the deadline). */
  canChange: z.boolean(),
});
export type SignUp = z.infer<typeof signUpSchema>;

export const eventDetailSchema = eventSummarySchema.extend({
  /** Most people one sign-up may bring. */
  maxHeadcount: z.number().int().min(1),
  /** Whether visitors' and households' sign-ups wait for staff approval (stalls always do). */
  visitorsNeedApproval: z.boolean(),
  /** Sign-ups waiting for a place. */
  waitlisted: z.number().int().min(0),
  /** A banquet's dishes kind by kind: what the table already has (null for a market). */
  dishes: z.record(dishKindSchema, countsSchema).nullable(),
  /** A market's stalls kind by kind (null for a banquet). */
  stalls: z.record(stallKindSchema, countsSchema).nullable(),
  /** Why the event was cancelled, when it was. */
  notice: z.string().nullable(),
  /** The organiser's phone (tap to call); null when the event has none. */
  contactPhone: z.string().nullable(),
  /** Whether it takes sign-ups now (published, before the deadline). */
  open: z.boolean(),
  /** The caller's active sign-ups (a market visitor may also keep a stall). */
  mine: z.array(signUpSchema),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

const eventRef = { eventId: idSchema };
const signUpRef = { signUpId: idSchema };
const notify = { subscribe: z.boolean().default(false) };

export const signUpInputSchema = z.discriminatedUnion('kind', [
  z.object({ ...eventRef, ...notify, kind: z.literal('visitor'), headcount: headcountSchema, joinWaitlist: z.boolean().default(false) }).strict(),
  z.object({ ...eventRef, ...notify, kind: z.literal('stall'), stall: stallSchema }).strict(),
  z
    .object({ ...eventRef, ...notify, kind: z.literal('household'), headcount: headcountSchema, dish: dishSchema, joinWaitlist: z.boolean().default(false) })
    .strict(),
]);

// ---- events as staff keep them ----------------------------------------------------------------------

const capSchema = z.number().int().min(0).max(500);
/**
 * An event's fields as staff keep them, without defaults: updateEvent takes any of them (a default
 * would overwrite what is stored with a field left out), createEvent fills the defaults in.
 */
const eventFieldShape = {
  title: z.string().trim().min(1, '请填写活动名称').max(40, '活动名称最多 40 个字'),
  description: z.string().trim().max(1000, '介绍最多 1000 个字'),
  /** An address with a position, or a station (its id, and its position): residents are shown the way there. */
  place: placeSchema.refine((p) => p.location !== null, { message: '请在地图上选定活动地点，或选择一个服务站', path: ['location'] }),
  startAt: isoDateTimeSchema,
  endAt: isoDateTimeSchema,
  deadline: isoDateTimeSchema,
  capacity: z.number().int().min(1, '名额至少 1 人').max(2000),
  maxHeadcount: headcountSchema,
  /** Banquet only: how many dishes of each kind (a kind left out is not wanted). */
  dishCaps: z.partialRecord(dishKindSchema, capSchema).nullable(),
  /** Market only: how many stalls of each kind. */
  stallCaps: z.partialRecord(stallKindSchema, capSchema).nullable(),
  /** Whether market visitors and banquet households wait for staff approval, as stalls always do. */
  visitorsNeedApproval: z.boolean(),
  /** The organiser's phone residents may call about the event; empty: none. */
  contactPhone: z
    .string()
    .trim()
    .refine((phone) => !contactPhoneProblem(phone), { message: contactPhoneProblem('?')! }),
};
export const eventFieldsSchema = z.object({
  ...eventFieldShape,
  maxHeadcount: eventFieldShape.maxHeadcount.default(6),
  dishCaps: eventFieldShape.dishCaps.default(null),
  stallCaps: eventFieldShape.stallCaps.default(null),
  visitorsNeedApproval: eventFieldShape.visitorsNeedApproval.default(false),
  contactPhone: eventFieldShape.contactPhone.default(''),
});

/** The order of an event's instants: deadline ≤ start < end, and at most MAX_EVENT_MS long. */
export function checkEventTimes(e: { startAt?: string; endAt?: string; deadline?: string }, ctx: z.RefinementCtx): void {
  if (e.startAt && e.endAt && Date.parse(e.startAt) >= Date.parse(e.endAt))
    ctx.addIssue({ code: 'custom', message: '结束时间要晚于开始时间', path: ['endAt'] });
  if (e.startAt && e.endAt && Date.parse(e.endAt) - Date.parse(e.startAt) > MAX_EVENT_MS)
    ctx.addIssue({ code: 'custom', message: EVENT_TOO_LONG, path: ['endAt'] });
  if (e.startAt && e.deadline && Date.parse(e.deadline) > Date.parse(e.startAt))
    ctx.addIssue({ code: 'custom', message: '报名截止不能晚于开始时间', path: ['deadline'] });
}

export const rosterSchema = z.object({
  event: eventDetailSchema,
  /** People holding places, households (or visiting parties) and stalls among the active sign-ups. */
  totals: z.object({ people: z.number().int(), signUps: z.number().int(), waitlisted: z.number().int(), stalls: z.number().int(), attended: z.number().int() }),
  /** Every sign-up in any status, in sign-up order, phones whole. */
  signUps: z.array(signUpSchema),
});
export type Roster = z.infer<typeof rosterSchema>;

// ---- the staff's list of their community's events -----------------------------------------------

export const staffEventStateSchema = z.enum(STAFF_EVENT_STATES);

export const staffEventSchema = eventSummarySchema.extend({
  state: staffEventStateSchema,
  /** Sign-ups waiting for a place. */
  waitlisted: z.number().int().min(0),
});
export type StaffEvent = z.infer<typeof staffEventSchema>;

/** The roster as an .xlsx file: its name and its bytes in base64 (well under callFunction's 1 MB answer). */
export const rosterFileSchema = z.object({ fileName: z.string().min(1), base64: z.string().min(1) });
export type RosterFile = z.infer<typeof rosterFileSchema>;

// ---- the 活动 tab: my neighbourhood or the whole district ------------------------------------------

export const eventScopeSchema = z.enum(EVENT_SCOPES);

export const monthEventsSchema = z.object({
  month: monthSchema,
  /** The caller's community when the scope was narrowed to its neighbourhood, else null. */
  homeCommunityId: idSchema.nullable(),
  /** Published events starting in the month (China time) that have not ended, soonest first. */
  events: z.array(eventSummarySchema),
});
export type MonthEvents = z.infer<typeof monthEventsSchema>;

export const eventsContract = {
  /**
   * Published events that have not ended: of one community (communityId), of the caller's
   * neighbourhood (scope 'nearby': their community's first, then the neighbours', each soonest first),
   * or of the district (the default), soonest first. The caller's community is `homeCommunityId` when
   * given (chosen on the device before there is a profile), else the profile's.
   */
  listUpcoming: action(
    pageInputSchema
      .extend({
        communityId: idSchema.optional(),
        scope: eventScopeSchema.default('district'),
        type: eventTypeSchema.optional(),
        homeCommunityId: idSchema.optional(),
      })
      .strict(),
    pageOf(eventSummarySchema),
  ),
  /** The calendar: a month's upcoming events in the same scopes as listUpcoming (default 'nearby'). */
  listMonth: action(
    z
      .object({ month: monthSchema, scope: eventScopeSchema.default('nearby'), type: eventTypeSchema.optional(), homeCommunityId: idSchema.optional() })
      .strict(),
    monthEventsSchema,
  ),
  /** One event with its places, dishes or stalls kind by kind, and the caller's sign-ups. */
  getEvent: action(z.object(eventRef).strict(), eventDetailSchema),
  /** Signs up (or joins the waitlist when full and asked for). Name and phone come from the profile. */
  signUp: action(signUpInputSchema, signUpSchema),
  /** Before the deadline: a new headcount or dish, kept only if it fits. */
  changeSignUp: action(
    z
      .object({ ...signUpRef, headcount: headcountSchema.optional(), dish: dishSchema.optional() })
      .strict()
      .refine((c) => c.headcount !== undefined || c.dish !== undefined, { message: '请填写要修改的人数或菜品' }),
    signUpSchema,
  ),
  cancelSignUp: action(z.object({ ...signUpRef, reason: z.string().trim().max(100).default('') }).strict(), signUpSchema),
  /** The caller's sign-ups: upcoming (soonest first) or past (latest first). */
  mySignUps: action(pageInputSchema.extend({ scope: z.enum(['upcoming', 'past']) }).strict(), pageOf(signUpSchema)),
  /** Staff of the community (admins too): a new event, as a draft. */
  createEvent: action(eventFieldsSchema.extend({ communityId: idSchema, type: eventTypeSchema }).strict().superRefine(checkEventTimes), eventDetailSchema),
  /**
   * Staff: change an event; places and caps never below what is taken. visitorsNeedApproval applies to
   * sign-ups getting places from then on (new ones, and waiting ones promoted); those holding places keep their state.
   */
  updateEvent: action(z.object(eventFieldShape).partial().extend(eventRef).strict().superRefine(checkEventTimes), eventDetailSchema),
  publishEvent: action(z.object(eventRef).strict(), eventDetailSchema),
  /** Staff: cancel an event; everyone signed up is told. */
  cancelEvent: action(
    z.object({ ...eventRef, reason: z.string().trim().min(1, '请填写取消原因').max(100) }).strict(),
    /** Sign-ups ended and told so far; `allTold` false: the rest follow within minutes (a background job). */
    z.object({ cancelledSignUps: z.number().int(), allTold: z.boolean() }),
  ),
  /** Staff: approve or reject a pending sign-up (a stall, or a visitor or household when the event needs approval); a reason is needed to reject. */
  reviewSignUp: action(
    z
      .object({ ...signUpRef, approve: z.boolean(), reason: z.string().trim().max(100).default('') })
      .strict()
      .refine((d) => d.approve || d.reason.length > 0, { message: '请填写不通过的原因', path: ['reason'] }),
    signUpSchema,
  ),
  /** Staff: everyone signed up, with headcounts, stalls, dishes and phones. */
  roster: action(z.object(eventRef).strict(), rosterSchema),
  /** Staff: check a sign-up in by the code its resident shows, or by tapping it. */
  checkIn: action(
    z
      .object({ ...eventRef, code: z.string().trim().min(4).max(64).optional(), signUpId: idSchema.optional() })
      .strict()
      .refine((c) => Boolean(c.code) !== Boolean(c.signUpId), { message: '请扫描签到码或选择一位报名人' }),
    signUpSchema,
  ),
  /**
   * Staff: their community's events in every state, drafts and cancelled ones included (admins name
   * the community): those not yet ended soonest first, then the ended ones latest first.
   */
  communityEvents: action(
    pageInputSchema.extend({ communityId: idSchema.optional(), state: staffEventStateSchema.optional() }).strict(),
    pageOf(staffEventSchema),
  ),
  /** Staff: the roster as an Excel workbook for the day (花名册 and 汇总). */
  exportRoster: action(z.object(eventRef).strict(), rosterFileSchema),
};
