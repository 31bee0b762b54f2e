import { Button, Text, View } from '@tarojs/components';
import { ReactNode } from 'react';
import { QueryState } from '../hooks/useQuery';
import { Icon } from './Icon';

interface Props {
  /** The useQuery (or usePagedQuery) result, whole: its status, its error and its reload. */
  query: Pick<QueryState<unknown>, 'status' | 'error' | 'reload'>;
  /** True when the loaded data has nothing to show. */
  empty?: boolean;
  /** What to say (and suggest) when there is nothing. */
  emptyText?: string;
  loadingText?: string;
  children: ReactNode;
}

/** The one way pages show loading, failure and emptiness: in words and a symbol, never colour alone. */
export function QueryView({ query: { status, error, reload }, empty, emptyText = '这里还没有内容', loadingText = '正在加载…', children }: Props) {
  if (status === 'loading') {
    return (
      <View className='state' aria-busy='true'>
        <View className='state-icon'>
          <Icon name='waiting' />
        </View>
        <Text>{loadingText}</Text>
      </View>
    );
  }
  if (status === 'error') {
    return (
      <View className='state' role='alert'>
        <View className='state-icon'>
          <Icon name='warning' />
        </View>
        <View>{error?.message ?? '加载失败'}</View>
        <Button className='btn btn-block' onClick={reload}>
          重新加载
        </Button>
      </View>
    );
  }
  if (empty) {
    return (
      <View className='state'>
        <View className='state-icon'>
          <Icon name='empty' />
        </View>
        <Text>{emptyText}</Text>
      </View>
    );
  }
  return <>{children}</>;
}
