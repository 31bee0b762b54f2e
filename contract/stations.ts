import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, keywordSchema, pageInputSchema, pageOf } from './common';
import { eventSummarySchema } from './events';
import { lngLatSchema } from './geo';
import { action } from './result';
import { serviceClassSchema } from './service';
import { STATION_LEVELS } from './terms/stations';

export const stationLevelSchema = z.enum(STATION_LEVELS);

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:mm');
/** One opening period; close earlier than open runs past midnight into the next day. */
export const openingPeriodSchema = z.object({ open: clockTime, close: clockTime });
export type OpeningPeriod = z.infer<typeof openingPeriodSchema>;
/** Opening periods per ISO weekday ("1" = Monday … "7" = Sunday); a missing day is closed. */
export const openingHoursSchema = z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(openingPeriodSchema));
export type OpeningHours = z.infer<typeof openingHoursSchema>;
/** A date (China time) that does not follow the weekly hours: a holiday (no periods = closed) or special hours. */
export const openingExceptionSchema = z.object({
  date: isoDateSchema,
  periods: z.array(openingPeriodSchema).max(4),
  note: z.string().trim().max(20, '说明最多 20 个字'),
});
export type OpeningException = z.infer<typeof openingExceptionSchema>;

export const stationSchema = z.object({
  id: idSchema,
  name: z.string(),
  level: stationLevelSchema,
  streetId: idSchema,
  communityId: idSchema.nullable(),
  address: z.string(),
  /** GCJ-02. */
  location: lngLatSchema,
  phone: z.string(),
  services: z.array(z.string()),
  openingHours: openingHoursSchema,
  /** Holidays and special days, by date; past ones may be dropped. */
  exceptions: z.array(openingExceptionSchema),
  active: z.boolean(),
});
export type Station = z.infer<typeof stationSchema>;

/** Whether a station is open at the moment asked, and when that changes (null: not within the next 14 days). */
export const openStateSchema = z.object({
  open: z.boolean(),
  /** Closing instant if open, next opening if closed. */
  changesAt: isoDateTimeSchema.nullable(),
});
export type OpenState = z.infer<typeof openStateSchema>;

/** A station seen from a point: how far on foot, and whether it is open now. */
export const nearbyStationSchema = stationSchema.extend({
  /** Straight-line distance, metres. */
  straightMetres: z.number().min(0),
  /** Estimated walking distance, metres, and minutes at 80 m/min. */
  walkingMetres: z.number().min(0),
  walkingMinutes: z.number().int().min(0),
  /** Within the 15-minute circle. */
  withinCircle: z.boolean(),
  openState: openStateSchema,
});
export type NearbyStation = z.infer<typeof nearbyStationSchema>;

export const stationTeamSchema = z.object({
  id: idSchema,
  name: z.string(),
  serviceClass: serviceClassSchema,
  /** The next service days held at this station (dates, China time), soonest first. */
  nextDates: z.array(isoDateSchema),
});

export const stationDetailSchema = z.object({
  station: stationSchema,
  openState: openStateSchema,
  /** Teams whose fixed service day is held here. */
  teams: z.array(stationTeamSchema),
  /** Published events held here that have not ended, soonest first. */
  events: z.array(eventSummarySchema),
});
export type StationDetail = z.infer<typeof stationDetailSchema>;

/** What staff and admins keep about a station. */
export const stationFieldsSchema = z.object({
  name: z.string().trim().min(1, '请填写服务站名称').max(40, '名称最多 40 个字'),
  level: stationLevelSchema,
  /** Required for community and compound stations; must be null above them. */
  communityId: idSchema.nullable(),
  /** For district and street stations; community and compound stations take their community's street. */
  streetId: idSchema.nullable(),
  address: z.string().trim().min(1, '请填写地址').max(100, '地址最多 100 个字'),
  location: lngLatSchema,
  phone: z
    .string()
    .trim()
    .regex(/^[\d-]{7,20}$/, '电话号码格式不正确'),
  services: z.array(z.string().trim().min(1).max(20)).max(30, '服务项目最多 30 项'),
  openingHours: openingHoursSchema,
  exceptions: z.array(openingExceptionSchema).max(60).default([]),
});
export type StationFields = z.infer<typeof stationFieldsSchema>;

/** A place where residents live (a community as a whole, or a compound in it), seen against the 15-minute circle. */
export const coverageAreaSchema = z.object({
  kind: z.enum(['community', 'compound']),
  id: idSchema,
  name: z.string(),
  communityId: idSchema,
  communityName: z.string(),
  households: z.number().int().min(0),
  location: lngLatSchema,
  /** The nearest active station and how far it is on foot; null when none is within 5 km. */
  nearest: z.object({ id: idSchema, name: z.string(), walkingMetres: z.number().min(0), walkingMinutes: z.number().int().min(0) }).nullable(),
  covered: z.boolean(),
});
export type CoverageArea = z.infer<typeof coverageAreaSchema>;

export const coverageSchema = z.object({
  /** Households in the area asked about, and those with a station within 15 minutes on foot. */
  households: z.number().int().min(0),
  coveredHouseholds: z.number().int().min(0),
  /** Places left out of the circle, most households first. */
  uncovered: z.array(coverageAreaSchema),
  /** How many places (communities and compounds) were checked. */
  areasChecked: z.number().int().min(0),
});
export type Coverage = z.infer<typeof coverageSchema>;

const stationRef = { stationId: idSchema };

export const stationsContract = {
  /**
   * Active stations nearest a point (GCJ-02) first, in one geoNear query on the database's geo index;
   * optionally of one level, offering one service, or matching a name. Paged.
   */
  nearest: action(
    pageInputSchema
      .extend({
        from: lngLatSchema,
        level: stationLevelSchema.optional(),
        service: z.string().trim().min(1).max(20).optional(),
        keyword: keywordSchema.optional(),
      })
      .strict(),
    pageOf(nearbyStationSchema),
  ),
  /** One station with the teams that serve there (and their next days) and the events held there. */
  get: action(z.object(stationRef).strict(), stationDetailSchema),
  /** Staff (own community's community/compound stations) and admins (any): every station of their area, inactive too. */
  listForStaff: action(
    pageInputSchema.extend({ communityId: idSchema.optional(), includeInactive: z.boolean().default(true) }).strict(),
    pageOf(stationSchema),
  ),
  /** Staff/admins: create a station (no stationId) or replace one's fields. */
  save: action(stationFieldsSchema.extend({ stationId: idSchema.optional() }).strict(), stationSchema),
  /** Staff/admins: deactivate (hidden from residents, kept in the data) or reactivate; never deleted. */
  setActive: action(z.object({ ...stationRef, active: z.boolean(), reason: z.string().trim().max(100).default('') }).strict(), stationSchema),
  /**
   * Staff (their community) and admins (a street, a community or the district): the communities and compounds
   * with no active station within 15 minutes on foot, most households first.
   */
  coverage: action(z.object({ communityId: idSchema.optional(), streetId: idSchema.optional() }).strict(), coverageSchema),
};
