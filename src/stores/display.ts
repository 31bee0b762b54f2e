import Taro from '@tarojs/taro';
import { createStore } from './store';

/**
 * How large the app draws text: 长辈模式 (elder mode) has its own sizes (body 24 CSS px instead of 18,
 * targets 60 instead of 44: app.css), and both follow the system font size the user chose in WeChat,
 * up to body text of 30 CSS px (larger would break the layouts of a 375-wide screen).
 */
const ELDER_KEY = 'elder-mode';
/** Body text in CSS px on a 375-wide screen (app.css --text-body). */
const BODY_PX = { normal: 18, elder: 24 };
const MOST_BODY_PX = 30;

/**
 * The system font size as a scale factor: weapp reports WeChat's setting. The local h5 build has no
 * such setting, so the browser tests give it as `?font-scale=` before the hash (e.g.
 * `/?font-scale=1.25#/pages/me/index`), to check the layouts at WeChat's largest text.
 */
function systemScale(): number {
  let factor: number | undefined;
  try {
    if (process.env.TARO_ENV === 'weapp') factor = (Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number }).fontSizeScaleFactor;
    else if (process.env.TARO_ENV === 'h5') factor = Number(new URLSearchParams(window.location.search).get('font-scale') ?? 1);
  } catch {
    factor = 1;
  }
  return typeof factor === 'number' && factor > 0 ? factor : 1;
}

export const elderModeStore = createStore<boolean>(Boolean(Taro.getStorageSync(ELDER_KEY)));
/** WeChat’s font setting as a factor (1 outside weapp). */
export const systemFontScale = systemScale();

/** h5's tab bar lies outside every page: 长辈模式 reaches it through a class on <html> (app.css). */
function markDocument(on: boolean): void {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('elder', on);
}
markDocument(elderModeStore.get());
elderModeStore.subscribe(() => markDocument(elderModeStore.get()));

export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_KEY, on);
  elderModeStore.set(on);
}

export interface Display {
  elder: boolean;
  /** The system font factor, capped so that body text stays at most 30 CSS px: app.css --font-scale. */
  systemScale: number;
  /** Body text relative to normal mode's at the standard font size: for estimating heights. */
  textScale: number;
}

export function useDisplay(): Display {
  const elder = elderModeStore.use();
  const body = elder ? BODY_PX.elder : BODY_PX.normal;
  const systemScale = Math.min(systemFontScale, MOST_BODY_PX / body);
  return { elder, systemScale, textScale: (body * systemScale) / BODY_PX.normal };
}
