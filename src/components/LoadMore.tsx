import { Button, Text, View } from '@tarojs/components';
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
      <Button className='btn btn-block' loading={list.loadingMore} disabled={list.loadingMore} onClick={list.loadMore}>
        {list.loadingMore ? '正在加载…' : '加载更多'}
      </Button>
    );
  }
  return (
    <View className='state t-small'>
      <Text>没有更多了，共 {list.items.length} 条</Text>
    </View>
  );
}
