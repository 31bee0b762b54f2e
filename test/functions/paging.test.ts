import { decodeCursor, encodeCursor } from '../../cloudfunctions/_shared/paging';
import { AppError } from '../../cloudfunctions/_shared/errors';

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
