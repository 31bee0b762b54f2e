/** Points on a sphere of radius EARTH_RADIUS_M: great-circle distances by the haversine, and what counts as a GeoJSON point. */

/** MongoDB's radius for converting radians to metres in spherical queries. */
export const EARTH_RADIUS_M = 6378100;

export const RAD = Math.PI / 180;

/** Haversine of an angle in radians: sin²(θ/2). */
export function hav(theta: number): number {
  const s = Math.sin(theta / 2);
  return s * s;
}

/**
 * The haversine of the central angle between two points ("h", in [0, 1]).
 * It is monotone in distance, so the search compares h and only converts the
 * results it returns. haversineMeters goes through this same function, so the
 * index and a brute-force check agree to the last bit.
 */
export function havDist(lng1: number, lat1: number, cosLat1: number, lng2: number, lat2: number): number {
  return hav((lat2 - lat1) * RAD) + cosLat1 * Math.cos(lat2 * RAD) * hav((lng2 - lng1) * RAD);
}

/** Central angle in radians for a haversine value. */
export function havToRadians(h: number): number {
  return 2 * Math.asin(Math.sqrt(Math.min(1, Math.max(0, h))));
}

/** Great-circle distance in metres between two lng/lat points given in degrees. */
export function haversineMeters(lng1: number, lat1: number, lng2: number, lat2: number): number {
  return havToRadians(havDist(lng1, lat1, Math.cos(lat1 * RAD), lng2, lat2)) * EARTH_RADIUS_M;
}

/** True for a GeoJSON Point with finite, in-range [lng, lat] coordinates. */
export function isGeoPoint(value: unknown): value is { type: 'Point'; coordinates: [number, number] } {
  if (typeof value !== 'object' || value === null) return false;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== 'Point' || !Array.isArray(coordinates) || coordinates.length !== 2) return false;
  const [lng, lat] = coordinates as unknown[];
  return (
    typeof lng === 'number' && typeof lat === 'number' && Number.isFinite(lng) && Number.isFinite(lat) && lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90
  );
}
