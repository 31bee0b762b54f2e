import { z } from 'zod';
import { LngLat, lngLatSchema, Place, placeSchema, checkSchedule, Schedule, scheduleFieldsSchema } from '../../../contract';

/** Positions, places and schedules as stored, and read back as the contract's shapes. */

export const geoPointDocSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([lngLatSchema.shape.lng, lngLatSchema.shape.lat]),
});
export type GeoPointDoc = z.infer<typeof geoPointDocSchema>;

export const placeDocSchema = placeSchema.extend({ location: geoPointDocSchema.nullable() });
export type PlaceDoc = z.infer<typeof placeDocSchema>;

export const scheduleDocSchema = scheduleFieldsSchema.extend({ place: placeDocSchema }).superRefine(checkSchedule);
export type ScheduleDoc = z.infer<typeof scheduleDocSchema>;

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
