import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { Coverage, CoverageArea } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { CommunityPicker } from '../../components/CommunityPicker';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { VirtualList } from '../../components/VirtualFeed';
import { useQuery } from '../../hooks/useQuery';

/**
 * 15分钟服务圈覆盖: the households of the area with an active station within 15 minutes on foot, and the
 * places left out, most households first, each with its nearest station: what the promise needs next.
 * Staff see their community; admins the district, a street or a community.
 */
export default function CoveragePage() {
  const me = useQuery(() => api.account.whoami({}), []);
  const isAdmin = me.data?.roles.admin === true;
  const places = useQuery(async () => (isAdmin ? Promise.all([api.directory.listStreets({}), api.directory.listCommunities({})]) : null), [isAdmin]);
  const [streetId, setStreetId] = useState<string | undefined>();
  const [communityId, setCommunityId] = useState<string | undefined>();
  const coverage = useQuery(() => api.stations.coverage(communityId ? { communityId } : streetId ? { streetId } : {}), [streetId, communityId]);
  const [streets, communities] = places.data ?? [[], []];
  const streetCommunities = communities.filter((c) => !streetId || c.streetId === streetId);
  const streetLabels = Object.fromEntries(streets.map((s) => [s.id, s.name]));
  return (
    <Screen>
      {isAdmin && (
        <View className='card' data-testid='coverage-scope'>
          <View className='t-title'>查看范围</View>
          <ChoiceChips
            options={streets.map((s) => s.id)}
            labels={streetLabels}
            value={streetId}
            onChange={(id) => (setStreetId(id), setCommunityId(undefined))}
            allLabel='全区'
          />
          <CommunityPicker
            communities={streetCommunities}
            value={communityId}
            onChange={setCommunityId}
            allLabel={streetId ? '街道内全部社区' : '全部社区'}
            className='field'
          />
        </View>
      )}
      <QueryView query={coverage} loadingText='正在计算覆盖情况…'>
        {coverage.data && <CoverageView coverage={coverage.data} />}
      </QueryView>
    </Screen>
  );
}

export function percent(part: number, whole: number): string {
  return whole ? `${Math.floor((part / whole) * 1000) / 10}%` : '—';
}

export function CoverageView({ coverage }: { coverage: Coverage }) {
  const left = coverage.households - coverage.coveredHouseholds;
  // The rank beside each place: the list is long for a district and rendered a window at a time.
  const ranked = useMemo(() => coverage.uncovered.map((area, i) => ({ ...area, rank: i + 1 })), [coverage.uncovered]);
  return (
    <View data-testid='coverage'>
      <View className='card' data-testid='coverage-totals'>
        <View className='t-title'>15 分钟内能走到服务站的居民</View>
        <View className='t-h1'>
          {coverage.coveredHouseholds} / {coverage.households} 户（{percent(coverage.coveredHouseholds, coverage.households)}）
        </View>
        <View>
          还有 {left} 户走路超过 15 分钟，分布在 {coverage.uncovered.length} 个小区或社区。
        </View>
        <View className='t-small'>共检查了 {coverage.areasChecked} 个小区和社区；按步行每分钟 80 米、实际路程约为直线的 1.3 倍估算。</View>
      </View>
      <View className='t-title section-title'>还没覆盖的地方（户数多的在前）</View>
      {ranked.length === 0 ? (
        <View className='card'>✓ 所有居民 15 分钟内都能走到服务站</View>
      ) : (
        <VirtualList items={ranked} renderItem={(area) => <UncoveredRow area={area} rank={area.rank} />} />
      )}
    </View>
  );
}

function UncoveredRow({ area, rank }: { area: CoverageArea; rank: number }) {
  return (
    <View className='card' data-testid='uncovered'>
      <View className='row'>
        <Text className='tag tag-accent'>{rank}</Text>
        <Text className='t-title grow'>{area.name}</Text>
        <Text>{area.households} 户</Text>
      </View>
      <View className='t-small'>{area.kind === 'compound' ? `小区 · ${area.communityName}` : '整个社区（还没有小区资料）'}</View>
      <View>
        {area.nearest
          ? `最近的服务站：${area.nearest.name}，步行约 ${area.nearest.walkingMinutes} 分钟（约 ${area.nearest.walkingMetres} 米）`
          : '5 公里内没有开放的服务站'}
      </View>
    </View>
  );
}
