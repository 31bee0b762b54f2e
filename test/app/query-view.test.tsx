import { fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../../src/api/client';
import { QueryView } from '../../src/components/QueryView';

describe('QueryView: the one way pages show loading, failure and emptiness', () => {
  test('loading says so in words', () => {
    render(
      <QueryView query={{ status: 'loading', error: undefined, reload: () => undefined }} loadingText='正在查找服务队…'>
        内容
      </QueryView>,
    );
    expect(screen.getByText('正在查找服务队…')).toBeInTheDocument();
    expect(screen.queryByText('内容')).toBeNull();
  });

  test('an error shows its message and a retry button that retries', () => {
    const retry = jest.fn();
    render(<QueryView query={{ status: 'error', error: new ApiError('NETWORK', '网络不太好，请检查网络后重试'), reload: retry }}>内容</QueryView>);
    expect(screen.getByRole('alert')).toHaveTextContent('网络不太好');
    fireEvent.click(screen.getByText('重新加载'));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  const ready = { status: 'ready', error: undefined, reload: () => undefined } as const;
  test('empty data says what to do next; data shows the children', () => {
    const { rerender } = render(
      <QueryView query={ready} empty emptyText='换个类别试试'>
        内容
      </QueryView>,
    );
    expect(screen.getByText('换个类别试试')).toBeInTheDocument();
    rerender(
      <QueryView query={ready} empty={false}>
        内容
      </QueryView>,
    );
    expect(screen.getByText('内容')).toBeInTheDocument();
  });
});
