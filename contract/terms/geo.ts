/** The positions the app takes: China's extent in GCJ-02 degrees (anything else is a wrong fix or a typo). */
export const CHINA_BOUNDS = { lng: { min: 73, max: 136 }, lat: { min: 3, max: 54 } } as const;

/** A position as the app uses it: GCJ-02 (WeChat's maps), degrees. Stored as a GeoJSON point. */
export type LngLat = { lng: number; lat: number };

export function isInChina({ lng, lat }: LngLat): boolean {
  const { lng: x, lat: y } = CHINA_BOUNDS;
  return lng >= x.min && lng <= x.max && lat >= y.min && lat <= y.max;
}
