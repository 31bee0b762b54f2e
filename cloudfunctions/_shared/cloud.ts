import cloud from 'wx-server-sdk';

/**
 * The one wx-server-sdk instance of a function. In production the environment is the calling
 * function's own; locally the local cloud sets TCB_CONTEXT_CNFG so the same SDK talks to it.
 */
// The SDK types DYNAMIC_CURRENT_ENV as a symbol its own init() signature does not list.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** A missing document reads as null rather than throwing: callers decide what absence means. */
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0]);
export const _ = db.command;
export { cloud };

/** The caller's OPENID as WeChat attests it; never taken from the request body. */
export function callerOpenid(): string | undefined {
  const { OPENID } = cloud.getWXContext();
  return typeof OPENID === 'string' && OPENID ? OPENID : undefined;
}

/** A document by id, or null. (The SDK's typings mix in its callback style; results are typed here once.) */
export async function getById<T>(collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const res = (await db.collection(collection).doc(id).get()) as unknown as { data: (T & { _id: string }) | null };
  return res.data ?? null;
}

/** The documents a built query returns (at most 100: the database's cap per call). */
export async function getList<T>(query: { get(): unknown }): Promise<Array<T & { _id: string }>> {
  const res = (await query.get()) as unknown as { data: Array<T & { _id: string }> };
  return res.data;
}
