import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { SERVICE_CLASSES, SERVICE_CLASS_LABELS, ServiceClass } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { CommunityPicker } from '../../components/CommunityPicker';
import { HomeChooser } from '../../components/HomeChooser';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { TeamCard } from '../../components/TeamCard';
import { VirtualFeed } from '../../components/VirtualFeed';
import { useHome } from '../../hooks/useHome';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';
import { useShownTab } from '../../stores/tabBar';

/**
 * 服务 tab: the teams of my community first (by their next service day), then the neighbours', then
 * the rest; search, class and community filters behind one 筛选 button so the first team shows at once.
 * On the first run it asks where I live.
 */
export default function ServicePage() {
  useShownTab('pages/service/index');
  const home = useHome();
  return <Screen>{home.ask ? <HomeChooser user={home.me.data?.user ?? null} /> : home.known && <TeamFinder homeCommunityId={home.communityId} />}</Screen>;
}

function TeamFinder({ homeCommunityId }: { homeCommunityId: string | null }) {
  const [draft, setDraft] = useState('');
  const [keyword, setKeyword] = useState('');
  const [serviceClass, setServiceClass] = useState<ServiceClass | undefined>();
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const communities = useQuery(() => api.directory.listCommunities({}), []);
  const teams = usePagedQuery(
    (cursor) =>
      api.service.listTeams({ serviceClass, communityId, keyword: keyword || undefined, homeCommunityId: homeCommunityId ?? undefined, cursor, pageSize: 20 }),
    [serviceClass, communityId, keyword, homeCommunityId],
  );
  const filtersOn = Number(Boolean(serviceClass)) + Number(Boolean(communityId));
  const homeName = communities.data?.find((c) => c.id === homeCommunityId)?.name;

  return (
    <>
      <View className='row gap'>
        <Input
          className='input grow'
          placeholder='搜索服务队或服务内容'
          value={draft}
          confirmType='search'
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setKeyword(draft.trim())}
          aria-label='搜索'
        />
        <Button className='btn btn-primary' onClick={() => setKeyword(draft.trim())}>
          搜索
        </Button>
        <Button
          className={`btn ${filtersOn ? 'chip-on' : ''}`}
          data-testid='filters-toggle'
          aria-expanded={filtersOpen}
          onClick={() => setFiltersOpen((open) => !open)}
        >
          {filtersOn ? `筛选·${filtersOn}` : '筛选'}
        </Button>
      </View>

      {filtersOpen && (
        <View data-testid='filters'>
          <View className='section-title' aria-label='服务类别'>
            <ChoiceChips options={SERVICE_CLASSES} labels={SERVICE_CLASS_LABELS} value={serviceClass} onChange={setServiceClass} allLabel='全部' />
          </View>
          <View className='section-title'>
            <CommunityPicker communities={communities.data ?? []} value={communityId} onChange={setCommunityId} allLabel='全部社区' label='按社区筛选' />
          </View>
        </View>
      )}

      {keyword ? (
        <View className='row t-small'>
          <Text className='grow'>“{keyword}”的搜索结果</Text>
          <Text onClick={() => (setKeyword(''), setDraft(''))}>清除搜索</Text>
        </View>
      ) : (
        homeName && !communityId && <View className='t-small'>{homeName}的服务队在前，再是附近社区的</View>
      )}

      <QueryView query={teams} empty={teams.items.length === 0} emptyText='没有找到符合条件的服务队，换个类别或社区试试' loadingText='正在查找服务队…'>
        <VirtualFeed list={teams} renderItem={(team) => <TeamCard team={team} />} />
      </QueryView>
    </>
  );
}
