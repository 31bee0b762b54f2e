import { elderModeStore } from '../../src/stores/display';
import { identityStore } from '../../src/stores/identity';
import { ok, user } from './fixtures';
import { resetRoute, restoreTaroUi, stubTaroUi, transport } from './mockTransport';

/**
 * What the resident page tests share: before each test the demo resident, elder mode off, a fresh
 * transport mock and Taro's UI stubbed; after it, Taro's UI and the route restored. Call at the top
 * of a test file (after its jest.mock lines); the answer reads the current test's stubs.
 */
export function residentPages(): ReturnType<typeof stubTaroUi> {
  let current: ReturnType<typeof stubTaroUi> | undefined;
  beforeEach(() => {
    transport.mockReset();
    elderModeStore.set(false);
    identityStore.set('demo-resident');
    current = stubTaroUi();
  });
  afterEach(() => {
    restoreTaroUi();
    resetRoute();
  });
  return new Proxy({} as ReturnType<typeof stubTaroUi>, {
    get(_target, name) {
      if (!current) throw new Error('Taro UI stubs are only there inside a test');
      return current[name as keyof typeof current];
    },
  });
}

/** account.whoami as the demo resident answers it: with their profile, or before they filled it in. */
export const whoami = (withProfile = true) => ok({ openid: 'demo-resident', role: 'resident', user: withProfile ? user() : null });
