import { bookingDocSchema, quotaDocSchema, slotDocSchema } from './bookings';
import { eventDocSchema, eventLedgerDocSchema, signUpDocSchema } from './events';
import { invitationDocSchema, invitationMissDocSchema, userDocSchema } from './people';
import { communityDocSchema, compoundDocSchema, districtDocSchema, stationDocSchema, streetDocSchema, teamDocSchema } from './registry';
import { importDocSchema, jobDocSchema, messageDocSchema, outboxDocSchema } from './work';

/**
 * The stored documents, one schema per collection: the one description of what the database holds.
 * Functions type their reads with these (through the Collections map, collections.ts); seeded and
 * imported data is validated against them before it is written. Dates are stored as Date; positions as
 * GeoJSON points (GCJ-02), written with `db.Geo.Point(lng, lat)` so that 2dsphere indexes cover them.
 */
export const DOC_SCHEMAS = {
  districts: districtDocSchema,
  streets: streetDocSchema,
  communities: communityDocSchema,
  compounds: compoundDocSchema,
  teams: teamDocSchema,
  events: eventDocSchema,
  stations: stationDocSchema,
  users: userDocSchema,
  slots: slotDocSchema,
  bookings: bookingDocSchema,
  booking_quotas: quotaDocSchema,
  messages: messageDocSchema,
  outbox: outboxDocSchema,
  event_ledgers: eventLedgerDocSchema,
  sign_ups: signUpDocSchema,
  jobs: jobDocSchema,
  imports: importDocSchema,
  invitations: invitationDocSchema,
  invitation_misses: invitationMissDocSchema,
} as const;

export * from './bookings';
export * from './events';
export * from './people';
export * from './places';
export * from './registry';
export * from './work';
