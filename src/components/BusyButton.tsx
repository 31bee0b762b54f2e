import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';

interface BusyButtonProps {
  /** An action of this button is running: the button is disabled and says `busyText` instead of its label. */
  busy: boolean;
  /** What is happening while busy, in words (正在保存…). */
  busyText: string;
  className: string;
  /** Disabled for another reason too (something still loading). */
  disabled?: boolean;
  onClick: () => void;
  'data-testid'?: string;
  children: ReactNode;
}

/**
 * The one button that shows an action running: disabled, marked aria-busy and saying what it does in
 * words. Not Taro's `loading`: on h5 it makes the button's web component insert its spinner among the
 * children React manages, which fails (NotFoundError: insertBefore) once React has rewritten them.
 */
export function BusyButton({ busy, busyText, className, disabled = false, onClick, children, ...rest }: BusyButtonProps) {
  return (
    <Button className={className} disabled={busy || disabled} aria-busy={busy} onClick={onClick} {...rest}>
      {busy ? busyText : children}
    </Button>
  );
}
