import { View } from '@tarojs/components';
import { useState } from 'react';
import { STATION_LEVEL_LABELS, STATION_LEVELS, StationLevel } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
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
      <ChoiceChips options={STATION_LEVELS} labels={STATION_LEVEL_LABELS} value={level} onChange={setLevel} allLabel='全部' />
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
