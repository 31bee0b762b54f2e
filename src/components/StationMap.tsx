import type { LngLat, NearbyStation } from '../../contract';

export interface StationMapProps {
  origin: LngLat;
  stations: NearbyStation[];
  onOpen: (stationId: string) => void;
}

/**
 * The map above the station list exists on weapp only (StationMap.weapp.tsx, WeChat's native map). Taro's
 * h5 map loads Baidu Maps from the internet, and the local browser build must work offline: the list alone.
 */
export function StationMap(_props: StationMapProps) {
  return null;
}
