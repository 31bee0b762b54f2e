import { Button, Text, View } from '@tarojs/components';
import { BusyButton } from './BusyButton';
import { PagedState } from '../hooks/useQuery';

/** The foot of a paged list: more to load, loading, failed (retry), or the end. */
export function LoadMore<T>({ list }: { list: PagedState<T> }) {
  if (list.status !== 'ready' || list.items.length === 0) return null;
  if (list.moreError) {
    return (
      <View className='state'>
        <View>{list.moreError.message}</View>
        <Button className='btn btn-block' onClick={list.loadMore}>
          重试
        </Button>
      </View>
    );
  }
  if (list.hasMore) {
    return (
      <BusyButton className='btn btn-block' busy={list.loadingMore} busyText='正在加载…' onClick={list.loadMore}>
        加载更多
      </BusyButton>
    );
  }
  return (
    <View className='state t-small'>
      <Text>没有更多了，共 {list.items.length} 条</Text>
    </View>
  );
}
