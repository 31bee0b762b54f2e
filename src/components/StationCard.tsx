import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Station, STATION_LEVEL_LABELS } from '../../contract';
import { describeHoursOn } from '../format';
import { TitleRow } from './TitleRow';

export function StationCard({ station, today }: { station: Station; today: number }) {
  return (
    <View className='card' data-testid='station-card'>
      <TitleRow tag={STATION_LEVEL_LABELS[station.level]} title={station.name} />
      <View className='t-small'>{station.address}</View>
      <View>今天：{describeHoursOn(station.openingHours, today)}</View>
      {station.services.length > 0 && <View className='t-small'>服务：{station.services.join('、')}</View>}
      <View className='row' style='margin-top: 8px'>
        <Text className='tag tag-ok' onClick={() => Taro.makePhoneCall({ phoneNumber: station.phone })}>
          📞 拨打 {station.phone}
        </Text>
      </View>
    </View>
  );
}
