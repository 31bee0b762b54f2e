import { Button, Input, Text, View } from '@tarojs/components';
import { Community, LngLat } from '../../../contract';
import { FieldProblem } from '../../components/FieldProblem';
import { pickOnMap } from '../../platform/location';

/**
 * A position as staff give it for a station or an event's place: picked on WeChat's map (weapp), or
 * typed as GCJ-02 degrees or taken from the community's centre (h5). The form keeps the text typed.
 */

const RANGE = { lng: [73, 136], lat: [3, 54] } as const;

function coordinate(text: string, axis: 'lng' | 'lat'): number | string {
  const label = axis === 'lng' ? '经度' : '纬度';
  if (!text.trim()) return `请填写${label}，或在地图上选点`;
  const value = Number(text.trim());
  const [min, max] = RANGE[axis];
  if (!Number.isFinite(value) || value < min || value > max) return `${label}应在 ${min} 到 ${max} 之间（国内的 GCJ-02 坐标）`;
  return value;
}

/** The position typed or picked, or the problem with it in Chinese. */
export function checkPosition(lng: string, lat: string): LngLat | string {
  const x = coordinate(lng, 'lng');
  if (typeof x === 'string') return x;
  const y = coordinate(lat, 'lat');
  return typeof y === 'string' ? y : { lng: x, lat: y };
}

/** A position as the form keeps it: the exact numbers as text (String(n) reads back as n). */
export const positionText = (p: LngLat | null) => ({ lng: p ? String(p.lng) : '', lat: p ? String(p.lat) : '' });

interface Props {
  lng: string;
  lat: string;
  /** Where the map opens and what "use the centre" gives. */
  community?: Pick<Community, 'name' | 'location'>;
  onChange: (position: { lng: string; lat: string }) => void;
  /** weapp: the picked place's address or name, for an address field still empty. */
  onPicked?: (address: string) => void;
  problem?: string;
}

export function PositionField({ lng, lat, community, onChange, onPicked, problem }: Props) {
  const pick = async () => {
    const typed = checkPosition(lng, lat);
    const picked = await pickOnMap(typeof typed === 'string' ? community?.location : typed);
    if (!picked) return;
    // chooseLocation answers GCJ-02, the datum of our data.
    onChange({ lng: picked.position.lng.toFixed(6), lat: picked.position.lat.toFixed(6) });
    if (picked.address) onPicked?.(picked.address);
  };
  return (
    <View data-testid='position-field'>
      {process.env.TARO_ENV === 'weapp' ? (
        <>
          <View>{lng && lat ? `已选：经度 ${lng}，纬度 ${lat}` : '还没有选位置'}</View>
          <Button className='btn btn-block field' onClick={pick}>
            在地图上选点
          </Button>
        </>
      ) : (
        <>
          <View className='t-small'>填写腾讯地图或高德地图上的坐标（GCJ-02）。</View>
          <View className='row gap field'>
            <Text>经度</Text>
            <Input
              className='input grow'
              type='digit'
              value={lng}
              maxlength={12}
              placeholder='例如 121.2601'
              onInput={(e) => onChange({ lng: e.detail.value, lat })}
              aria-label='经度'
            />
          </View>
          <View className='row gap field'>
            <Text>纬度</Text>
            <Input
              className='input grow'
              type='digit'
              value={lat}
              maxlength={12}
              placeholder='例如 37.4962'
              onInput={(e) => onChange({ lng, lat: e.detail.value })}
              aria-label='纬度'
            />
          </View>
          {community && (
            <Button className='btn btn-block field' onClick={() => onChange(positionText(community.location))}>
              用{community.name}的中心位置
            </Button>
          )}
        </>
      )}
      <FieldProblem text={problem} />
    </View>
  );
}
