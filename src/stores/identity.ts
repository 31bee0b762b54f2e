import Taro from '@tarojs/taro';
import { createStore } from './store';

/**
 * The local h5 build's demo identity: which account the local cloud should see as the caller.
 * It exists only for local demos and tests; the weapp build never reads it (WeChat supplies the identity).
 */
export const DEMO_IDENTITIES = [
  { openid: 'demo-resident', label: '居民' },
  { openid: 'demo-leader', label: '服务队队长' },
  { openid: 'demo-staff', label: '社区工作者' },
  { openid: 'demo-admin', label: '区管理员' },
  { openid: 'demo-stranger', label: '新用户' },
] as const;

const STORAGE_KEY = 'demo-openid';
/** What the local cloud takes as an OPENID (contract/common.ts, openidSchema). */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `?openid=` before the page's hash (e.g. `/?openid=e2e-admin#/pages/me/index`): the h5 build acts as
 * that person, any OPENID, not only the listed ones (an end-to-end test's new people). It is kept as
 * the chosen identity, like a choice on the bar.
 */
function openidFromAddress(): string | undefined {
  const openid = new URLSearchParams(window.location.search).get('openid') ?? '';
  return OPENID.test(openid) ? openid : undefined;
}

function initialOpenid(): string {
  if (process.env.TARO_ENV !== 'h5') return '';
  const asked = openidFromAddress();
  if (asked) {
    Taro.setStorageSync(STORAGE_KEY, asked);
    return asked;
  }
  const saved = Taro.getStorageSync(STORAGE_KEY);
  return typeof saved === 'string' && saved ? saved : DEMO_IDENTITIES[0].openid;
}

export const identityStore = createStore<string>(initialOpenid());

export function demoOpenid(): string {
  return identityStore.get();
}

export function setDemoOpenid(openid: string): void {
  Taro.setStorageSync(STORAGE_KEY, openid);
  identityStore.set(openid);
}
