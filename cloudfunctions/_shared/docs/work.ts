import { z } from 'zod';
import { idSchema, openidSchema, importSheetSchema, importStateSchema, rowFateSchema } from '../../../contract';
import { slotDocSchema } from './bookings';

/** Work done beside and after the actions: messages and their WeChat sends, imports, jobs. */

export const messageDocSchema = z.object({
  _id: idSchema,
  openid: openidSchema,
  title: z.string(),
  body: z.string(),
  bookingId: idSchema.nullable(),
  /** The event a sign-up's message is about (absent on messages stored before events linked theirs). */
  eventId: idSchema.nullable().optional(),
  read: z.boolean(),
  createdAt: z.date(),
});
export type MessageDoc = z.infer<typeof messageDocSchema>;

/** A WeChat subscribe message to send (production: by cloud.openapi; locally it stays here to be seen). */
export const outboxDocSchema = z.object({
  _id: idSchema,
  openid: openidSchema,
  template: z.enum(['bookingStatus', 'reminder']),
  page: z.string(),
  data: z.record(z.string(), z.string()),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  error: z.string().nullable(),
  /**
   * The delivering run that took it (outbox function) and when: absent or null until then. Another run
   * sends it only once the claim is stale (its run died between claiming and recording).
   */
  claimId: z.string().nullable().optional(),
  claimedAt: z.date().nullable().optional(),
});
export type OutboxDoc = z.infer<typeof outboxDocSchema>;

/** One row of an import's preview, with what applying it needs (the fields read, the object it matched). */
export const importRowDocSchema = z.object({
  sheet: importSheetSchema,
  row: z.number().int(),
  fate: rowFateSchema,
  /** The natural key (null when the row could not be read far enough to have one). */
  key: z.string().nullable(),
  title: z.string(),
  reasons: z.array(z.string()),
  changes: z.array(z.object({ label: z.string(), before: z.string(), after: z.string() })),
  /** New and changed rows: the fields read (imports/sheets.ts, by sheet). */
  fields: z.record(z.string(), z.unknown()).nullable(),
  /** Changed and unchanged rows: the object matched at the preview. */
  id: idSchema.nullable(),
  /** Whether applying has reached the row; then `failure`: null when it was saved, else why it could not be. */
  applied: z.boolean(),
  failure: z.string().nullable(),
});
export type ImportRowDoc = z.infer<typeof importRowDocSchema>;

/** An import (imports function): the preview of an uploaded workbook, then its application. */
export const importDocSchema = z.object({
  _id: idSchema,
  districtId: idSchema,
  fileName: z.string(),
  by: openidSchema,
  state: importStateSchema,
  fileProblems: z.array(z.string()),
  rows: z.array(importRowDocSchema),
  /** Applying: only the valid rows of a file with refused ones. */
  validOnly: z.boolean(),
  /** The rows applying writes (indexes into `rows`, in order: parents first), fixed when applying starts. */
  toApply: z.array(z.number().int()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ImportDoc = z.infer<typeof importDocSchema>;

const jobBase = {
  _id: idSchema,
  /** Where the next step starts (a document id, or a slot's index); null before the first step. */
  cursor: z.string().nullable(),
  done: z.boolean(),
  /** Records the steps have ended so far. */
  processed: z.number().int().min(0),
  /** What became of them, by outcome (a moved day's bookings: moved, waitlisted, cancelled); absent until a step says. */
  outcomes: z.record(z.string(), z.number().int().min(0)).optional(),
  /** Until when a run holds the job; another run takes it only after. */
  leaseUntil: z.date(),
  createdAt: z.date(),
  updatedAt: z.date(),
};
/** Who ended what, and why: what every record of a fan-out is marked with and its people are told. */
const endingSchema = z.object({ byOpenid: z.string(), reason: z.string(), at: z.date() });

/**
 * Work over many records that cannot fit one transaction or one invocation (jobs.ts): the change that
 * starts it commits at once; then the job's steps, each small and idempotent, end the records in
 * order, from the action that started it and the timer that continues whatever is left.
 */
export const jobDocSchema = z.discriminatedUnion('kind', [
  z.object({
    ...jobBase,
    kind: z.literal('applyImport'),
    params: z.object({ importId: idSchema, byOpenid: openidSchema }),
  }),
  z.object({
    ...jobBase,
    kind: z.literal('cancelEventSignUps'),
    params: endingSchema.extend({ eventId: idSchema, eventTitle: z.string() }),
  }),
  z.object({
    ...jobBase,
    kind: z.literal('endSlotBookings'),
    params: endingSchema.extend({
      teamId: idSchema,
      /**
       * The slots whose bookings end, as seen when the day changed (one nobody booked is written empty),
       * with what their residents are told; for a moved day, the new day's slot they move to instead
       * (as an empty slot should nobody have booked it yet): only those already booked there end.
       */
      slots: z.array(
        z.object({
          slot: slotDocSchema,
          notice: z.object({ title: z.string(), body: z.string() }),
          moveTo: z.object({ slot: slotDocSchema, needsApproval: z.boolean() }).optional(),
        }),
      ),
    }),
  }),
]);
export type JobDoc = z.infer<typeof jobDocSchema>;

/**
 * A privileged change as the audit log keeps it (`recordChange`, in the change's transaction; never
 * updated): who, when, the kind of object (a collection name) and which one, and its fields before and
 * after. Not validated: it holds documents of every kind.
 */
export interface AuditEntryDoc {
  _id: string;
  actor: string;
  /** `<function>.<action>`, e.g. `registry.saveTeam`. */
  action: string;
  /** The kind of object changed: a collection name (`teams`, `users`…). */
  kind: string;
  target: string;
  before: object | null;
  after: object | null;
  reason?: string;
  at: Date;
}
