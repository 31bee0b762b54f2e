import { z } from 'zod';
import { idSchema, pageInputSchema, pageOf } from './common';
import { lngLatSchema } from './geo';
import { action } from './result';

/** Party-and-mass service stations (党群服务站) at four levels. */
export const STATION_LEVELS = ['district', 'street', 'community', 'compound'] as const;
export const stationLevelSchema = z.enum(STATION_LEVELS);
export type StationLevel = z.infer<typeof stationLevelSchema>;
export const STATION_LEVEL_LABELS: Record<StationLevel, string> = {
  district: '区级',
  street: '街道级',
  community: '社区级',
  compound: '小区级',
};

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
export const openingPeriodSchema = z.object({ open: clockTime, close: clockTime });
/** Opening periods per ISO weekday ("1" = Monday … "7" = Sunday); a missing day is closed. */
export const openingHoursSchema = z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(openingPeriodSchema));
export type OpeningHours = z.infer<typeof openingHoursSchema>;

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
  active: z.boolean(),
});
export type Station = z.infer<typeof stationSchema>;

export const stationsContract = {
  /** Active stations, by level (district first) then name; optionally of one level or community. */
  list: action(
    pageInputSchema.extend({ level: stationLevelSchema.optional(), communityId: idSchema.optional() }).strict(),
    pageOf(stationSchema),
  ),
};
