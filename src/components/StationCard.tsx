import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { NearbyStation, STATION_LEVEL_LABELS } from '../../contract';
import { describeOpenState, formatMetres } from '../format';
import { PlaceActions } from './PlaceActions';
import { TitleRow } from './TitleRow';
import { Icon } from './Icon';

export const stationUrl = (stationId: string) => `/pages/stations/detail?id=${stationId}`;

/** A station seen from the resident's starting point: how far on foot, within 15 minutes or not, open now or when. */
export function StationCard({ station, now }: { station: NearbyStation; now: Date }) {
  return (
    <View className='card' data-testid='station-card'>
      <View role='button' onClick={() => Taro.navigateTo({ url: stationUrl(station.id) })}>
        <TitleRow tag={STATION_LEVEL_LABELS[station.level]} title={station.name} />
        <View className='row wrap'>
          <Text className='t-title grow'>
            <Icon name='walk' />
            步行约 {station.walkingMinutes} 分钟 · {formatMetres(station.walkingMetres)}
          </Text>
          {station.withinCircle && <Text className='tag tag-ok'>✓ 15分钟内</Text>}
        </View>
        <View>{describeOpenState(station.openState, now)}</View>
        <View className='t-small'>{station.address}</View>
        {station.services.length > 0 && <View className='t-small'>服务：{station.services.join('、')}</View>}
        <View className='t-small'>查看详情、服务队和活动 ›</View>
      </View>
      <PlaceActions place={station} />
    </View>
  );
}
