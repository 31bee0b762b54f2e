import '@testing-library/jest-dom';
import Taro from '@tarojs/taro-h5';

// The h5 build replaces process.env.TARO_ENV at build time; components under test are the h5 ones. A test
// may play weapp; the next starts on h5 again (left on weapp, a list would measure itself with the real
// selector query, which throws later, outside any page).
process.env.TARO_ENV = 'h5';
beforeEach(() => {
  process.env.TARO_ENV = 'h5';
});

// Taro's page-lifecycle hooks come from its React framework runtime, which attaches them only inside
// a running Taro app. Rendered alone, a page has no lifecycle: the hooks are inert here.
Object.assign(Taro as unknown as Record<string, unknown>, {
  useDidShow: () => undefined,
  usePageScroll: () => undefined,
  useLaunch: () => undefined,
  useShareAppMessage: () => undefined,
  useShareTimeline: () => undefined,
  useRouter: () => ({ params: {} }),
});
