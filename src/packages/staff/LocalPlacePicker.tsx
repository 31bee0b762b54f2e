import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import type { LngLat } from '../../../contract';
import { Landmark, PlacePlane } from './PlacePlane';
import { DISTRICT_CENTRE, onPlane, planeAround } from './placePlane';

interface Props {
  /** Where the plane opens: the position chosen so far or the community's centre; else the district's. */
  start?: LngLat;
  /** Each with its own name. */
  landmarks: Landmark[];
  /** The position and what to call it: the landmark's name, or none for a point tapped on the plane. */
  onDone: (position: LngLat, name: string) => void;
  onCancel: () => void;
}

const MOVES = [
  { label: '← 西', aria: '地图往西看', east: -1, north: 0 },
  { label: '↑ 北', aria: '地图往北看', east: 0, north: 1 },
  { label: '↓ 南', aria: '地图往南看', east: 0, north: -1 },
  { label: '→ 东', aria: '地图往东看', east: 1, north: 0 },
] as const;

/** h5's picker: tap the plane to place the pin, or put it at a landmark; move the plane by half its width. */
export function LocalPlacePicker({ start, landmarks, onDone, onCancel }: Props) {
  const [centre, setCentre] = useState<LngLat>(start ?? DISTRICT_CENTRE);
  const [pin, setPin] = useState<{ position: LngLat; name: string } | null>(start ? { position: start, name: '' } : null);
  const plane = planeAround(centre);
  const nearby = landmarks.filter((landmark) => onPlane(plane.pointOf(landmark.location)));
  return (
    <View data-testid='place-picker'>
      <View className='t-small'>在图上点一下放下位置标记（红点），或选下面的地点。</View>
      <View className='row gap field'>
        {MOVES.map((move) => (
          <Button key={move.label} className='btn grow' aria-label={move.aria} onClick={() => setCentre(plane.moved(move.east, move.north))}>
            {move.label}
          </Button>
        ))}
      </View>
      <PlacePlane plane={plane} pin={pin?.position ?? null} landmarks={nearby} onTap={(position) => setPin({ position, name: '' })} />
      {nearby.length > 0 && (
        <View className='row wrap gap field'>
          {nearby.map((landmark) => (
            <Button key={landmark.name} className='chip' onClick={() => setPin({ position: landmark.location, name: landmark.name })}>
              放在{landmark.name}
            </Button>
          ))}
        </View>
      )}
      <View className='row gap field'>
        <Button className='btn grow' onClick={onCancel}>
          取消
        </Button>
        <Button className='btn btn-primary grow' disabled={!pin} onClick={() => pin && onDone(pin.position, pin.name)}>
          用这个位置
        </Button>
      </View>
    </View>
  );
}
