/** Taro APIs that Taro's babel step turns into named imports (`Taro.showModal()` → `showModal()`), stubbed in tests. */
export const NAMED_APIS = ['showToast', 'showModal', 'scanCode', 'makePhoneCall', 'requestSubscribeMessage', 'setClipboardData'] as const;

/**
 * For `jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs())`: the real module
 * with those APIs replaced by mocks (set them up with stubTaroUi in mockTransport.ts).
 */
export function taroModuleWithStubs() {
  const actual = jest.requireActual('@tarojs/taro');
  return { ...actual, __esModule: true, ...Object.fromEntries(NAMED_APIS.map((name) => [name, jest.fn()])) };
}
