import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { ReactNode, useState } from 'react';
import { Page, usePagedQuery } from '../hooks/useQuery';
import { ChoiceChips } from './ChoiceChips';
import { QueryView } from './QueryView';
import { VirtualFeed } from './VirtualFeed';

const SCOPES = ['upcoming', 'past'] as const;
export type TimelineScope = (typeof SCOPES)[number];
const SCOPE_LABELS: Record<TimelineScope, string> = { upcoming: '即将到来', past: '历史' };

interface Props<T> {
  load: (scope: TimelineScope, cursor: string | undefined) => Promise<Page<T>>;
  render: (item: T) => ReactNode;
  loadingText: string;
  emptyUpcoming: string;
  emptyPast: string;
  /** Where to find something when nothing is coming: a tab and the button's words. */
  findMore: { label: string; tab: string };
}

/** The caller's own records (bookings, sign-ups): coming ones soonest first, or past ones latest first. */
export function OwnTimeline<T extends { id: string }>({ load, render, loadingText, emptyUpcoming, emptyPast, findMore }: Props<T>) {
  const [scope, setScope] = useState<TimelineScope>('upcoming');
  const list = usePagedQuery((cursor) => load(scope, cursor), [scope]);
  // Back from a record that was changed or cancelled: show its new state.
  useDidShow(() => list.status === 'ready' && list.refresh());
  return (
    <>
      <ChoiceChips options={SCOPES} labels={SCOPE_LABELS} value={scope} onChange={(s) => s && setScope(s)} />
      <View className='section-title' />
      <QueryView query={list} empty={list.items.length === 0} emptyText={scope === 'upcoming' ? emptyUpcoming : emptyPast} loadingText={loadingText}>
        <VirtualFeed list={list} renderItem={render} />
      </QueryView>
      {scope === 'upcoming' && list.status === 'ready' && list.items.length === 0 && (
        <Button className='btn btn-primary btn-block' onClick={() => Taro.switchTab({ url: findMore.tab })}>
          {findMore.label}
        </Button>
      )}
    </>
  );
}
