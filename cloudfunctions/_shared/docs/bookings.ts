import { z } from 'zod';
import { idSchema, openidSchema, personNameSchema, phoneSchema, bookingStatusSchema, CANCELLERS, clockTimeSchema, isoDateSchema } from '../../../contract';

/** Service days' slots, the bookings of their places, and the weekly quotas. */

/** One slot of one service day: its ledger (see rules/booking.ts). _id: slotId(teamId, date, startTime). */
export const slotDocSchema = z.object({
  _id: idSchema,
  teamId: idSchema,
  date: isoDateSchema,
  startTime: clockTimeSchema,
  endTime: clockTimeSchema,
  capacity: z.number().int().min(0),
  held: z.number().int().min(0),
  waitlist: z.array(idSchema),
  holders: z.record(z.string(), idSchema),
  updatedAt: z.date(),
});
export type SlotDoc = z.infer<typeof slotDocSchema>;

const historyEntrySchema = z.object({ status: bookingStatusSchema, at: z.date(), by: z.string(), reason: z.string() });

/** A booking. Never deleted: every change of status is kept in `history` with who, when and why. */
export const bookingDocSchema = z.object({
  _id: idSchema,
  slotId: idSchema,
  teamId: idSchema,
  teamName: z.string(),
  communityId: idSchema,
  date: isoDateSchema,
  startTime: clockTimeSchema,
  endTime: clockTimeSchema,
  /** The slot's start as an instant: the order of "my bookings". */
  startsAt: z.date(),
  address: z.string(),
  openid: openidSchema,
  name: personNameSchema,
  phone: phoneSchema,
  status: bookingStatusSchema,
  needsApproval: z.boolean(),
  checkInCode: z.string(),
  weekKey: z.string(),
  /** The resident allowed a WeChat subscribe message when booking. */
  subscribe: z.boolean(),
  decision: z.object({ approved: z.boolean(), by: z.string(), byName: z.string(), at: z.date(), reason: z.string() }).nullable(),
  cancellation: z.object({ by: z.enum(CANCELLERS), byOpenid: z.string(), at: z.date(), reason: z.string() }).nullable(),
  checkedInAt: z.date().nullable(),
  /** When the day-before reminder was sent (reminders function); absent or null until then. */
  remindedAt: z.date().nullable().optional(),
  history: z.array(historyEntrySchema),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type BookingDoc = z.infer<typeof bookingDocSchema>;

/** Active bookings of one resident with one team in one ISO week (the weekly limit). */
export const quotaDocSchema = z.object({ _id: z.string(), teamId: idSchema, openid: openidSchema, weekKey: z.string(), count: z.number().int().min(0) });
export type QuotaDoc = z.infer<typeof quotaDocSchema>;
