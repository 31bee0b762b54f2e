import { Text, View } from '@tarojs/components';

/** A card's first line: its kind as a bordered tag (text, not colour alone), then its name. */
export function TitleRow({ tag, title, large = false }: { tag: string; title: string; large?: boolean }) {
  return (
    <View className='row'>
      <Text className='tag tag-accent'>{tag}</Text>
      <Text className={`${large ? 't-h1' : 't-title'} grow`}>{title}</Text>
    </View>
  );
}
