import { useDidShow } from '@tarojs/taro';
import { createStore } from './store';

/**
 * Which tab is on screen, for the weapp custom tab bar: WeChat gives each tab page its own tab bar and
 * tells none of them which page it is on, so each tab page says so when it shows.
 */
export const shownTabStore = createStore<string>('');

export function useShownTab(pagePath: string): void {
  useDidShow(() => shownTabStore.set(pagePath));
}
