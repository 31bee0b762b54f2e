import Taro from '@tarojs/taro';
import { createStore } from './store';

/**
 * The resident's community as this device knows it, kept in storage: chosen on the first run (and in
 * the profile too, once there is one: the profile's wins), or skipped. null: not asked yet.
 */
export type HomeChoice = { communityId: string } | 'skipped' | null;

const HOME_KEY = 'home-community';

function savedChoice(): HomeChoice {
  const saved: unknown = Taro.getStorageSync(HOME_KEY);
  if (saved === 'skipped') return 'skipped';
  const communityId = (saved as { communityId?: unknown } | null)?.communityId;
  return typeof communityId === 'string' && communityId ? { communityId } : null;
}

export const homeChoiceStore = createStore<HomeChoice>(savedChoice());

export function setHomeChoice(choice: HomeChoice): void {
  if (choice === null) Taro.removeStorageSync(HOME_KEY);
  else Taro.setStorageSync(HOME_KEY, choice);
  homeChoiceStore.set(choice);
}
