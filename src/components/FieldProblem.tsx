import { View } from '@tarojs/components';
import { Icon } from './Icon';

/** What is wrong with a field or a step, under it, in words with a symbol (never colour alone). */
export function FieldProblem({ text }: { text?: string }) {
  return text ? (
    <View className='tag-warn' role='alert'>
      <Icon name='warning' />
      {text}
    </View>
  ) : null;
}
