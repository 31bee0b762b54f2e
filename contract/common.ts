import { z } from 'zod';

/** Field types several contracts share. */
export const idSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');
export const openidSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'openid 格式不正确');
export const personNameSchema = z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 个字');
/** Mainland mobile numbers: 11 digits starting 13–19. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号');
/**
 * The years the app works in: every date and instant it is given lies in them. Anything else is a typo or
 * an attack, and would send loops over days far past anything meaningful (string dates stop comparing
 * in order after year 9999).
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
const YEARS_MESSAGE = `日期超出范围（${FIRST_YEAR}–${LAST_YEAR} 年）`;

/** Whether year, month (1–12) and day name a real day of the years the app works in. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** A calendar date 'YYYY-MM-DD' (China's calendar) that exists: no 2 月 30 日, years 2000–2100. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((date) => isCalendarDay(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))), '没有这一天，或日期超出范围');

/** A month 'YYYY-MM' of the years the app works in. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .refine((month) => isCalendarDay(Number(month.slice(0, 4)), 1, 1), YEARS_MESSAGE);

/** ISO 8601 instant, as dates travel in results, in the years the app works in. */
export const isoDateTimeSchema = z
  .string()
  .datetime({ offset: true })
  .refine((iso) => {
    const year = new Date(iso).getUTCFullYear();
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }, YEARS_MESSAGE);

/**
 * Search text as people type it, made one way for every search: full-width letters and digits folded
 * (NFKC), runs of spaces, tabs and line breaks made one space, ends trimmed. Empty means no keyword.
 * Control and format characters left after that (NUL, zero-width joiners…) are refused: they match
 * nothing a person wrote and some databases refuse them in a pattern. The database escapes it.
 */
export const keywordSchema = z
  .string()
  .max(200, '搜索词太长了')
  .transform((text) => text.normalize('NFKC').replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .max(20, '搜索词最多 20 个字')
      .refine((text) => !/[\p{Cc}\p{Cf}]/u.test(text), '搜索词里有无法识别的字符，请重新输入'),
  );

export const pageInputSchema = z.object({
  cursor: z.string().max(200).optional(),
  pageSize: z.number().int().min(1).max(50).default(20),
});
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
