import { z } from 'zod';
import {
  CONTACT_PHONE_PATTERN,
  idSchema,
  openidSchema,
  openingHoursSchema,
  openingExceptionSchema,
  personNameSchema,
  phoneSchema,
  occurrenceChangeSchema,
  serviceClassSchema,
  stationLevelSchema,
} from '../../../contract';
import { geoPointDocSchema, scheduleDocSchema } from './places';

/** The registry's objects (districts, streets, communities, compounds, teams) and the service stations. */

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

export function leadersOfTeamDoc(doc: Partial<TeamDoc> & { leaderName?: string; leaderOpenid?: string | null }): TeamLeader[] {
  if (doc.leaders) return doc.leaders;
  return doc.leaderName ? [{ name: doc.leaderName, openid: doc.leaderOpenid ?? null, phone: null }] : [];
}
