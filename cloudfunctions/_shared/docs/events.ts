import { z } from 'zod';
import {
  CONTACT_PHONE_PATTERN,
  eventSummarySchema,
  eventTypeSchema,
  idSchema,
  openidSchema,
  personNameSchema,
  phoneSchema,
  dishKindSchema,
  dishSchema,
  eventStatusSchema,
  signUpKindSchema,
  signUpStatusSchema,
  stallKindSchema,
  stallSchema,
} from '../../../contract';
import { placeDocSchema } from './places';

/** Community events, their places ledgers and their sign-ups. */

export const eventDocSchema = z
  .object({
    _id: idSchema,
    type: eventTypeSchema,
    title: z.string().trim().min(1).max(40),
    description: z.string().max(1000),
    communityId: idSchema,
    place: placeDocSchema,
    startAt: z.date(),
    endAt: z.date(),
    deadline: z.date(),
    capacity: z.number().int().min(1),
    /** Places taken by sign-ups; kept beside capacity so a sign-up checks both in one document. */
    taken: z.number().int().min(0),
    status: eventStatusSchema,
    createdAt: z.date(),
    /** Most people one sign-up may bring; absent on events made before sign-ups (then 6). */
    maxHeadcount: z.number().int().min(1).optional(),
    /** A banquet's dishes per kind (a kind left out is not wanted); absent: any dish, up to the places. */
    dishCaps: z.partialRecord(dishKindSchema, z.number().int().min(0)).nullable().optional(),
    /** A market's stalls per kind; absent: no stalls. */
    stallCaps: z.partialRecord(stallKindSchema, z.number().int().min(0)).nullable().optional(),
    /** Whether visitors' and households' sign-ups wait for staff approval; absent on events made before it (then false). */
    visitorsNeedApproval: z.boolean().optional(),
    /** The organiser's phone for residents; null: none. Absent on events made before it. */
    contactPhone: z.string().regex(CONTACT_PHONE_PATTERN).nullable().optional(),
    /** Who cancelled it, when and why. */
    cancellation: z.object({ by: openidSchema, at: z.date(), reason: z.string() }).nullable().optional(),
    createdBy: openidSchema.optional(),
    updatedAt: z.date().optional(),
  })
  .refine((e) => e.startAt < e.endAt, { message: '结束时间要晚于开始时间', path: ['endAt'] })
  .refine((e) => e.deadline <= e.startAt, { message: '报名截止不能晚于开始时间', path: ['deadline'] })
  .refine((e) => e.taken <= e.capacity, { message: '报名人数超过了名额', path: ['taken'] });
export type EventDoc = z.infer<typeof eventDocSchema>;

/**
 * The places ledger of one event (rules/ledger.ts): people's places, and dish or stall kinds as
 * sub-pools. _id: the event's id. Every sign-up, change, cancellation and decision of the event rewrites
 * it whole in a transaction (with the event's `taken` beside it), so caps hold under concurrency.
 */
export const eventLedgerDocSchema = z.object({
  _id: idSchema,
  capacity: z.number().int().min(0),
  held: z.number().int().min(0),
  waitlist: z.array(idSchema),
  /** Holder key (OPENID, or OPENID + ':stall' for a market stall) → the active sign-up's id. */
  holders: z.record(z.string(), idSchema),
  claims: z.record(z.string(), z.object({ size: z.number().int().min(0), pools: z.record(z.string(), z.number().int().min(0)).optional() })),
  pools: z.record(z.string(), z.object({ cap: z.number().int().min(0), held: z.number().int().min(0) })),
  updatedAt: z.date(),
});
export type EventLedgerDoc = z.infer<typeof eventLedgerDocSchema>;

const signUpHistorySchema = z.object({ status: signUpStatusSchema, at: z.date(), by: z.string(), reason: z.string() });

/** A sign-up for an event. Never deleted: every change of status, headcount or dish is kept in `history`. */
export const signUpDocSchema = z.object({
  _id: idSchema,
  eventId: idSchema,
  eventType: eventSummarySchema.shape.type,
  eventTitle: z.string(),
  communityId: idSchema,
  /** The event's start: the order of "my sign-ups". */
  startAt: z.date(),
  openid: openidSchema,
  name: personNameSchema,
  phone: phoneSchema,
  kind: signUpKindSchema,
  headcount: z.number().int().min(0),
  dish: dishSchema.nullable(),
  stall: stallSchema.nullable(),
  status: signUpStatusSchema,
  entryCode: z.string(),
  subscribe: z.boolean(),
  decision: z.object({ approved: z.boolean(), by: z.string(), byName: z.string(), at: z.date(), reason: z.string() }).nullable(),
  cancellation: z.object({ by: z.enum(['resident', 'staff']), byOpenid: z.string(), at: z.date(), reason: z.string() }).nullable(),
  checkedInAt: z.date().nullable(),
  /** When the day-before reminder was sent (reminders function); absent or null until then. */
  remindedAt: z.date().nullable().optional(),
  history: z.array(signUpHistorySchema.extend({ change: z.string().optional() })),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SignUpDoc = z.infer<typeof signUpDocSchema>;
