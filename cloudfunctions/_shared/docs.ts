import { z } from 'zod';
import {
  eventSummarySchema,
  eventTypeSchema,
  idSchema,
  LngLat,
  lngLatSchema,
  openidSchema,
  openingHoursSchema,
  openingExceptionSchema,
  personNameSchema,
  phoneSchema,
  Place,
  placeSchema,
  roleSchema,
  roleGrantSchema,
  rolesSchema,
  Roles,
  NO_ROLES,
  bookingStatusSchema,
  CANCELLERS,
  dishKindSchema,
  dishSchema,
  eventStatusSchema,
  signUpKindSchema,
  signUpStatusSchema,
  stallKindSchema,
  stallSchema,
  checkSchedule,
  clockTimeSchema,
  isoDateSchema,
  occurrenceChangeSchema,
  Schedule,
  scheduleFieldsSchema,
  serviceClassSchema,
  stationLevelSchema,
  importSheetSchema,
  importStateSchema,
  rowFateSchema,
} from '../../contract';

import { roleKindsOf } from '../../rules/permissions';
import { CONTACT_PHONE_PATTERN } from '../../rules/registry';

/**
 * The stored documents, one schema per collection: the one description of what the database holds.
 * Functions type their reads with these; seeded and imported data is validated against them before
 * it is written. Dates are stored as Date; positions as GeoJSON points (GCJ-02), written with
 * `db.Geo.Point(lng, lat)` so that 2dsphere indexes cover them.
 */

export const geoPointDocSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([lngLatSchema.shape.lng, lngLatSchema.shape.lat]),
});
export type GeoPointDoc = z.infer<typeof geoPointDocSchema>;

export const placeDocSchema = placeSchema.extend({ location: geoPointDocSchema.nullable() });
export type PlaceDoc = z.infer<typeof placeDocSchema>;

export const scheduleDocSchema = scheduleFieldsSchema.extend({ place: placeDocSchema }).superRefine(checkSchedule);
export type ScheduleDoc = z.infer<typeof scheduleDocSchema>;

/**
 * The registry's objects (districts, streets, communities, compounds, teams) carry `active`: false once
 * deactivated (never deleted: bookings, events and the audit log point to them). Documents stored before
 * the field existed have none and count as active (isActiveDoc; queries ask `active != false`).
 */
export const districtDocSchema = z.object({ _id: idSchema, code: z.string().min(1).max(32), name: z.string().min(1).max(30), active: z.boolean() });
export type DistrictDoc = z.infer<typeof districtDocSchema>;

export const streetDocSchema = z.object({
  _id: idSchema,
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(30),
  districtId: idSchema,
  active: z.boolean(),
});
export type StreetDoc = z.infer<typeof streetDocSchema>;

/** Whether a registry object is in use: deactivated ones say `active: false`; those stored before the field count as active. */
export function isActiveDoc(doc: { active?: boolean | null }): boolean {
  return doc.active !== false;
}

export const communityDocSchema = z.object({
  _id: idSchema,
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(30),
  streetId: idSchema,
  location: geoPointDocSchema,
  households: z.number().int().min(0),
  active: z.boolean(),
});
export type CommunityDoc = z.infer<typeof communityDocSchema>;

/** A compound (小区): where a community's households actually live, for the 15-minute circle's coverage. */
export const compoundDocSchema = z.object({
  _id: idSchema,
  name: z.string().trim().min(1).max(30),
  communityId: idSchema,
  /** The community's street, kept here so a street's compounds are read in one query. */
  streetId: idSchema,
  location: geoPointDocSchema,
  households: z.number().int().min(0),
  active: z.boolean(),
});
export type CompoundDoc = z.infer<typeof compoundDocSchema>;

export const teamLeaderSchema = z.object({
  name: personNameSchema,
  openid: openidSchema.nullable(),
  /** From the district's list, so that the invited leader who registers with it takes this place. */
  phone: phoneSchema.nullable(),
});
export type TeamLeader = z.infer<typeof teamLeaderSchema>;

export const teamDocSchema = z.object({
  _id: idSchema,
  name: z.string().trim().min(1).max(30),
  serviceClass: serviceClassSchema,
  communityId: idSchema,
  description: z.string().max(500),
  services: z.array(z.string().min(1).max(20)).min(1).max(20),
  /**
   * The team's current leaders, as residents see them on the team page: a name from the district's list
   * (openid null) until the leader accepts an invitation, then the person who holds the role.
   */
  leaders: z.array(teamLeaderSchema).max(10),
  /** The team's phone for residents (a mobile or a landline with its area code); null: none. Absent on teams stored before it. */
  contactPhone: z.string().regex(CONTACT_PHONE_PATTERN).nullable(),
  active: z.boolean(),
  schedule: scheduleDocSchema.nullable(),
  /** One-off changes to service days (cancelled, moved); absent until the first. */
  changes: z.array(occurrenceChangeSchema).optional(),
  /**
   * How many slot documents first bookings have created; absent until the first. Counted only so that
   * such a booking writes the team, and conflicts with a schedule saved at the same time.
   */
  slotsCreatedByBookings: z.number().int().min(0).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TeamDoc = z.infer<typeof teamDocSchema>;

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
    /** Who cancelled it, when and why. */
    cancellation: z.object({ by: openidSchema, at: z.date(), reason: z.string() }).nullable().optional(),
    createdBy: openidSchema.optional(),
    updatedAt: z.date().optional(),
  })
  .refine((e) => e.startAt < e.endAt, { message: '结束时间要晚于开始时间', path: ['endAt'] })
  .refine((e) => e.deadline <= e.startAt, { message: '报名截止不能晚于开始时间', path: ['deadline'] })
  .refine((e) => e.taken <= e.capacity, { message: '报名人数超过了名额', path: ['taken'] });
export type EventDoc = z.infer<typeof eventDocSchema>;

export const stationDocSchema = z
  .object({
    _id: idSchema,
    name: z.string().trim().min(1).max(40),
    level: stationLevelSchema,
    streetId: idSchema,
    /** The community of a community or compound station; null above that level. */
    communityId: idSchema.nullable(),
    address: z.string().trim().min(1).max(100),
    location: geoPointDocSchema,
    phone: z.string().regex(/^[\d-]{7,20}$/, '电话号码格式不正确'),
    services: z.array(z.string().min(1).max(20)).max(30),
    openingHours: openingHoursSchema,
    /** Holidays and special days (China-time dates), each date at most once. */
    exceptions: z
      .array(openingExceptionSchema)
      .max(60)
      .refine((list) => new Set(list.map((e) => e.date)).size === list.length, '同一天只能有一条特殊安排'),
    active: z.boolean(),
  })
  .refine((s) => (s.communityId === null) === (s.level === 'district' || s.level === 'street'), {
    message: '社区级和小区级服务站要属于一个社区，区级和街道级不属于社区',
    path: ['communityId'],
  });
export type StationDoc = z.infer<typeof stationDocSchema>;

/** A user; _id is the OPENID. Their roles with scopes, and the kinds of role held (for listing by role). */
export const userDocSchema = z
  .object({
    _id: openidSchema,
    name: personNameSchema,
    phone: phoneSchema,
    communityId: idSchema.nullable(),
    /** The phone's last 4 digits, for people search (absent on profiles saved before it: found again once saved). */
    phoneLast4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    roles: rolesSchema,
    roleKinds: z.array(roleSchema).min(1),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .refine((u) => sameKinds(u.roleKinds, roleKindsOf(u.roles)), { message: '角色种类与所担任的角色不一致', path: ['roleKinds'] });
export type UserDoc = z.infer<typeof userDocSchema>;

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

export const messageDocSchema = z.object({
  _id: idSchema,
  openid: openidSchema,
  title: z.string(),
  body: z.string(),
  bookingId: idSchema.nullable(),
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

const jobBase = {
  _id: idSchema,
  /** Where the next step starts (a document id, or a slot's index); null before the first step. */
  cursor: z.string().nullable(),
  done: z.boolean(),
  /** Records the steps have ended so far. */
  processed: z.number().int().min(0),
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
      /** The slots whose bookings end, as seen when the day changed (one nobody booked is written empty). */
      slots: z.array(z.object({ slot: slotDocSchema, notice: z.object({ title: z.string(), body: z.string() }) })),
    }),
  }),
]);
export type JobDoc = z.infer<typeof jobDocSchema>;

/**
 * An invitation to a role (cloudfunctions/invitations). _id is a keyed hash (HMAC-SHA256 with
 * INVITATION_KEY) of its code: the code itself is never stored, and without the key the hash leads back
 * to no code. Never deleted; each use is kept with who and when.
 */
export const invitationDocSchema = z.object({
  _id: idSchema,
  grant: roleGrantSchema,
  /** The team's or the community's community, whose staff see it; null for a district admin's role. */
  communityId: idSchema.nullable(),
  /** The role and its scope in words, as when it was made. */
  roleLabel: z.string(),
  createdBy: openidSchema,
  createdByName: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  maxUses: z.number().int().min(1).max(50),
  usedCount: z.number().int().min(0),
  uses: z.array(z.object({ openid: openidSchema, name: z.string(), at: z.date() })).max(50),
  revokedAt: z.date().nullable(),
  revokedBy: openidSchema.nullable(),
});
export type InvitationDoc = z.infer<typeof invitationDocSchema>;

/** Unknown codes one caller tried in the current hour (invitations): _id is the OPENID. */
export const invitationMissDocSchema = z.object({ _id: openidSchema, windowStart: z.date(), misses: z.number().int().min(0) });
export type InvitationMissDoc = z.infer<typeof invitationMissDocSchema>;

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

// ---- from stored documents to the contract's shapes ------------------------------------------------

/** A GeoJSON point for a position; the SDK write turns it into `db.Geo.Point`. */
export function geoPointDoc({ lng, lat }: LngLat): GeoPointDoc {
  return { type: 'Point', coordinates: [lng, lat] };
}

/**
 * A stored point as the app uses it. Reads through wx-server-sdk hand points back as the SDK's own
 * Point class (`longitude`, `latitude`), not as GeoJSON; both forms are read here.
 */
export function toLngLat(point: GeoPointDoc | { longitude: number; latitude: number }): LngLat {
  if ('longitude' in point) return { lng: point.longitude, lat: point.latitude };
  return { lng: point.coordinates[0], lat: point.coordinates[1] };
}

export function toPlace(place: PlaceDoc): Place {
  return { address: place.address, location: place.location ? toLngLat(place.location) : null, stationId: place.stationId };
}

/** A place as stored: its position as a GeoJSON point. */
export function placeDocOf(place: Place): PlaceDoc {
  return { address: place.address, location: place.location ? geoPointDoc(place.location) : null, stationId: place.stationId };
}

export function toSchedule(schedule: ScheduleDoc): Schedule {
  return { ...schedule, place: toPlace(schedule.place) };
}

/** Dates come back from the SDK as Date; ISO strings are what results carry. */
export function isoString(date: Date): string {
  return new Date(date).toISOString();
}

function sameKinds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}

/**
 * Users and teams stored before a person could hold several roles and a team several leaders
 * (`role` + `staffCommunityId` + `leaderTeamId`; `leaderName` + `leaderOpenid`) are read as the new shape,
 * so an environment keeps working unchanged; every write stores the new shape.
 */
interface LegacyUserFields {
  role?: string;
  staffCommunityId?: string | null;
  leaderTeamId?: string | null;
}
export function rolesOfUserDoc(doc: Partial<UserDoc> & LegacyUserFields): Roles {
  if (doc.roles) return doc.roles;
  return {
    admin: doc.role === 'admin',
    staffOf: doc.role === 'staff' && doc.staffCommunityId ? [doc.staffCommunityId] : [],
    leaderOf: doc.role === 'leader' && doc.leaderTeamId ? [doc.leaderTeamId] : [],
  };
}

/** A user document in the current shape (see rolesOfUserDoc). */
export function upgradeUserDoc(doc: UserDoc & LegacyUserFields): UserDoc {
  const { role: _role, staffCommunityId: _staff, leaderTeamId: _leader, ...rest } = doc;
  const roles = rolesOfUserDoc(doc);
  return { ...rest, roles, roleKinds: roleKindsOf(roles) };
}

export function leadersOfTeamDoc(doc: Partial<TeamDoc> & { leaderName?: string; leaderOpenid?: string | null }): TeamLeader[] {
  if (doc.leaders) return doc.leaders;
  return doc.leaderName ? [{ name: doc.leaderName, openid: doc.leaderOpenid ?? null, phone: null }] : [];
}

export const NEW_USER_ROLES = { roles: NO_ROLES, roleKinds: roleKindsOf(NO_ROLES) };
