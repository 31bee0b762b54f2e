import cloud from 'wx-server-sdk';

/**
 * The one wx-server-sdk instance of a function. In production the environment is the calling
 * function's own; locally the local cloud sets TCB_CONTEXT_CNFG so the same SDK talks to it.
 */
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

/** A missing document reads as null rather than throwing: callers decide what absence means. */
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0]);
export const _ = db.command;
export { cloud };

/** The caller's OPENID as WeChat attests it; never taken from the request body. */
export function callerOpenid(): string | undefined {
  const { OPENID } = cloud.getWXContext();
  return typeof OPENID === 'string' && OPENID ? OPENID : undefined;
}

/**
 * The SDK's answer to a call made without callbacks. Its typings mix in the callback style (where a call
 * answers nothing, or a string in a test mode); a call without callbacks always answers the promise.
 */
export function promised<T>(result: Promise<T> | void | string): Promise<T> {
  return result as Promise<T>;
}
