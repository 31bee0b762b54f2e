import { View } from '@tarojs/components';
import { EVENT_TYPE_LABELS, EventSummary, eventStateAt, StaffEventState } from '../../../contract';
import { TitleRow } from '../../components/TitleRow';
import { formatChinaDateTime } from '../../format';
import { useNow } from '../../hooks/useNow';
import { EVENT_STATE_TEXT, EVENT_STATE_TONE } from './eventStatus';

type EventHead = Pick<EventSummary, 'type' | 'title' | 'status' | 'startAt' | 'endAt' | 'place'>;

/**
 * An event's first lines wherever staff see it (the list, the editor, the roster): its kind and title,
 * its state in words (from the list, or worked out from the event and the clock), when it starts and where.
 */
export function EventLines({ event, state, large = false }: { event: EventHead; state?: StaffEventState; large?: boolean }) {
  const now = useNow();
  const shownState = state ?? eventStateAt(event, now);
  return (
    <>
      <TitleRow tag={EVENT_TYPE_LABELS[event.type]} title={event.title} large={large} />
      <View className={`tag ${EVENT_STATE_TONE[shownState]}`} data-testid='event-state'>
        {EVENT_STATE_TEXT[shownState]}
      </View>
      <View>时间：{formatChinaDateTime(event.startAt)} 开始</View>
      <View className='t-small'>地点：{event.place.address}</View>
    </>
  );
}
