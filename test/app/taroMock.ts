/** Taro APIs that Taro's babel step turns into named imports (`Taro.showModal()` → `showModal()`), stubbed in tests. */
export const NAMED_APIS = ['showToast', 'showModal', 'scanCode', 'makePhoneCall', 'requestSubscribeMessage', 'setClipboardData'] as const;

/**
 * For `jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs())`: the real module
 * with those APIs replaced by mocks (set them up with stubTaroUi in mockTransport.ts).
 */
export function taroModuleWithStubs() {
  const actual = jest.requireActual('@tarojs/taro');
  return {
    ...actual,
    __esModule: true,
    ...Object.fromEntries(NAMED_APIS.map((name) => [name, jest.fn()])),
    getLaunchOptionsSync: jest.fn(() => launchOptions(NORMAL_LAUNCH_SCENE)),
  };
}

/** 1001: the mini-program opened from WeChat's 发现 entry, as a normal launch; 1154: a page opened from 朋友圈 in single-page mode. */
export const NORMAL_LAUNCH_SCENE = 1001;
export const SINGLE_PAGE_SCENE = 1154;

const launchOptions = (scene: number) => ({ scene, path: 'pages/service/index', query: {}, referrerInfo: {}, forwardMaterials: [] });

/** WeChat's launch options from now on say the app was opened from `scene` (Taro.getLaunchOptionsSync). */
export function launchedFrom(scene: number) {
  (require('@tarojs/taro').getLaunchOptionsSync as jest.Mock).mockReturnValue(launchOptions(scene));
}
