import type { LngLat } from '../../../contract';
import { Landmark, PlacePlane } from './PlacePlane';
import { planeAround } from './placePlane';

export interface PositionPreviewProps {
  position: LngLat;
  landmarks: Landmark[];
}

/** The chosen position, small, among its landmarks (h5; weapp shows WeChat's map: PositionPreview.weapp.tsx). */
export function PositionPreview({ position, landmarks }: PositionPreviewProps) {
  return <PlacePlane plane={planeAround(position)} pin={position} landmarks={landmarks} />;
}
