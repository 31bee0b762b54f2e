import Taro from '@tarojs/taro';
import { createStore } from './store';

/**
 * How large the app draws text: 长辈模式 (elder mode) enlarges everything by a quarter, on top of
 * the system font size the user chose in WeChat (weapp reports it as a scale factor).
 */
const ELDER_KEY = 'elder-mode';
export const ELDER_SCALE = 1.25;

function systemScale(): number {
  if (process.env.TARO_ENV !== 'weapp') return 1;
  try {
    const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number };
    const factor = info.fontSizeScaleFactor;
    return typeof factor === 'number' && factor > 0 ? Math.min(factor, 2) : 1;
  } catch {
    return 1;
  }
}

export const elderModeStore = createStore<boolean>(Boolean(Taro.getStorageSync(ELDER_KEY)));
/** WeChat’s font setting as a factor (1 outside weapp). */
export const systemFontScale = systemScale();

export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_KEY, on);
  elderModeStore.set(on);
}

export function useFontScale(): number {
  const elder = elderModeStore.use();
  return (elder ? ELDER_SCALE : 1) * systemFontScale;
}
