import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { EVENT_TYPE_LABELS, EVENT_TYPES, EventType } from '../../../contract';
import { api } from '../../api/client';
import { EventCard } from '../../components/EventCard';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';

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
      <View className='row wrap gap'>
        {myCommunity && (
          <>
            <Button className={`chip ${onlyMine ? 'chip-on' : ''}`} onClick={() => setOnlyMine(true)}>
              {onlyMine ? '✓ ' : ''}本社区
            </Button>
            <Button className={`chip ${onlyMine ? '' : 'chip-on'}`} onClick={() => setOnlyMine(false)}>
              {onlyMine ? '' : '✓ '}全部社区
            </Button>
          </>
        )}
        {EVENT_TYPES.map((t) => (
          <Button key={t} className={`chip ${type === t ? 'chip-on' : ''}`} onClick={() => setType(type === t ? undefined : t)}>
            {type === t ? '✓ ' : ''}
            {EVENT_TYPE_LABELS[t]}
          </Button>
        ))}
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
