import type { LngLat } from '../../../contract';
import { EARTH_RADIUS_METRES } from '../../../rules/geo';

/**
 * The local picker's plane (h5, which has no map tiles offline): a square of ground around a centre on which
 * staff tap to place a position. Over a few kilometres the earth is flat enough: a degree of latitude is a
 * fixed length and a degree of longitude that length times the cosine of the latitude.
 */

/** The ground the plane shows, edge to edge: a community and its neighbours. */
export const PLANE_SPAN_METRES = 3000;

/** Where the plane opens when the form knows no place yet: the centre of 福山区, the district the app serves. */
export const DISTRICT_CENTRE: LngLat = { lng: 121.2671, lat: 37.4964 };

/** A point on the plane: 0 to 1 from its left edge and from its top edge (outside that: off the plane). */
export interface PlanePoint {
  x: number;
  y: number;
}

const METRES_PER_DEGREE = (EARTH_RADIUS_METRES * Math.PI) / 180;
/** Six decimals of a degree are about 0.1 m: finer than a tap can mean. */
const roundDegrees = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

export function planeAround(centre: LngLat) {
  const metresPerLat = METRES_PER_DEGREE;
  const metresPerLng = METRES_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180);
  return {
    centre,
    pointOf: ({ lng, lat }: LngLat): PlanePoint => ({
      x: 0.5 + ((lng - centre.lng) * metresPerLng) / PLANE_SPAN_METRES,
      y: 0.5 - ((lat - centre.lat) * metresPerLat) / PLANE_SPAN_METRES,
    }),
    positionAt: ({ x, y }: PlanePoint): LngLat => ({
      lng: roundDegrees(centre.lng + ((x - 0.5) * PLANE_SPAN_METRES) / metresPerLng),
      lat: roundDegrees(centre.lat - ((y - 0.5) * PLANE_SPAN_METRES) / metresPerLat),
    }),
    /** The plane moved by half its span: north is up. */
    moved: (east: number, north: number): LngLat => ({
      lng: roundDegrees(centre.lng + (east * PLANE_SPAN_METRES) / 2 / metresPerLng),
      lat: roundDegrees(centre.lat + (north * PLANE_SPAN_METRES) / 2 / metresPerLat),
    }),
  };
}

export type Plane = ReturnType<typeof planeAround>;

export const onPlane = ({ x, y }: PlanePoint) => x >= 0 && x <= 1 && y >= 0 && y <= 1;
