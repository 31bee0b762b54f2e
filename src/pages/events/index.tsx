import { View } from '@tarojs/components';
import { useState } from 'react';
import { EVENT_TYPE_LABELS, EVENT_TYPES, EventScope, EventType, NEIGHBOUR_RADIUS_M } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { EventCalendar } from '../../components/EventCalendar';
import { EventCard } from '../../components/EventCard';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { VirtualFeed } from '../../components/VirtualFeed';
import { useHome } from '../../hooks/useHome';
import { usePagedQuery } from '../../hooks/useQuery';
import { useShownTab } from '../../stores/tabBar';

const SCOPES = ['nearby', 'district'] as const;
const SCOPE_LABELS: Record<EventScope, string> = { nearby: '本社区和附近', district: '全区' };
const VIEWS = ['list', 'calendar'] as const;
const VIEW_LABELS = { list: '列表', calendar: '日历' };

/** 活动 tab: upcoming 幸福集市 and 百家宴 of my community first, then the neighbouring ones (or the whole district), as a list or a month calendar. */
export default function EventsPage() {
  useShownTab('pages/events/index');
  const [type, setType] = useState<EventType | undefined>();
  const [scope, setScope] = useState<EventScope>('nearby');
  const [view, setView] = useState<(typeof VIEWS)[number]>('list');
  const home = useHome();
  const myCommunity = home.communityId;

  return (
    <Screen>
      <ChoiceChips options={VIEWS} labels={VIEW_LABELS} value={view} onChange={(v) => v && setView(v)} />
      {myCommunity && (
        <View className='section-title'>
          <ChoiceChips options={SCOPES} labels={SCOPE_LABELS} value={scope} onChange={(s) => s && setScope(s)} />
          {scope === 'nearby' && <View className='t-small'>本社区的活动在前，再是 {NEIGHBOUR_RADIUS_M / 1000} 公里内的邻近社区</View>}
        </View>
      )}
      {!myCommunity && home.me.status === 'ready' && (
        <View className='t-small section-title'>在“我的”里选择所在社区，就能先看到本社区和附近的活动；现在显示全区的活动</View>
      )}
      <View className='section-title'>
        <ChoiceChips options={EVENT_TYPES} labels={EVENT_TYPE_LABELS} value={type} onChange={setType} allLabel='全部活动' />
      </View>
      {home.known &&
        (view === 'calendar' ? (
          <EventCalendar scope={scope} type={type} homeCommunityId={myCommunity ?? undefined} />
        ) : (
          <UpcomingEvents scope={scope} type={type} myCommunity={myCommunity} />
        ))}
    </Screen>
  );
}

/** The list: my community's events first (named to the function, which may not know it from a profile yet). */
function UpcomingEvents({ scope, type, myCommunity }: { scope: EventScope; type: EventType | undefined; myCommunity: string | null }) {
  const homeCommunityId = myCommunity ?? undefined;
  const events = usePagedQuery((cursor) => api.events.listUpcoming({ scope, type, homeCommunityId, cursor, pageSize: 20 }), [scope, type, homeCommunityId]);
  return (
    <QueryView
      query={events}
      empty={events.items.length === 0}
      emptyText={myCommunity && scope === 'nearby' ? '本社区和附近近期没有活动，点“全区”看看吧' : '近期没有活动'}
      loadingText='正在加载活动…'
    >
      <VirtualFeed list={events} renderItem={(event) => <EventCard event={event} home={event.communityId === myCommunity} />} />
    </QueryView>
  );
}
