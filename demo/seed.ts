import { z } from 'zod';
import {
  DistrictDoc,
  DOC_SCHEMAS,
  CommunityDoc,
  CompoundDoc,
  EventDoc,
  EventLedgerDoc,
  SignUpDoc,
  StationDoc,
  StreetDoc,
  TeamDoc,
  UserDoc,
} from '../cloudfunctions/_shared/docs';
import { chinaDate } from '../rules/china-time';
import { eventSignUps, ledgerDisagreement } from './event-signups';
import { eventsOf } from './events';
import { demoUsers, eventStaff, personName } from './people';
import { makeRng } from './random';
import { compoundsOf, registryOf } from './registry';
import { stationsOf } from './stations';
import { teamsOf } from './teams';

export { DEMO_OPENIDS } from './people';

/**
 * Demo data for Fushan District: streets, communities, stations, service teams with their fixed
 * service days, the coming month's 幸福集市 and 百家宴, and demo accounts. Deterministic: the same
 * `now` gives the same documents. Every document is validated against the stored-document schemas
 * (and its references checked) before anything is written, so demo data obeys what real data does.
 */

type Database = ReturnType<(typeof import('wx-server-sdk'))['database']>;

export interface DemoData {
  districts: DistrictDoc[];
  streets: StreetDoc[];
  communities: CommunityDoc[];
  compounds: CompoundDoc[];
  stations: StationDoc[];
  teams: TeamDoc[];
  events: EventDoc[];
  users: UserDoc[];
  event_ledgers: EventLedgerDoc[];
  sign_ups: SignUpDoc[];
}

const SEED = 20240611;
const DAY_MS = 86_400_000;

/**
 * The parts draw from one stream in this order (registry, stations, teams with their schedules,
 * events), so the order is part of the output; compounds and sign-ups draw from streams of their own.
 */
export function generateDemoData(now: Date): DemoData {
  const rng = makeRng(SEED);
  const today = chinaDate(now);
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const registry = registryOf(rng);
  const { communities } = registry;
  const { stations, communityStation } = stationsOf(rng, registry);
  const teams = teamsOf(rng, communities, communityStation, today, daysAgo);
  const events = eventsOf(rng, communities, communityStation, today, daysAgo);
  const home = communities[0];
  const users = demoUsers(home, teams, daysAgo);

  // Stall and dish kinds on every event, neighbours signed up for the coming ones.
  const signUpRng = makeRng(SEED + 2);
  const signedUp = eventSignUps(events, communities, now, signUpRng, () => personName(signUpRng), eventStaff(home));

  return {
    districts: [registry.district],
    streets: registry.streets,
    communities,
    compounds: compoundsOf(makeRng(SEED + 1), communities),
    stations,
    teams,
    events: signedUp.events,
    users,
    event_ledgers: signedUp.event_ledgers,
    sign_ups: signedUp.sign_ups,
  };
}

// ---- validation and writing ----------------------------------------------------------------------

/**
 * Every document against its collection's schema, and every reference to another document resolved.
 * Throws on the first problem, naming the document.
 */
export function validateDemoData(data: DemoData): DemoData {
  const parseAll = <T>(collection: keyof DemoData, schema: z.ZodType<T>, docs: unknown[]): T[] =>
    docs.map((doc) => {
      const parsed = schema.safeParse(doc);
      if (!parsed.success) throw new Error(`${collection} ${(doc as { _id?: string })._id}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
  const valid: DemoData = {
    districts: parseAll('districts', DOC_SCHEMAS.districts, data.districts),
    streets: parseAll('streets', DOC_SCHEMAS.streets, data.streets),
    communities: parseAll('communities', DOC_SCHEMAS.communities, data.communities),
    compounds: parseAll('compounds', DOC_SCHEMAS.compounds, data.compounds),
    stations: parseAll('stations', DOC_SCHEMAS.stations, data.stations),
    teams: parseAll('teams', DOC_SCHEMAS.teams, data.teams),
    events: parseAll('events', DOC_SCHEMAS.events, data.events),
    users: parseAll('users', DOC_SCHEMAS.users, data.users),
    event_ledgers: parseAll('event_ledgers', DOC_SCHEMAS.event_ledgers, data.event_ledgers),
    sign_ups: parseAll('sign_ups', DOC_SCHEMAS.sign_ups, data.sign_ups),
  };
  const ids = (docs: Array<{ _id: string }>) => new Set(docs.map((d) => d._id));
  const districtIds = ids(valid.districts);
  const streetIds = ids(valid.streets);
  const communityIds = ids(valid.communities);
  const stationIds = ids(valid.stations);
  const teamIds = ids(valid.teams);
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`dangling reference: ${what}`);
  };
  for (const [name, docs] of Object.entries(valid) as Array<[string, Array<{ _id: string }>]>) {
    check(ids(docs).size === docs.length, `${name} has duplicate ids`);
  }
  for (const s of valid.streets) check(districtIds.has(s.districtId), `street ${s._id} → district ${s.districtId}`);
  for (const c of valid.communities) check(streetIds.has(c.streetId), `community ${c._id} → street ${c.streetId}`);
  for (const c of valid.compounds) {
    const community = valid.communities.find((x) => x._id === c.communityId);
    check(community?.streetId === c.streetId, `compound ${c._id} → community ${c.communityId} in street ${c.streetId}`);
  }
  for (const s of valid.stations) {
    check(streetIds.has(s.streetId), `station ${s._id} → street ${s.streetId}`);
    check(s.communityId === null || communityIds.has(s.communityId), `station ${s._id} → community ${s.communityId}`);
  }
  for (const t of valid.teams) {
    check(communityIds.has(t.communityId), `team ${t._id} → community ${t.communityId}`);
    const stationId = t.schedule?.place.stationId;
    check(!stationId || stationIds.has(stationId), `team ${t._id} → station ${stationId}`);
  }
  for (const e of valid.events) {
    check(communityIds.has(e.communityId), `event ${e._id} → community ${e.communityId}`);
    check(!e.place.stationId || stationIds.has(e.place.stationId), `event ${e._id} → station ${e.place.stationId}`);
  }
  const eventsById = new Map(valid.events.map((e) => [e._id, e]));
  for (const s of valid.sign_ups) {
    const event = eventsById.get(s.eventId);
    check(event?.communityId === s.communityId && event.type === s.eventType, `sign-up ${s._id} → event ${s.eventId}`);
  }
  check(new Set(valid.sign_ups.map((s) => s.entryCode)).size === valid.sign_ups.length, 'sign-ups share an entry code');
  for (const ledger of valid.event_ledgers) {
    const event = eventsById.get(ledger._id);
    check(Boolean(event), `event ledger ${ledger._id} → event`);
    const wrong = ledgerDisagreement(
      event!,
      ledger,
      valid.sign_ups.filter((s) => s.eventId === ledger._id),
    );
    if (wrong) throw new Error(`event ledger ${ledger._id} disagrees with its sign-ups: ${wrong}`);
  }
  for (const u of valid.users) {
    for (const communityId of [u.communityId, ...u.roles.staffOf])
      check(!communityId || communityIds.has(communityId), `user ${u._id} → community ${communityId}`);
    for (const teamId of u.roles.leaderOf) check(teamIds.has(teamId), `user ${u._id} → team ${teamId}`);
  }
  // A team's leader accounts and the accounts' teams name each other.
  for (const t of valid.teams) {
    for (const { openid } of t.leaders) {
      if (openid === null) continue;
      check(
        valid.users.some((u) => u._id === openid && u.roles.leaderOf.includes(t._id)),
        `team ${t._id} → leader ${openid}`,
      );
    }
  }
  for (const u of valid.users) {
    for (const teamId of u.roles.leaderOf) {
      check(
        valid.teams.some((t) => t._id === teamId && t.leaders.some((leader) => leader.openid === u._id)),
        `user ${u._id} is not team ${teamId}'s leader`,
      );
    }
  }
  return valid;
}

/** The database takes at most this many documents per `add()`. */
const ADD_BATCH = 500;

/** Turns every GeoJSON point of a document into the SDK's `db.Geo.Point`, as positions are written. */
function withSdkGeoPoints(value: unknown, db: Database): unknown {
  if (Array.isArray(value)) return value.map((item) => withSdkGeoPoints(item, db));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  if (record.type === 'Point' && Array.isArray(record.coordinates)) {
    const [lng, lat] = record.coordinates as [number, number];
    return db.Geo.Point(lng, lat);
  }
  return Object.fromEntries(Object.entries(record).map(([key, field]) => [key, withSdkGeoPoints(field, db)]));
}

/** Generates, validates and writes the demo data; answers how many documents each collection got. */
export async function seedDemoData(db: Database, now: Date): Promise<Record<keyof DemoData, number>> {
  const data = validateDemoData(generateDemoData(now));
  const written = {} as Record<keyof DemoData, number>;
  for (const collection of Object.keys(data) as Array<keyof DemoData>) {
    const docs = data[collection].map((doc) => withSdkGeoPoints(doc, db) as object);
    for (let i = 0; i < docs.length; i += ADD_BATCH) {
      await db.collection(collection).add({ data: docs.slice(i, i + ADD_BATCH) as never });
    }
    written[collection] = docs.length;
  }
  return written;
}
