import { Map } from '@tarojs/components';
import type { MapProps } from '@tarojs/components/types/Map';
import type { StationMapProps } from './StationMap';

const ORIGIN_MARKER_ID = 0;

/** WeChat's native map: the starting point and the loaded stations (GCJ-02); tapping a station's pin opens it. */
export function StationMap({ origin, stations, onOpen }: StationMapProps) {
  // Without an icon WeChat draws its default pin; each station's pin carries its name as a label.
  const markers = [
    { id: ORIGIN_MARKER_ID, latitude: origin.lat, longitude: origin.lng, title: '起点', label: { content: '起点', fontSize: 14 } },
    ...stations.map((s, i) => ({ id: i + 1, latitude: s.location.lat, longitude: s.location.lng, title: s.name, label: { content: s.name, fontSize: 12 } })),
  ] as unknown as MapProps.marker[];
  return (
    <Map
      style='width: 100%; height: 480rpx; margin-bottom: 16rpx'
      latitude={origin.lat}
      longitude={origin.lng}
      scale={15}
      markers={markers}
      includePoints={markers.slice(0, 6).map((m) => ({ latitude: m.latitude, longitude: m.longitude }))}
      showLocation
      // A map that fails to draw leaves the list below, which has everything the map shows.
      onError={() => undefined}
      onMarkerTap={(e) => {
        const station = stations[Number(e.detail.markerId) - 1];
        if (station) onOpen(station.id);
      }}
    />
  );
}
