import { z } from 'zod';
import { CHINA_BOUNDS, type LngLat } from './terms/geo';

/** A position as the app uses it: GCJ-02 (WeChat's maps), degrees. Stored as a GeoJSON point. */
export const lngLatSchema = z.object({
  lng: z.number().min(CHINA_BOUNDS.lng.min).max(CHINA_BOUNDS.lng.max),
  lat: z.number().min(CHINA_BOUNDS.lat.min).max(CHINA_BOUNDS.lat.max),
}) satisfies z.ZodType<LngLat>;

/** Where something happens: an address, and a position or a station. */
export const placeSchema = z.object({
  address: z.string().trim().min(1, '请填写地点').max(100, '地点最多 100 个字'),
  location: lngLatSchema.nullable(),
  stationId: z.string().nullable(),
});
export type Place = z.infer<typeof placeSchema>;
