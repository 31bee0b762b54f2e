import { Map } from '@tarojs/components';
import type { PositionPreviewProps } from './PositionPreview';

/** Copied beside the build by config/index.ts (`copy`): the map reads its icons by path. */
const PIN_ICON = '/assets/map/station.png';
const PIN_PX = 28;

/** The chosen position on WeChat's map, small and still: choosing again is the form's 重新选择. */
export function PositionPreview({ position }: PositionPreviewProps) {
  return (
    <Map
      style='width: 100%; height: 320rpx; margin: 16rpx 0'
      latitude={position.lat}
      longitude={position.lng}
      scale={16}
      markers={[{ id: 0, latitude: position.lat, longitude: position.lng, iconPath: PIN_ICON, width: PIN_PX, height: PIN_PX }]}
      enableScroll={false}
      enableZoom={false}
      // A map that fails to draw leaves the words above it, which say the place.
      onError={() => undefined}
    />
  );
}
