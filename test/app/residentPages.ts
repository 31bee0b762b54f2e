import { elderModeStore } from '../../src/stores/display';
import { setHomeChoice } from '../../src/stores/home';
import { identityStore } from '../../src/stores/identity';
import { lateBound } from '../helpers/late-bound';
import { ok, roles, user } from './fixtures';
import { resetRoute, restoreTaroUi, stubTaroUi, transport } from './mockTransport';

/**
 * What the page tests share: before each test `openid` as the demo identity, elder mode off, a fresh
 * transport mock and Taro's UI stubbed; after it, Taro's UI and the route restored. Call at the top
 * of a test file (after its jest.mock lines); the answer reads the current test's stubs.
 */
export function pagesAs(openid: string): ReturnType<typeof stubTaroUi> {
  let current: ReturnType<typeof stubTaroUi> | undefined;
  beforeEach(() => {
    transport.mockReset();
    elderModeStore.set(false);
    setHomeChoice(null);
    identityStore.set(openid);
    current = stubTaroUi();
  });
  afterEach(() => {
    restoreTaroUi();
    resetRoute();
  });
  return lateBound(() => current, 'Taro UI stubs');
}

/** The resident tabs and pages, as the demo resident. */
export const residentPages = () => pagesAs('demo-resident');

/** account.whoami as the demo resident answers it: with their profile, or before they filled it in. */
export const whoami = (withProfile = true) => ok({ openid: 'demo-resident', roles: roles(), user: withProfile ? user() : null });

/** account.whoami as the demo staff of 清洋社区 answers it. */
export const staffWhoami = () =>
  ok({ openid: 'demo-staff', roles: roles({ staffOf: ['c-qy'] }), user: user({ openid: 'demo-staff', roles: roles({ staffOf: ['c-qy'] }) }) });
