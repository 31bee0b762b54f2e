import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { STATION_LEVEL_LABELS } from '../../../contract';
import { api } from '../../api/client';
import { CommunityPicker } from '../../components/CommunityPicker';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { TitleRow } from '../../components/TitleRow';
import { VirtualFeed } from '../../components/VirtualFeed';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';
import { chosenCommunityStore } from '../../stores/scope';

/** 服务站管理: the stations staff (their community) or admins (all, or one community) keep, stopped ones too. */
export default function StationsAdminPage() {
  const me = useQuery(() => api.account.whoami({}), []);
  const isAdmin = me.data?.roles.admin === true;
  const communities = useQuery(() => (isAdmin ? api.directory.listCommunities({}) : Promise.resolve([])), [isAdmin]);
  const [chosen, setCommunityId] = useState<string | undefined>();
  // Staff: the community chosen on the workbench, if they serve several (else the function takes theirs); admins: the one picked here.
  const onWorkbench = chosenCommunityStore.use() ?? undefined;
  const communityId = isAdmin ? chosen : onWorkbench;
  const stations = usePagedQuery((cursor) => api.stations.listForStaff({ communityId, cursor, pageSize: 20 }), [communityId]);
  useDidShow(() => stations.status === 'ready' && stations.refresh());
  return (
    <Screen>
      <View className='row gap'>
        <Button className='btn btn-primary grow' onClick={() => Taro.navigateTo({ url: '/packages/staff/station-edit' })}>
          新建服务站
        </Button>
        <Button className='btn grow' onClick={() => Taro.navigateTo({ url: '/packages/staff/coverage' })}>
          15分钟服务圈覆盖
        </Button>
      </View>
      {isAdmin && (
        <CommunityPicker
          communities={communities.data ?? []}
          value={communityId}
          onChange={setCommunityId}
          allLabel='全部服务站（含区、街道的）'
          className='section-title'
        />
      )}
      <QueryView query={stations} empty={stations.items.length === 0} emptyText='还没有服务站，可以点上面的“新建服务站”' loadingText='正在读取服务站…'>
        <VirtualFeed
          list={stations}
          renderItem={(s) => (
            <View className='card' role='button' data-testid='station-row' onClick={() => Taro.navigateTo({ url: `/packages/staff/station-edit?id=${s.id}` })}>
              <TitleRow tag={STATION_LEVEL_LABELS[s.level]} title={s.name} />
              <View className='t-small'>{s.address}</View>
              <View className='row'>
                <Text className={`tag ${s.active ? 'tag-ok' : 'tag-warn'}`}>{s.active ? '开放中' : '已停用'}</Text>
                <Text className='grow' />
                <Text className='t-small'>编辑 ›</Text>
              </View>
            </View>
          )}
        />
      </QueryView>
    </Screen>
  );
}
