import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { STATION_LEVEL_LABELS, STATION_LEVELS, StationLevel } from '../../../contract';
import { api } from '../../api/client';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { StationCard } from '../../components/StationCard';
import { chinaWeekdayNow } from '../../format';
import { usePagedQuery } from '../../hooks/useQuery';

/** 服务站 tab: the party-and-mass service stations, by level. */
export default function StationsPage() {
  const [level, setLevel] = useState<StationLevel | undefined>();
  const stations = usePagedQuery((cursor) => api.stations.list({ level, cursor, pageSize: 20 }), [level]);
  const today = chinaWeekdayNow();
  return (
    <Screen>
      <View className='row wrap gap'>
        <Button className={`chip ${level ? '' : 'chip-on'}`} onClick={() => setLevel(undefined)}>
          {level ? '' : '✓ '}全部
        </Button>
        {STATION_LEVELS.map((l) => (
          <Button key={l} className={`chip ${level === l ? 'chip-on' : ''}`} onClick={() => setLevel(level === l ? undefined : l)}>
            {level === l ? '✓ ' : ''}
            {STATION_LEVEL_LABELS[l]}
          </Button>
        ))}
      </View>
      <View className='section-title' />
      <QueryView
        status={stations.status}
        error={stations.error}
        onRetry={stations.reload}
        empty={stations.items.length === 0}
        emptyText='这一级还没有服务站'
        loadingText='正在加载服务站…'
      >
        {stations.items.map((station) => (
          <StationCard key={station.id} station={station} today={today} />
        ))}
        <LoadMore list={stations} />
      </QueryView>
    </Screen>
  );
}
