import { z } from 'zod';

/** Field types several contracts share. */
export const idSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');
export const openidSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'openid 格式不正确');
export const personNameSchema = z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 个字');
/** Mainland mobile numbers: 11 digits starting 13–19. */
export const phoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号');
/** ISO 8601 instant, as dates travel in results. */
export const isoDateTimeSchema = z.string().datetime({ offset: true });

export const pageInputSchema = z.object({
  cursor: z.string().max(200).optional(),
  pageSize: z.number().int().min(1).max(50).default(20),
});
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
