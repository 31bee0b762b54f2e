import { z } from 'zod';
import {
  eventSummarySchema,
  eventTypeSchema,
  idSchema,
  LngLat,
  lngLatSchema,
  openidSchema,
  openingHoursSchema,
  personNameSchema,
  phoneSchema,
  Place,
  placeSchema,
  roleSchema,
  checkSchedule,
  Schedule,
  scheduleFieldsSchema,
  serviceClassSchema,
  stationLevelSchema,
} from '../../contract';

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

export const streetDocSchema = z.object({ _id: idSchema, code: z.string().min(1).max(32), name: z.string().min(1).max(30) });
export type StreetDoc = z.infer<typeof streetDocSchema>;

export const communityDocSchema = z.object({
  _id: idSchema,
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(30),
  streetId: idSchema,
  location: geoPointDocSchema,
  households: z.number().int().min(0),
});
export type CommunityDoc = z.infer<typeof communityDocSchema>;

export const teamDocSchema = z.object({
  _id: idSchema,
  name: z.string().trim().min(1).max(30),
  serviceClass: serviceClassSchema,
  communityId: idSchema,
  description: z.string().max(500),
  services: z.array(z.string().min(1).max(20)).min(1).max(20),
  leaderName: personNameSchema,
  /** The leader's OPENID once they have an account; null until then. */
  leaderOpenid: openidSchema.nullable(),
  schedule: scheduleDocSchema.nullable(),
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
    status: eventSummarySchema.shape.status,
    createdAt: z.date(),
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
    active: z.boolean(),
  })
  .refine((s) => (s.communityId === null) === (s.level === 'district' || s.level === 'street'), {
    message: '社区级和小区级服务站要属于一个社区，区级和街道级不属于社区',
    path: ['communityId'],
  });
export type StationDoc = z.infer<typeof stationDocSchema>;

/** A user; _id is the OPENID. A staff member has a community to serve and a leader a team to lead, nobody else. */
export const userDocSchema = z
  .object({
    _id: openidSchema,
    name: personNameSchema,
    phone: phoneSchema,
    communityId: idSchema.nullable(),
    role: roleSchema,
    staffCommunityId: idSchema.nullable(),
    leaderTeamId: idSchema.nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .refine((u) => (u.role === 'staff') === (u.staffCommunityId !== null), { message: '只有社区工作者有服务社区', path: ['staffCommunityId'] })
  .refine((u) => (u.role === 'leader') === (u.leaderTeamId !== null), { message: '只有队长有所带的服务队', path: ['leaderTeamId'] });
export type UserDoc = z.infer<typeof userDocSchema>;

export const DOC_SCHEMAS = {
  streets: streetDocSchema,
  communities: communityDocSchema,
  teams: teamDocSchema,
  events: eventDocSchema,
  stations: stationDocSchema,
  users: userDocSchema,
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

export function toSchedule(schedule: ScheduleDoc): Schedule {
  return { ...schedule, place: toPlace(schedule.place) };
}

/** Dates come back from the SDK as Date; ISO strings are what results carry. */
export function isoString(date: Date): string {
  return new Date(date).toISOString();
}
