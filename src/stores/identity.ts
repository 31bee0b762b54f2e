import Taro from '@tarojs/taro';
import { createStore } from './store';

/**
 * The local h5 build's demo identity: which seeded account the local cloud should see as the caller.
 * It exists only for local demos; the weapp build never reads it (WeChat supplies the identity).
 */
export const DEMO_IDENTITIES = [
  { openid: 'demo-resident', label: '居民' },
  { openid: 'demo-leader', label: '服务队队长' },
  { openid: 'demo-staff', label: '社区工作者' },
  { openid: 'demo-admin', label: '区管理员' },
  { openid: 'demo-stranger', label: '新用户' },
] as const;

const STORAGE_KEY = 'demo-openid';

function initialOpenid(): string {
  if (process.env.TARO_ENV !== 'h5') return '';
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
