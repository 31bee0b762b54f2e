import { Map } from '@tarojs/components';
import type { MapProps } from '@tarojs/components/types/Map';
import type { LngLat } from '../../contract';
import type { StationMapProps } from './StationMap';

const ORIGIN_MARKER_ID = 0;
/** Copied beside the build by config/index.ts (`copy`): the map reads its icons by path. */
const ORIGIN_ICON = '/assets/map/origin.png';
const STATION_ICON = '/assets/map/station.png';
const PIN_PX = 28;

function pin(id: number, { lng, lat }: LngLat, name: string, iconPath: string): MapProps.marker {
  return {
    id,
    latitude: lat,
    longitude: lng,
    title: name,
    iconPath,
    width: PIN_PX,
    height: PIN_PX,
    // Beside the pin, dark on white: readable over any map tile.
    label: {
      content: name,
      color: '#1F1F1F',
      fontSize: 14,
      anchorX: PIN_PX / 2,
      anchorY: -PIN_PX / 2,
      borderWidth: 1,
      borderColor: '#B3261E',
      borderRadius: 4,
      bgColor: '#FFFFFF',
      padding: 4,
      textAlign: 'left',
    },
  };
}

/** WeChat's native map: the starting point and the loaded stations (GCJ-02); tapping a station's pin opens it. */
export function StationMap({ origin, stations, onOpen }: StationMapProps) {
  // Blue for the starting point, red for stations; each station's pin carries its name as a label.
  const markers: MapProps.marker[] = [
    pin(ORIGIN_MARKER_ID, origin, '起点', ORIGIN_ICON),
    ...stations.map((s, i) => pin(i + 1, s.location, s.name, STATION_ICON)),
  ];
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
