import { Button, View } from '@tarojs/components';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../src/api/client';
import { useAction } from '../../src/hooks/useAction';

/** useAction: the one way a button runs an action, one at a time, with its outcome in words. */

function Harness({ work, onDone, onRefused }: { work: () => Promise<string | void>; onDone?: () => void; onRefused?: (e: ApiError) => void }) {
  const action = useAction(onDone);
  return (
    <View>
      <Button disabled={action.busy} onClick={() => action.run(work, onRefused)}>
        {action.busy ? '正在办理…' : '办理'}
      </Button>
      <Button onClick={() => action.refuse('请先选择')}>检查</Button>
      <Button onClick={action.clear}>清除</Button>
      {action.outcome && <View data-testid='outcome'>{`${action.outcome.ok ? 'ok' : 'refused'}: ${action.outcome.text}`}</View>}
      {action.problem && <View role='alert'>{action.problem}</View>}
    </View>
  );
}

test('busy while it runs, a second tap ignored; then its words and onDone', async () => {
  let finish: (text: string) => void = () => undefined;
  const work = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
  const onDone = jest.fn();
  render(<Harness work={work} onDone={onDone} />);
  fireEvent.click(screen.getByText('办理'));
  expect(await screen.findByText('正在办理…')).toBeInTheDocument();
  fireEvent.click(screen.getByText('正在办理…'));
  expect(work).toHaveBeenCalledTimes(1);
  await act(async () => finish('✓ 已办好'));
  expect(screen.getByTestId('outcome')).toHaveTextContent('ok: ✓ 已办好');
  expect(onDone).toHaveBeenCalledTimes(1);
  expect(screen.queryByRole('alert')).toBeNull();
});

test('an action that says nothing leaves no outcome', async () => {
  const onDone = jest.fn();
  render(<Harness work={async () => undefined} onDone={onDone} />);
  fireEvent.click(screen.getByText('办理'));
  await waitFor(() => expect(onDone).toHaveBeenCalled());
  expect(screen.queryByTestId('outcome')).toBeNull();
});

test('a refusal: its message as the problem, its code to onRefused, no onDone', async () => {
  const onDone = jest.fn();
  const onRefused = jest.fn();
  render(<Harness work={() => Promise.reject(new ApiError('FULL', '名额已满'))} onDone={onDone} onRefused={onRefused} />);
  fireEvent.click(screen.getByText('办理'));
  expect(await screen.findByRole('alert')).toHaveTextContent('名额已满');
  expect(onRefused).toHaveBeenCalledWith(expect.objectContaining({ code: 'FULL' }));
  expect(onDone).not.toHaveBeenCalled();
});

test('anything else thrown reads as the network’s message', async () => {
  render(<Harness work={() => Promise.reject(new Error('boom'))} />);
  fireEvent.click(screen.getByText('办理'));
  expect(await screen.findByRole('alert')).toHaveTextContent('网络不太好');
});

test('refuse says what is missing before anything runs; clear forgets it', () => {
  render(<Harness work={jest.fn()} />);
  fireEvent.click(screen.getByText('检查'));
  expect(screen.getByRole('alert')).toHaveTextContent('请先选择');
  fireEvent.click(screen.getByText('清除'));
  expect(screen.queryByRole('alert')).toBeNull();
});
