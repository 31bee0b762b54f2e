import { z } from 'zod';

/** A position as the app uses it: GCJ-02 (WeChat's maps), degrees. Stored as a GeoJSON point. */
export const lngLatSchema = z.object({
  lng: z.number().min(73).max(136),
  lat: z.number().min(3).max(54),
});
export type LngLat = z.infer<typeof lngLatSchema>;

/** Where something happens: an address, and a position or a station. */
export const placeSchema = z.object({
  address: z.string().trim().min(1, '请填写地点').max(100, '地点最多 100 个字'),
  location: lngLatSchema.nullable(),
  stationId: z.string().nullable(),
});
export type Place = z.infer<typeof placeSchema>;
