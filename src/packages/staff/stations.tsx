import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { STATION_LEVEL_LABELS } from '../../../contract';
import { api } from '../../api/client';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { TitleRow } from '../../components/TitleRow';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';

/** 服务站管理: the stations staff (their community) or admins (all, or one community) keep, stopped ones too. */
export default function StationsAdminPage() {
  const me = useQuery(() => api.account.whoami({}), []);
  const isAdmin = me.data?.role === 'admin';
  const communities = useQuery(() => (isAdmin ? api.directory.listCommunities({}) : Promise.resolve([])), [isAdmin]);
  const [communityId, setCommunityId] = useState<string | undefined>();
  const stations = usePagedQuery((cursor) => api.stations.listForStaff({ communityId, cursor, pageSize: 20 }), [communityId]);
  useDidShow(() => stations.status === 'ready' && stations.refresh());
  const list = communities.data ?? [];
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
        <Picker
          mode='selector'
          range={['全部社区和区、街道服务站', ...list.map((c) => c.name)]}
          value={communityId ? list.findIndex((c) => c.id === communityId) + 1 : 0}
          onChange={(e) => setCommunityId(Number(e.detail.value) ? list[Number(e.detail.value) - 1].id : undefined)}
        >
          <View className='input section-title' aria-label='选择社区'>
            {list.find((c) => c.id === communityId)?.name ?? '全部服务站'} ▾
          </View>
        </Picker>
      )}
      <QueryView
        status={stations.status}
        error={stations.error}
        onRetry={stations.reload}
        empty={stations.items.length === 0}
        emptyText='还没有服务站，可以点上面的“新建服务站”'
        loadingText='正在读取服务站…'
      >
        {stations.items.map((s) => (
          <View key={s.id} className='card' role='button' data-testid='station-row' onClick={() => Taro.navigateTo({ url: `/packages/staff/station-edit?id=${s.id}` })}>
            <TitleRow tag={STATION_LEVEL_LABELS[s.level]} title={s.name} />
            <View className='t-small'>{s.address}</View>
            <View className='row'>
              <Text className={`tag ${s.active ? 'tag-ok' : 'tag-warn'}`}>{s.active ? '开放中' : '已停用'}</Text>
              <Text className='grow' />
              <Text className='t-small'>编辑 ›</Text>
            </View>
          </View>
        ))}
        <LoadMore list={stations} />
      </QueryView>
    </Screen>
  );
}
