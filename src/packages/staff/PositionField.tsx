import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { Community, isInChina, LngLat } from '../../../contract';
import { FieldProblem } from '../../components/FieldProblem';
import { pickOnMap } from '../../platform/location';
import { Landmark } from './PlacePlane';
import { LocalPlacePicker } from './LocalPlacePicker';
import { PositionPreview } from './PositionPreview';

/**
 * Where a station, a compound, a community's centre or an event's place is: staff pick it, never type it.
 * weapp: WeChat's map (chooseLocation, GCJ-02 like our data); h5 (the local build, no map tiles): a plane
 * of the ground with the community around it (LocalPlacePicker). The form shows the place in words and small.
 */

/** The position chosen, or what is wrong with it in Chinese. */
export function checkPosition(position: LngLat | null): LngLat | string {
  if (!position) return '请在地图上选好位置';
  return isInChina(position) ? position : '这个位置不在国内，请重新选择';
}

interface Props {
  value: LngLat | null;
  /** The place's community: where the map opens when nothing is chosen yet, and a landmark. */
  community?: Pick<Community, 'name' | 'location'>;
  /** More places to find one's way by on the local picker, e.g. the neighbouring communities. */
  landmarks?: Landmark[];
  onChange: (position: LngLat) => void;
  /** The picked place's address (WeChat's map names it), for an address field still empty. */
  onPicked?: (address: string) => void;
  problem?: string;
}

/** What a picked place is called, in words: WeChat's map gives a name and an address, a landmark its name. */
const placeWords = (name: string, address: string) => (address && address !== name ? `${name}（${address}）` : name);

export function PositionField({ value, community, landmarks = [], onChange, onPicked, problem }: Props) {
  const [words, setWords] = useState('');
  const [picking, setPicking] = useState(false);
  const around = [...(community ? [{ name: `${community.name}中心`, location: community.location }] : []), ...landmarks].filter(
    (landmark, i, all) => all.findIndex((l) => l.name === landmark.name) === i,
  );
  const choose = (position: LngLat, name: string) => {
    onChange(position);
    setWords(name);
  };
  const pick = async () => {
    if (process.env.TARO_ENV !== 'weapp') return setPicking(true);
    const picked = await pickOnMap(value ?? community?.location);
    if (!picked) return;
    choose(picked.position, placeWords(picked.name, picked.address));
    if (picked.address) onPicked?.(picked.address);
  };
  return (
    <View data-testid='position-field'>
      <View data-testid='position-words'>{value ? (words ? `已选：${words}` : '已在地图上选好位置') : '还没有选位置'}</View>
      {value && !picking && <PositionPreview position={value} landmarks={around} />}
      {picking ? (
        <LocalPlacePicker
          start={value ?? community?.location}
          landmarks={around}
          onDone={(position, name) => (setPicking(false), choose(position, name))}
          onCancel={() => setPicking(false)}
        />
      ) : (
        <Button className='btn btn-block field' onClick={pick}>
          {value ? '重新选择' : '在地图上选位置'}
        </Button>
      )}
      <FieldProblem text={problem} />
    </View>
  );
}
