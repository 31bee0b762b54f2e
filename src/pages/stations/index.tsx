import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { STATION_LEVEL_LABELS, STATION_LEVELS, STATION_SERVICE_FILTERS, StationLevel } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { OriginChooser } from '../../components/OriginChooser';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { StationCard, stationUrl } from '../../components/StationCard';
import { StationMap } from '../../components/StationMap';
import { VirtualFeed } from '../../components/VirtualFeed';
import { useNow } from '../../hooks/useNow';
import { usePagedQuery } from '../../hooks/useQuery';
import { Origin, originStore } from '../../stores/origin';
import { useShownTab } from '../../stores/tabBar';

type ServiceFilter = (typeof STATION_SERVICE_FILTERS)[number];
const SERVICE_LABELS = Object.fromEntries(STATION_SERVICE_FILTERS.map((s) => [s, s])) as Record<ServiceFilter, string>;

/** 服务站 tab: the party-and-mass service stations nearest a starting point, on foot, open now or when. */
export default function StationsPage() {
  useShownTab('pages/stations/index');
  const origin = originStore.use();
  const [choosing, setChoosing] = useState(false);
  return (
    <Screen>
      {!origin || choosing ? (
        <OriginChooser onChosen={() => setChoosing(false)} onCancel={origin ? () => setChoosing(false) : undefined} />
      ) : (
        <NearbyStations origin={origin} onChangeOrigin={() => setChoosing(true)} />
      )}
    </Screen>
  );
}

function NearbyStations({ origin, onChangeOrigin }: { origin: Origin; onChangeOrigin: () => void }) {
  const [level, setLevel] = useState<StationLevel | undefined>();
  const [service, setService] = useState<ServiceFilter | undefined>();
  const [draft, setDraft] = useState('');
  const [keyword, setKeyword] = useState('');
  const [filtersShown, setFiltersShown] = useState(false);
  const stations = usePagedQuery(
    (cursor) => api.stations.nearest({ from: origin.position, level, service, keyword: keyword || undefined, cursor, pageSize: 10 }),
    [origin, level, service, keyword],
  );
  // Open-now words change with the clock: read it each minute.
  const now = useNow(60_000);
  const filterSummary = `级别：${level ? STATION_LEVEL_LABELS[level] : '全部'} · 服务：${service ?? '全部'}`;

  return (
    <>
      <View className='row card'>
        <Text className='grow'>起点：{origin.label}</Text>
        <Button className='btn' onClick={onChangeOrigin}>
          更换起点
        </Button>
      </View>

      <View className='row gap'>
        <Input
          className='input grow'
          placeholder='按名称搜索服务站'
          value={draft}
          confirmType='search'
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setKeyword(draft.trim())}
          aria-label='按名称搜索服务站'
        />
        <Button className='btn btn-primary' onClick={() => setKeyword(draft.trim())}>
          搜索
        </Button>
      </View>
      {keyword && (
        <View className='row t-small'>
          <Text className='grow'>名称含“{keyword}”的服务站</Text>
          <Text onClick={() => (setKeyword(''), setDraft(''))}>清除搜索</Text>
        </View>
      )}

      <Button className='btn btn-block section-title' onClick={() => setFiltersShown((shown) => !shown)}>
        筛选（{filterSummary}）{filtersShown ? '▴' : '▾'}
      </Button>
      {filtersShown && (
        <View className='card' data-testid='station-filters'>
          <View className='t-small'>级别</View>
          <ChoiceChips options={STATION_LEVELS} labels={STATION_LEVEL_LABELS} value={level} onChange={setLevel} allLabel='全部' />
          <View className='t-small section-title'>服务</View>
          <ChoiceChips options={STATION_SERVICE_FILTERS} labels={SERVICE_LABELS} value={service} onChange={setService} allLabel='全部' />
        </View>
      )}

      <StationMap origin={origin.position} stations={stations.items} onOpen={(id) => Taro.navigateTo({ url: stationUrl(id) })} />

      <View className='section-title t-small'>按步行距离排列，最近的在前（步行按每分钟 80 米估算）</View>
      <QueryView
        query={stations}
        empty={stations.items.length === 0}
        emptyText='没有找到符合条件的服务站，换个服务、级别或名称试试'
        loadingText='正在查找附近的服务站…'
      >
        <VirtualFeed list={stations} renderItem={(station) => <StationCard station={station} now={now} />} />
      </QueryView>
    </>
  );
}
