import { _, db, getList } from './cloud';
import { escapeRegExp } from './text';

/** The database answers at most this many documents per `get()`, whatever `limit()` asks. */
export const GET_LIMIT = 100;

/** Conditions that must all hold; none matches every document. */
export function allOf(conditions: object[]): object {
  return conditions.length ? _.and(conditions) : {};
}

/** Keyset paging: the documents after (`value`, `id`) in ascending (`field`, `_id`) order. */
export function after(field: string, value: unknown, id: string): object {
  return _.or([{ [field]: _.gt(value) }, { [field]: value, _id: _.gt(id) }]);
}

/** Keyset paging, newest first: the documents after (`value`, `id`) in descending (`field`, `_id`) order. */
export function before(field: string, value: unknown, id: string): object {
  return _.or([{ [field]: _.lt(value) }, { [field]: value, _id: _.lt(id) }]);
}

/** Documents with the keyword anywhere in one of the fields, ignoring case, matched literally. */
export function containsKeyword(fields: string[], keyword: string): object {
  const pattern = escapeRegExp(keyword);
  return _.or(fields.map((field) => ({ [field]: db.RegExp({ regexp: pattern, options: 'i' }) })));
}

/** Documents by id (at most GET_LIMIT ids), keyed by id; missing ones are simply absent. */
export async function getByIds<T>(collection: string, ids: string[]): Promise<Map<string, T & { _id: string }>> {
  const unique = Array.from(new Set(ids));
  if (unique.length === 0) return new Map();
  const docs = await getList<T>(db.collection(collection).where({ _id: _.in(unique) }).limit(GET_LIMIT));
  return new Map(docs.map((doc) => [doc._id, doc]));
}

/**
 * Every matching document in ascending (`field`, `_id`) order, read GET_LIMIT at a time: for small
 * reference collections (streets, communities) that a screen shows whole.
 */
export async function getAll<T extends object>(collection: string, condition: object, field: keyof T & string): Promise<Array<T & { _id: string }>> {
  const all: Array<T & { _id: string }> = [];
  for (;;) {
    const last = all[all.length - 1];
    const docs = await getList<T>(
      db
        .collection(collection)
        .where(last ? allOf([condition, after(field, last[field], last._id)]) : condition)
        .orderBy(field, 'asc')
        .orderBy('_id', 'asc')
        .limit(GET_LIMIT),
    );
    all.push(...docs);
    if (docs.length < GET_LIMIT) return all;
  }
}
