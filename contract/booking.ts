import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, pageInputSchema, pageOf } from './common';
import { action } from './result';
import { clockTimeSchema, occurrenceSchema } from './service';
import { BOOKING_STATUSES, CANCELLERS, DAY_STATES } from './terms/booking';

/** Bookings of places on fixed service days, their approval, and the day's check-in. */

/** Where a booking stands (BOOKING_STATUS_LABELS names each for people). */
export const bookingStatusSchema = z.enum(BOOKING_STATUSES);

export const bookingSchema = z.object({
  id: idSchema,
  teamId: idSchema,
  teamName: z.string(),
  communityId: idSchema,
  date: isoDateSchema,
  startTime: clockTimeSchema,
  endTime: clockTimeSchema,
  address: z.string(),
  status: bookingStatusSchema,
  /** 1 = next in line; only while waitlisted. */
  waitlistPosition: z.number().int().min(1).nullable(),
  name: z.string(),
  /** Unmasked only for the resident, the team's leaders and the approving staff. */
  phone: z.string(),
  createdAt: isoDateTimeSchema,
  /** Approval or rejection: who (name), when, why. */
  decision: z.object({ approved: z.boolean(), by: z.string(), at: isoDateTimeSchema, reason: z.string() }).nullable(),
  cancellation: z.object({ by: z.enum(CANCELLERS), at: isoDateTimeSchema, reason: z.string() }).nullable(),
  /** The check-in code (shown as a QR code): only to the resident, only while confirmed. */
  checkInCode: z.string().nullable(),
  /** Online cancelling ends at this instant (the team's cutoff); null when the team no longer keeps a schedule. */
  cancelBefore: isoDateTimeSchema.nullable(),
  /** Whether the caller may cancel it now (their own, active, before the cutoff). */
  canCancel: z.boolean(),
});
export type Booking = z.infer<typeof bookingSchema>;

export const slotSchema = z.object({
  startTime: clockTimeSchema,
  endTime: clockTimeSchema,
  capacity: z.number().int().min(0),
  /** Places held: confirmed and pending bookings (a pending booking holds its place until decided). */
  held: z.number().int().min(0),
  waitlisted: z.number().int().min(0),
  placesLeft: z.number().int().min(0),
  /** Whether this slot takes bookings now (on the day itself, earlier slots have closed). */
  bookable: z.boolean(),
  /** The caller's active booking of this slot, if any. */
  mine: z.object({ bookingId: idSchema, status: bookingStatusSchema, waitlistPosition: z.number().int().nullable() }).nullable(),
});
export type Slot = z.infer<typeof slotSchema>;

export const dayViewSchema = z.object({
  teamId: idSchema,
  teamName: z.string(),
  needsApproval: z.boolean(),
  occurrence: occurrenceSchema,
  address: z.string(),
  state: z.enum(DAY_STATES),
  /** Why the day is cancelled or moved, when it is. */
  notice: z.string().nullable(),
  opensAt: isoDateTimeSchema,
  slots: z.array(slotSchema),
});
export type DayView = z.infer<typeof dayViewSchema>;

export const sessionSlotSchema = slotSchema.omit({ mine: true, bookable: true }).extend({ bookings: z.array(bookingSchema) });
export const sessionSchema = z.object({ teamId: idSchema, teamName: z.string(), occurrence: occurrenceSchema, slots: z.array(sessionSlotSchema) });
export type Session = z.infer<typeof sessionSchema>;

const slotRef = { teamId: idSchema, date: isoDateSchema, startTime: clockTimeSchema };

export const bookingContract = {
  /** A service day's slots with places left and the caller's own bookings. */
  day: action(z.object({ teamId: idSchema, date: isoDateSchema }).strict(), dayViewSchema),
  /** Books a place (or a waitlist place when full and asked for). Name and phone come from the profile. */
  book: action(z.object({ ...slotRef, joinWaitlist: z.boolean().default(false), subscribe: z.boolean().default(false) }).strict(), bookingSchema),
  /** The resident cancels their own booking before the team's cutoff. */
  cancel: action(z.object({ bookingId: idSchema, reason: z.string().trim().max(100).default('') }).strict(), bookingSchema),
  /** The caller's bookings: upcoming (soonest first) or past (latest first). */
  mine: action(pageInputSchema.extend({ scope: z.enum(['upcoming', 'past']) }).strict(), pageOf(bookingSchema)),
  get: action(z.object({ bookingId: idSchema }).strict(), bookingSchema),
  /** Staff: bookings awaiting approval for their community's teams, oldest first (admins: all). */
  approvalQueue: action(pageInputSchema.strict(), pageOf(bookingSchema)),
  /** Staff: approve or reject one or several pending bookings; each decision is recorded. */
  decide: action(
    z
      .object({ bookingIds: z.array(idSchema).min(1).max(50), approve: z.boolean(), reason: z.string().trim().max(100).default('') })
      .strict()
      .refine((d) => d.approve || d.reason.length > 0, { message: '请填写不通过的原因', path: ['reason'] }),
    z.object({ results: z.array(z.object({ bookingId: idSchema, ok: z.boolean(), message: z.string() })) }),
  ),
  /** Leader: a service day's slots with everyone booked (phones unmasked). */
  session: action(z.object({ teamId: idSchema, date: isoDateSchema }).strict(), sessionSchema),
  /** Leader: check a resident in by the code they show, or by tapping their booking. */
  checkIn: action(
    z
      .object({ teamId: idSchema, code: z.string().trim().min(4).max(64).optional(), bookingId: idSchema.optional() })
      .strict()
      .refine((c) => Boolean(c.code) !== Boolean(c.bookingId), { message: '请扫描签到码或选择一位预约人' }),
    bookingSchema,
  ),
  /** Leader: after a day's session, everyone confirmed but not checked in becomes a no-show. */
  markNoShows: action(z.object({ teamId: idSchema, date: isoDateSchema }).strict(), z.object({ marked: z.number().int() })),
  /** Leader: change one slot's places; raising promotes the waitlist, lowering below those held is refused. */
  setCapacity: action(z.object({ ...slotRef, capacity: z.number().int().min(0).max(500) }).strict(), slotSchema.omit({ mine: true, bookable: true })),
};
