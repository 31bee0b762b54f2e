import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { SignUpCard } from '../../components/SignUpParts';
import { usePagedQuery } from '../../hooks/useQuery';

const SCOPES = ['upcoming', 'past'] as const;
type Scope = (typeof SCOPES)[number];
const SCOPE_LABELS: Record<Scope, string> = { upcoming: '即将到来', past: '历史' };

/** 我的活动报名: 幸福集市 and 百家宴 sign-ups, coming ones soonest first or past ones latest first. */
export default function MySignUpsPage() {
  const [scope, setScope] = useState<Scope>('upcoming');
  const list = usePagedQuery((cursor) => api.events.mySignUps({ scope, cursor, pageSize: 20 }), [scope]);
  // Back from an event where a sign-up was changed or cancelled: show its new state.
  useDidShow(() => list.status === 'ready' && list.refresh());
  return (
    <Screen>
      <ChoiceChips options={SCOPES} labels={SCOPE_LABELS} value={scope} onChange={(s) => s && setScope(s)} />
      <View className='section-title' />
      <QueryView
        status={list.status}
        error={list.error}
        onRetry={list.reload}
        empty={list.items.length === 0}
        emptyText={scope === 'upcoming' ? '还没有报名的活动。到“活动”里看看幸福集市和百家宴吧' : '还没有过去的活动报名'}
        loadingText='正在读取您的活动报名…'
      >
        {list.items.map((s) => (
          <SignUpCard key={s.id} signUp={s} />
        ))}
        <LoadMore list={list} />
      </QueryView>
      {scope === 'upcoming' && list.status === 'ready' && list.items.length === 0 && (
        <Button className='btn btn-primary btn-block' onClick={() => Taro.switchTab({ url: '/pages/events/index' })}>
          去看活动
        </Button>
      )}
    </Screen>
  );
}
