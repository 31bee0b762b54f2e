import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { RegistryStreet } from '../../../contract';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { useQuery } from '../../hooks/useQuery';
import { CommunityForm } from './RegistryForms';
import { ActiveTag } from './registryParts';

/** 辖区管理's communities of one street: each with its compounds, teams and editing; a new one at the foot. */
export function RegistryCommunities({ street, streets }: { street: RegistryStreet; streets: RegistryStreet[] }) {
  const communities = useQuery(() => api.registry.listCommunities({ streetId: street.id }), [street.id]);
  const [editing, setEditing] = useState<string | null>(null);
  const done = (changed: boolean) => (setEditing(null), changed && communities.refresh());
  const list = communities.data ?? [];
  return (
    <View data-testid='communities'>
      <View className='t-title section-title'>
        {street.name}的社区（{list.length}）
      </View>
      <QueryView
        query={communities}
        empty={list.length === 0 && editing !== 'new'}
        emptyText='这个街道还没有社区，可以点下面的“新建社区”'
        loadingText='正在读取社区…'
      >
        {list.map((c) =>
          editing === c.id ? (
            <CommunityForm key={c.id} streets={streets} streetId={street.id} community={c} onDone={done} />
          ) : (
            <View key={c.id} className='card' data-testid='community-row'>
              <View className='row'>
                <Text className='t-title grow'>{c.name}</Text>
                <ActiveTag active={c.active} />
              </View>
              <View className='t-small'>
                代码 {c.code} · {c.households} 户
              </View>
              <View className='row gap field'>
                <Button className='btn grow' onClick={() => Taro.navigateTo({ url: `/packages/staff/compounds?communityId=${c.id}` })}>
                  小区
                </Button>
                <Button className='btn grow' onClick={() => Taro.navigateTo({ url: `/packages/staff/teams?communityId=${c.id}` })}>
                  服务队
                </Button>
                <Button className='btn grow' onClick={() => setEditing(c.id)}>
                  编辑
                </Button>
              </View>
            </View>
          ),
        )}
      </QueryView>
      {editing === 'new' ? (
        <CommunityForm streets={streets} streetId={street.id} onDone={done} />
      ) : (
        <Button className='btn btn-block section-title' onClick={() => setEditing('new')}>
          新建社区
        </Button>
      )}
    </View>
  );
}
