import { z } from 'zod';
import { AppError } from './errors';

/**
 * Keyset cursors: the sort key and id of the last item of a page, opaque to the app. Each list
 * decides its key's shape; `Cursor` is the common one, an instant (e.g. createdAt) and an id.
 */
export interface Cursor {
  at: string;
  id: string;
}

const instantCursorSchema = z.strictObject({
  at: z.string().refine((at) => !Number.isNaN(Date.parse(at))),
  id: z.string(),
});

export function encodeCursor(cursor: object): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** A cursor of the given (strict) shape; anything else (forged, damaged, another list's) is BAD_INPUT. */
export function decodeCursorAs<T>(text: string, schema: z.ZodType<T>): T {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the refusal below
  }
  throw invalidCursor();
}

export function invalidCursor(): AppError {
  return new AppError('BAD_INPUT', '翻页参数无效，请刷新后重试');
}

export function decodeCursor(text: string): Cursor {
  return decodeCursorAs(text, instantCursorSchema);
}

/**
 * One page out of `pageSize + 1` documents read in order: the extra one only says there is more, and
 * the cursor names the last item shown.
 */
export function pageFrom<D, T>(docs: D[], pageSize: number, toItem: (doc: D) => T, cursorOf: (last: D) => object): { items: T[]; nextCursor: string | null } {
  const shown = docs.slice(0, pageSize);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(toItem),
    nextCursor: docs.length > pageSize && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
