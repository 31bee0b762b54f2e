import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { TitleRow } from './TitleRow';
import { EVENT_TYPE_LABELS, EventSummary } from '../../contract';
import { formatChinaDateTime } from '../format';
import { Unbroken } from './Unbroken';

/** An event in a list: what, whose, when, where, places left and the sign-up deadline. `home` marks the resident's own community's. */
export function EventCard({ event, home = false }: { event: EventSummary; home?: boolean }) {
  const full = event.placesLeft === 0;
  return (
    <View className='card' role='button' data-testid='event-card' onClick={() => Taro.navigateTo({ url: `/pages/events/detail?id=${event.id}` })}>
      <TitleRow tag={EVENT_TYPE_LABELS[event.type]} title={event.title} />
      <View className='t-small'>
        {home && <Text className='tag tag-ok'>本社区</Text>}
        {event.communityName}
      </View>
      <View>
        时间：
        <Unbroken text={formatChinaDateTime(event.startAt)} />
      </View>
      <View>地点：{event.place.address}</View>
      <View className='t-small'>
        报名截止 <Unbroken text={formatChinaDateTime(event.deadline)} />
      </View>
      <View className='row' style='margin-top: 8px'>
        <Text className={`tag ${full ? 'tag-warn' : 'tag-ok'}`}>{full ? '名额已满' : `剩余 ${event.placesLeft} 个名额`}</Text>
        <View className='grow' />
        <Text className='t-small'>报名 ›</Text>
      </View>
    </View>
  );
}
