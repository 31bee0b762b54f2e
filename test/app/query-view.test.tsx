import { fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../../src/api/client';
import { QueryView } from '../../src/components/QueryView';

describe('QueryView: the one way pages show loading, failure and emptiness', () => {
  test('loading says so in words', () => {
    render(
      <QueryView status='loading' onRetry={() => undefined} loadingText='正在查找服务队…'>
        内容
      </QueryView>,
    );
    expect(screen.getByText('正在查找服务队…')).toBeInTheDocument();
    expect(screen.queryByText('内容')).toBeNull();
  });

  test('an error shows its message and a retry button that retries', () => {
    const retry = jest.fn();
    render(
      <QueryView status='error' error={new ApiError('NETWORK', '网络不太好，请检查网络后重试')} onRetry={retry}>
        内容
      </QueryView>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('网络不太好');
    fireEvent.click(screen.getByText('重新加载'));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  test('empty data says what to do next; data shows the children', () => {
    const { rerender } = render(
      <QueryView status='ready' onRetry={() => undefined} empty emptyText='换个类别试试'>
        内容
      </QueryView>,
    );
    expect(screen.getByText('换个类别试试')).toBeInTheDocument();
    rerender(
      <QueryView status='ready' onRetry={() => undefined} empty={false}>
        内容
      </QueryView>,
    );
    expect(screen.getByText('内容')).toBeInTheDocument();
  });
});
