import { fireEvent, render, screen } from '@testing-library/react';
import { BusyButton } from '../../src/components/BusyButton';

/** BusyButton: a running action shown in words, disabled and aria-busy, never with Taro's spinner (see the e2e suites' console check). */

const button = (text: string) => screen.getByText(text, { selector: 'taro-button-core' });

test('idle: its label, enabled, not busy; a tap runs the action', () => {
  const onClick = jest.fn();
  render(
    <BusyButton className='btn btn-primary' busy={false} busyText='正在保存…' onClick={onClick} data-testid='save'>
      保存
    </BusyButton>,
  );
  const idle = button('保存');
  expect(idle).toHaveAttribute('data-testid', 'save');
  expect(idle).toHaveAttribute('aria-busy', 'false');
  // React writes the false too; the app's style dims only a truly disabled button (app.css).
  expect(idle).toHaveAttribute('disabled', 'false');
  fireEvent.click(idle);
  expect(onClick).toHaveBeenCalledTimes(1);
});

test('busy: says what it does, disabled and aria-busy, with no loading spinner', () => {
  render(
    <BusyButton className='btn btn-primary' busy busyText='正在保存…' onClick={() => undefined}>
      保存
    </BusyButton>,
  );
  const busy = button('正在保存…');
  expect(busy).toHaveAttribute('aria-busy', 'true');
  expect(busy).toHaveAttribute('disabled', 'true');
  expect(busy).not.toHaveAttribute('loading');
  expect(screen.queryByText('保存')).toBeNull();
});

test('disabled for another reason while idle', () => {
  render(
    <BusyButton className='btn' busy={false} busyText='正在提交…' disabled onClick={() => undefined}>
      确认预约
    </BusyButton>,
  );
  expect(button('确认预约')).toHaveAttribute('disabled', 'true');
});
