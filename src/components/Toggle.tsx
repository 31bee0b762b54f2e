import { Text, View } from '@tarojs/components';
import { ReactNode } from 'react';

/** A large checkbox-like row: the box shows ✓ when on (a mark, not colour alone). */
export function Toggle({
  checked,
  onChange,
  children,
  testId,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <View className={`toggle row ${checked ? 'toggle-on' : ''}`} role='checkbox' aria-checked={checked} data-testid={testId} onClick={() => onChange(!checked)}>
      <Text className='toggle-box'>{checked ? '✓' : ''}</Text>
      <View className='grow'>{children}</View>
    </View>
  );
}
