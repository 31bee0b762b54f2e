import { View } from '@tarojs/components';
import { useState } from 'react';
import { EVENT_TYPE_LABELS, EVENT_TYPES, EventType } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { EventCard } from '../../components/EventCard';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';

const SCOPES = ['mine', 'all'] as const;
const SCOPE_LABELS = { mine: '本社区', all: '全部社区' };

/** 活动 tab: upcoming 幸福集市 and 百家宴, my community's first. */
export default function EventsPage() {
  const [type, setType] = useState<EventType | undefined>();
  const [onlyMine, setOnlyMine] = useState(true);
  const me = useQuery(() => api.account.whoami({}), []);
  const myCommunity = me.data?.user?.communityId ?? undefined;
  const scoped = onlyMine && myCommunity ? myCommunity : undefined;
  const events = usePagedQuery((cursor) => api.events.listUpcoming({ communityId: scoped, type, cursor, pageSize: 20 }), [scoped, type]);

  return (
    <Screen>
      {myCommunity && (
        <ChoiceChips options={SCOPES} labels={SCOPE_LABELS} value={onlyMine ? 'mine' : 'all'} onChange={(s) => s && setOnlyMine(s === 'mine')} />
      )}
      <View className='section-title'>
        <ChoiceChips options={EVENT_TYPES} labels={EVENT_TYPE_LABELS} value={type} onChange={setType} allLabel='全部活动' />
      </View>
      {!myCommunity && me.status === 'ready' && <View className='t-small section-title'>在“我的”里选择所在社区，就能先看到本社区的活动</View>}
      <View className='section-title' />
      <QueryView
        status={events.status}
        error={events.error}
        onRetry={events.reload}
        empty={events.items.length === 0}
        emptyText={scoped ? '本社区近期没有活动，看看全部社区的吧' : '近期没有活动'}
        loadingText='正在加载活动…'
      >
        {events.items.map((event) => (
          <EventCard key={event.id} event={event} />
        ))}
        <LoadMore list={events} />
      </QueryView>
    </Screen>
  );
}
