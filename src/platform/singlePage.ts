import Taro from '@tarojs/taro';

/** WeChat's scene of a page opened from 朋友圈: 单页模式 (single-page mode). */
const SINGLE_PAGE_SCENE = 1154;

/**
 * Whether the app runs as a page shared to 朋友圈 and opened there in WeChat's single-page mode: no
 * login (the functions see no OPENID and answer only the shared pages' public reads) and no way to other
 * pages. WeChat shows its own 前往小程序 bar, which opens the mini-program itself at the same page (a new
 * launch, another scene). Never on h5.
 */
export function inSinglePageMode(): boolean {
  return process.env.TARO_ENV === 'weapp' && Taro.getLaunchOptionsSync().scene === SINGLE_PAGE_SCENE;
}
