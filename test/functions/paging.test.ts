import { z } from 'zod';
import { decodeCursor, decodeCursorAs, encodeCursor, pageFrom } from '../../cloudfunctions/_shared/paging';
import { AppError } from '../../cloudfunctions/_shared/errors';
import { escapeRegExp } from '../../cloudfunctions/_shared/text';

describe('keyset cursors', () => {
  test('round-trip the sort key and id', () => {
    const cursor = { at: '2026-11-23T08:00:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  test('a forged or damaged cursor is BAD_INPUT', () => {
    for (const bad of ['garbage', encodeCursor({ at: 'not a date', id: 'x' }), Buffer.from('{"at":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(AppError);
    }
  });
});

describe('cursors of other shapes', () => {
  const nameCursor = z.strictObject({ name: z.string(), id: z.string() });

  test('round-trip; a cursor of another shape or list is BAD_INPUT', () => {
    expect(decodeCursorAs(encodeCursor({ name: '福老汇理发队', id: 't1' }), nameCursor)).toEqual({ name: '福老汇理发队', id: 't1' });
    for (const other of [
      { at: '2026-11-23T08:00:00.000Z', id: 'x' },
      { level: 'street', name: 'a', id: 'x' },
      { name: 1, id: 'x' },
    ]) {
      expect(() => decodeCursorAs(encodeCursor(other), nameCursor)).toThrow(AppError);
    }
    expect(() => decodeCursor(encodeCursor({ name: 'a', id: 'x' }))).toThrow(AppError);
  });
});

describe('a page out of pageSize + 1 documents', () => {
  type Doc = { _id: string; n: number };
  const docs: Doc[] = [1, 2, 3].map((n) => ({ _id: `d${n}`, n }));
  const toItem = (d: Doc) => d.n * 10;
  const cursorOf = (d: Doc) => ({ at: '2026-01-01T00:00:00.000Z', id: d._id });

  test('the extra document only says there is more; the cursor names the last shown', () => {
    const page = pageFrom(docs, 2, toItem, cursorOf);
    expect(page.items).toEqual([10, 20]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ at: '2026-01-01T00:00:00.000Z', id: 'd2' });
  });

  test('no extra document, no next page', () => {
    expect(pageFrom(docs, 3, toItem, cursorOf)).toEqual({ items: [10, 20, 30], nextCursor: null });
    expect(pageFrom([], 3, toItem, cursorOf)).toEqual({ items: [], nextCursor: null });
  });
});

describe('keywords as literal text', () => {
  test('every regular-expression character matches only itself', () => {
    for (const text of ['.*', '1+1=2?', '(a|b)', '[x]', '^$', '{2}', 'a\\b', '福老汇']) {
      const pattern = new RegExp(escapeRegExp(text), 'i');
      expect(pattern.test(`前${text}后`)).toBe(true);
      expect(pattern.test('something else entirely')).toBe(false);
    }
    expect(escapeRegExp('理发')).toBe('理发');
  });
});
