import { View } from '@tarojs/components';

/** What is wrong with a field or a step, under it, in words with a symbol (never colour alone). */
export function FieldProblem({ text }: { text?: string }) {
  return text ? (
    <View className='tag-warn' role='alert'>
      ⚠️ {text}
    </View>
  ) : null;
}
