import { Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import type { LngLat } from '../../../contract';
import { onPlane, Plane, PLANE_SPAN_METRES, PlanePoint } from './placePlane';

/** A place the plane draws to find one's way: a community's centre, a station. */
export interface Landmark {
  name: string;
  location: LngLat;
}

interface Props {
  plane: Plane;
  pin: LngLat | null;
  landmarks: Landmark[];
  /** Tapping the plane places the pin there; without it the plane only shows (a preview). */
  onTap?: (position: LngLat) => void;
}

const SCALE_METRES = 500;

const at = ({ x, y }: PlanePoint): CSSProperties => ({ position: 'absolute', left: `${x * 100}%`, top: `${y * 100}%`, transform: 'translate(-50%, -50%)' });
const dot = (size: number, colour: string): CSSProperties => ({
  width: size,
  height: size,
  borderRadius: size,
  background: colour,
  border: '2px solid #ffffff',
});

/**
 * The h5 stand-in for WeChat's map (the local build has no map tiles): a square of ground, north up, with
 * the landmarks around and a scale; the pin is the chosen position. Inline styles keep it to this subpackage.
 */
export function PlacePlane({ plane, pin, landmarks, onTap }: Props) {
  const tap = onTap
    ? (event: unknown) => {
        // h5: a DOM click on the plane's own element; where it fell, as a share of the plane's size.
        const { clientX, clientY, currentTarget } = event as MouseEvent & { currentTarget: HTMLElement };
        const rect = currentTarget.getBoundingClientRect();
        if (!rect.width || !rect.height) return;
        onTap(plane.positionAt({ x: (clientX - rect.left) / rect.width, y: (clientY - rect.top) / rect.height }));
      }
    : undefined;
  const pinPoint = pin && plane.pointOf(pin);
  return (
    <View
      data-testid='place-plane'
      aria-label={onTap ? '地图：点一下放下位置标记' : '位置示意图'}
      onClick={tap}
      style={{ position: 'relative', width: '100%', aspectRatio: '1', overflow: 'hidden', background: '#e7efe1', border: '2px solid #d6cec0', borderRadius: 8 }}
    >
      {landmarks.map((landmark) => {
        const point = plane.pointOf(landmark.location);
        if (!onPlane(point)) return null;
        return (
          <View key={landmark.name} style={{ ...at(point), display: 'flex', flexDirection: 'column', alignItems: 'center', pointerEvents: 'none' }}>
            <View style={dot(12, '#4a4a4a')} />
            <Text
              style={{
                fontSize: 'calc(var(--text-small) * var(--font-scale))',
                color: '#1f1f1f',
                background: 'rgba(255,255,255,0.85)',
                whiteSpace: 'nowrap',
                padding: '0 2px',
              }}
            >
              {landmark.name}
            </Text>
          </View>
        );
      })}
      {pinPoint && onPlane(pinPoint) && <View data-testid='place-pin' style={{ ...at(pinPoint), ...dot(22, '#b3261e'), pointerEvents: 'none' }} />}
      <View style={{ position: 'absolute', left: 0, bottom: 6, width: '100%', pointerEvents: 'none' }}>
        <View style={{ width: `${(SCALE_METRES / PLANE_SPAN_METRES) * 100}%`, marginLeft: 8, borderBottom: '3px solid #1f1f1f' }} />
        <Text style={{ marginLeft: 8, fontSize: 'calc(var(--text-small) * var(--font-scale))', color: '#1f1f1f' }}>{SCALE_METRES} 米</Text>
      </View>
      <Text
        style={{ position: 'absolute', right: 8, top: 4, fontSize: 'calc(var(--text-small) * var(--font-scale))', color: '#1f1f1f', pointerEvents: 'none' }}
      >
        北 ↑
      </Text>
    </View>
  );
}
