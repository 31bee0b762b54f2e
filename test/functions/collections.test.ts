import database from '../../cloudfunctions/database.json';
import type { CollectionName } from '../../cloudfunctions/_shared/collections';

/** Every name in the functions' typed map of collections: as a Record, the list cannot miss one and compile. */
const TYPED: Record<CollectionName, true> = {
  districts: true,
  streets: true,
  communities: true,
  compounds: true,
  teams: true,
  events: true,
  stations: true,
  users: true,
  slots: true,
  bookings: true,
  booking_quotas: true,
  messages: true,
  outbox: true,
  event_ledgers: true,
  sign_ups: true,
  jobs: true,
  imports: true,
  invitations: true,
  invitation_misses: true,
  audit_log: true,
  settings: true,
};

test('the typed map of collections names exactly the collections database.json declares', () => {
  expect(Object.keys(TYPED).sort()).toEqual(Object.keys(database.collections).sort());
});
