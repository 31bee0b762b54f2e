import { View } from '@tarojs/components';
import { Outcome } from '../hooks/useAction';
import { Icon } from './Icon';

/** The outcome of the last action on a page (useAction): done, or refused with the reason. */
export function OutcomeNotice({ outcome, testId }: { outcome: Outcome | null; testId: string }) {
  if (!outcome) return null;
  return (
    <View className={`card ${outcome.ok ? 'notice' : 'alert'}`} role={outcome.ok ? 'status' : 'alert'} data-testid={testId}>
      {!outcome.ok && <Icon name='warning' />}
      {outcome.text}
    </View>
  );
}
