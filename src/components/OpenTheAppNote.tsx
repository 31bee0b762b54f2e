import { View } from '@tarojs/components';
import { Icon } from './Icon';

/**
 * In 朋友圈's single-page mode, where nothing can be booked or signed up for: where to go to do it
 * (WeChat's own 前往小程序 bar at the bottom of the screen).
 */
export function OpenTheAppNote({ toDo }: { toDo: string }) {
  return (
    <View className='card notice' role='note' data-testid='open-the-app'>
      <Icon name='info' />
      {toDo}，请点屏幕下方的“前往小程序”。
    </View>
  );
}
