import { z } from 'zod';
import { idSchema, isoDateTimeSchema, pageInputSchema, pageOf } from './common';
import { placeSchema } from './geo';
import { action } from './result';

/** The monthly community events. */
export const EVENT_TYPES = ['market', 'banquet'] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;
export const EVENT_TYPE_LABELS: Record<EventType, string> = { market: '幸福集市', banquet: '百家宴' };

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
  status: z.enum(['published', 'cancelled']),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const eventsContract = {
  /** Published events that have not ended, soonest first; optionally of one community. */
  listUpcoming: action(
    pageInputSchema.extend({ communityId: idSchema.optional(), type: eventTypeSchema.optional() }).strict(),
    pageOf(eventSummarySchema),
  ),
};
