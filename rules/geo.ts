import { CIRCLE_MINUTES, LngLat, WALKING_METRES_PER_MINUTE } from '../contract';

/**
 * Distances on foot. The database measures straight-line (great-circle) distance; people walk along
 * streets, which in a grid of blocks like Fushan's is longer. We estimate walking distance as the
 * straight line times a detour factor of 1.3, a common figure for urban street networks (measured
 * detour ratios in Chinese and European cities mostly fall between 1.2 and 1.4). The 15-minute circle is
 * therefore 1,200 m on foot, about 923 m as the crow flies.
 */
export const DETOUR_FACTOR = 1.3;
export const CIRCLE_WALKING_METRES = CIRCLE_MINUTES * WALKING_METRES_PER_MINUTE;
export const CIRCLE_STRAIGHT_METRES = CIRCLE_WALKING_METRES / DETOUR_FACTOR;

/** Mean earth radius used by MongoDB-style spherical distances, metres. */
export const EARTH_RADIUS_METRES = 6378100;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two points, metres (haversine). */
export function straightMetres(a: LngLat, b: LngLat): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function walkingMetres(straight: number): number {
  return straight * DETOUR_FACTOR;
}

/** Whole minutes on foot, rounded up: "5 分钟" should never be a promise we miss by a few seconds. */
export function walkingMinutes(walking: number): number {
  return Math.ceil(walking / WALKING_METRES_PER_MINUTE);
}

export function withinCircle(walking: number): boolean {
  return walking <= CIRCLE_WALKING_METRES;
}

// ---- WGS-84 → GCJ-02 --------------------------------------------------------------------------------
// Browsers and GPS give WGS-84; WeChat's maps, our data and the database use GCJ-02, China's mandated
// offset datum. The offset is the published GCJ-02 polynomial on the Krasovsky 1940 ellipsoid; outside
// mainland China no offset applies.

const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.006693421622965943;

function outsideChina({ lng, lat }: LngLat): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let v = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  v += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  v += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  v += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return v;
}

function offsetLng(x: number, y: number): number {
  let v = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  v += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  v += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  v += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return v;
}

export function wgs84ToGcj02(point: LngLat): LngLat {
  if (outsideChina(point)) return point;
  const x = point.lng - 105;
  const y = point.lat - 35;
  const radLat = rad(point.lat);
  const magic = 1 - KRASOVSKY_EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (offsetLat(x, y) * 180) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (offsetLng(x, y) * 180) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: point.lng + dLng, lat: point.lat + dLat };
}
