import Taro from '@tarojs/taro';
import { demoOpenid } from '../stores/identity';

/**
 * How a function call leaves the app: on weapp through WeChat (`wx.cloud.callFunction`, which
 * attaches the user's real identity); in the local h5 build over HTTP to the local cloud on the same
 * origin, with the demo identity as the OPENID. Pages never come here: they use api/client.ts.
 */

export function initCloud(): void {
  if (process.env.TARO_ENV === 'weapp') Taro.cloud.init({ traceUser: true });
}

export class TransportError extends Error {}

/** Calls a cloud function and returns what the function returned. */
export async function callCloudFunction(name: string, data: unknown): Promise<unknown> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.callFunction({ name, data: data as TaroGeneral.IAnyObject });
    return res.result;
  }
  let response: Response;
  try {
    const openid = demoOpenid();
    response = await fetch(`/fn/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(data),
    });
  } catch (err) {
    throw new TransportError((err as Error).message);
  }
  const body = (await response.json().catch(() => ({}))) as { result?: unknown; errMsg?: string };
  if (body.errMsg !== 'cloud.callFunction:ok') throw new TransportError(body.errMsg ?? `HTTP ${response.status}`);
  return body.result;
}
