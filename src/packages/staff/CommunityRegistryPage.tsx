import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ReactNode, useState } from 'react';
import { RegistryCommunity } from '../../../contract';
import { api } from '../../api/client';
import { CommunityPicker } from '../../components/CommunityPicker';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';

type Page<T> = { items: T[]; nextCursor: string | null };

export interface FormSlot<T> {
  communities: RegistryCommunity[];
  communityId: string;
  /** The object edited; undefined: a new one. */
  item?: T;
  onDone: (changed: boolean) => void;
}

interface Props<T extends { id: string }> {
  /** What the page keeps, in words: 小区, 服务队. */
  what: string;
  emptyText: string;
  /** One page of the community's objects. */
  load: (communityId: string, cursor: string | undefined) => Promise<Page<T>>;
  form: (slot: FormSlot<T>) => ReactNode;
  /** An object's card body (the card opens its form). */
  row: (item: T) => ReactNode;
  rowTestId: string;
}

/**
 * A page of one community's registry objects (?communityId, else the first community the caller keeps),
 * for its staff and admins: the list paged, 新建 on top, each card opening its form in place.
 */
export function CommunityRegistryPage<T extends { id: string }>(props: Props<T>) {
  const { params } = useRouter();
  const communities = useQuery(() => api.registry.listCommunities({}), []);
  const list = communities.data ?? [];
  const [chosen, setChosen] = useState<string | undefined>(params.communityId);
  const communityId = chosen ?? list[0]?.id;
  return (
    <Screen>
      <QueryView query={communities} empty={list.length === 0} emptyText={`只有社区工作者和区管理员可以维护${props.what}。`} loadingText='正在读取社区…'>
        {communityId && <CommunityList key={communityId} {...props} communities={list} communityId={communityId} onCommunity={setChosen} />}
      </QueryView>
    </Screen>
  );
}

function CommunityList<T extends { id: string }>({
  what,
  emptyText,
  load,
  form,
  row,
  rowTestId,
  communities,
  communityId,
  onCommunity,
}: Props<T> & { communities: RegistryCommunity[]; communityId: string; onCommunity: (id: string) => void }) {
  const community = communities.find((c) => c.id === communityId);
  const items = usePagedQuery((cursor) => load(communityId, cursor), [communityId]);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const done = (changed: boolean) => (setEditing(null), changed && items.reload());
  return (
    <View>
      <Text className='t-h1'>
        {community?.name ?? '本社区'}的{what}
      </Text>
      {communities.length > 1 && (
        <CommunityPicker communities={communities} value={communityId} onChange={(id) => id && onCommunity(id)} label='选择社区' className='section-title' />
      )}
      {editing === 'new' ? (
        form({ communities, communityId, onDone: done })
      ) : (
        <Button className='btn btn-primary btn-block section-title' onClick={() => setEditing('new')}>
          新建{what}
        </Button>
      )}
      <QueryView query={items} empty={items.items.length === 0} emptyText={emptyText} loadingText={`正在读取${what}…`}>
        {items.items.map((item) =>
          editing !== 'new' && editing?.id === item.id ? (
            <View key={item.id}>{form({ communities, communityId, item, onDone: done })}</View>
          ) : (
            <View key={item.id} className='card' role='button' data-testid={rowTestId} onClick={() => setEditing(item)}>
              {row(item)}
            </View>
          ),
        )}
        <LoadMore list={items} />
      </QueryView>
    </View>
  );
}
