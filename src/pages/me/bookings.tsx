import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../api/client';
import { BookingCard } from '../../components/BookingCard';
import { ChoiceChips } from '../../components/ChoiceChips';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { usePagedQuery } from '../../hooks/useQuery';

const SCOPES = ['upcoming', 'past'] as const;
type Scope = (typeof SCOPES)[number];
const SCOPE_LABELS: Record<Scope, string> = { upcoming: '即将到来', past: '历史' };

/** 我的预约: coming bookings soonest first, or past ones latest first, each with its state in words. */
export default function MyBookingsPage() {
  const [scope, setScope] = useState<Scope>('upcoming');
  const list = usePagedQuery((cursor) => api.booking.mine({ scope, cursor, pageSize: 20 }), [scope]);
  // Back from a booking that was cancelled: show its new state.
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
        emptyText={scope === 'upcoming' ? '还没有要去的预约。到“服务”里找一个服务队，选一天预约吧' : '还没有过去的预约'}
        loadingText='正在读取您的预约…'
      >
        {list.items.map((b) => (
          <BookingCard key={b.id} booking={b} />
        ))}
        <LoadMore list={list} />
      </QueryView>
      {scope === 'upcoming' && list.status === 'ready' && list.items.length === 0 && (
        <Button className='btn btn-primary btn-block' onClick={() => Taro.switchTab({ url: '/pages/service/index' })}>
          去找服务
        </Button>
      )}
    </Screen>
  );
}
