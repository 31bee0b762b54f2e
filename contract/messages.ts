import { z } from 'zod';
import { idSchema, isoDateTimeSchema, pageInputSchema, pageOf } from './common';
import { action } from './result';

/** The resident's in-app messages: bookings and sign-ups confirmed, promoted, rejected, cancelled, changed, reminders; each opens what it is about. */
export const messageSchema = z.object({
  id: idSchema,
  title: z.string(),
  body: z.string(),
  createdAt: isoDateTimeSchema,
  read: z.boolean(),
  /** The booking it is about: tapping the message opens it. */
  bookingId: idSchema.nullable(),
  /** The event it is about (a sign-up's news): tapping the message opens the event. */
  eventId: idSchema.nullable(),
});
export type Message = z.infer<typeof messageSchema>;

export const messagesContract = {
  /** Newest first. */
  list: action(pageInputSchema.strict(), pageOf(messageSchema)),
  unreadCount: action(z.object({}).strict(), z.object({ count: z.number().int().min(0) })),
  /** Marks the given messages (or, without ids, all) as read. */
  markRead: action(z.object({ ids: z.array(idSchema).min(1).max(100).optional() }).strict(), z.object({ updated: z.number().int() })),
};
