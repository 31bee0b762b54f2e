import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { LngLat } from '../../contract';
import { showPlaceOnMap } from '../platform/location';
import { Icon } from './Icon';
import { CallButton } from './CallButton';

/** Somewhere to go: a station, or where an event is held (which has no phone). */
export interface PlaceToGo {
  name: string;
  address: string;
  location: LngLat;
  phone?: string;
}

/**
 * A place's actions: call it (when it has a phone), and the way there. On weapp 到这里去 opens WeChat's
 * map (navigation from there); the local browser build has no online map, so it shows the address to
 * copy into a phone's map app (an address, not coordinates: residents search maps by address).
 */
export function PlaceActions({ place }: { place: PlaceToGo }) {
  const [showWay, setShowWay] = useState(false);
  const goThere = () => (process.env.TARO_ENV === 'weapp' ? showPlaceOnMap(place) : setShowWay((shown) => !shown));
  return (
    <>
      <View className='row gap wrap' style='margin-top: 8px'>
        {place.phone && <CallButton phone={place.phone} label='拨打' />}
        <Button className='btn grow' onClick={goThere}>
          <Icon name='directions' />
          到这里去
        </Button>
      </View>
      {showWay && (
        <View className='card notice' data-testid='way-there'>
          <View>地址：{place.address}</View>
          <View className='t-small'>复制后，可以粘贴到手机地图里搜索、导航</View>
          <Button className='btn' onClick={() => Taro.setClipboardData({ data: place.address })}>
            复制地址
          </Button>
        </View>
      )}
    </>
  );
}
