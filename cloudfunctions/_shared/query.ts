import { z } from 'zod';
import { chinaDate, chinaInstant } from '../../rules/china-time';
import { _, db } from './cloud';
import { collection, CollectionName, Condition, Stored } from './collections';
import { decodeCursorAs } from './paging';
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

/**
 * The one way a search keyword (already normalised by the contract's keywordSchema) reaches the
 * database: a pattern matching it literally anywhere, ignoring case.
 */
export function keywordPattern(keyword: string): object {
  return db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
}

/** Documents with the keyword anywhere in one of the fields. */
export function containsKeyword(fields: string[], keyword: string): object {
  return _.or(fields.map((field) => ({ [field]: keywordPattern(keyword) })));
}

/** Documents by id (at most GET_LIMIT ids), keyed by id; missing ones are simply absent. */
export async function getByIds<C extends CollectionName>(name: C, ids: string[]): Promise<Map<string, Stored<C>>> {
  const unique = Array.from(new Set(ids));
  if (unique.length === 0) return new Map();
  const docs = await collection(name)
    .where({ _id: _.in(unique) })
    .limit(GET_LIMIT)
    .get();
  return new Map(docs.map((doc) => [doc._id, doc]));
}

/**
 * Every matching document in ascending (`field`, `_id`) order, read GET_LIMIT at a time: for small
 * reference collections (streets, communities) that a screen shows whole, and bounded sets such as a
 * month's events (at most `max`: the first ones in that order).
 */
export async function getAll<C extends CollectionName>(
  name: C,
  condition: Condition,
  field: keyof Stored<C> & string,
  max = Infinity,
): Promise<Array<Stored<C>>> {
  const all: Array<Stored<C>> = [];
  while (all.length < max) {
    const last = all[all.length - 1];
    const docs = await collection(name)
      .where(last ? allOf([condition, after(field, last[field], last._id)]) : condition)
      .orderBy(field, 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(GET_LIMIT, max - all.length))
      .get();
    all.push(...docs);
    if (docs.length < GET_LIMIT) return all;
  }
  return all;
}

const timeCursorSchema = z.strictObject({ at: z.string(), id: z.string() });

/**
 * One person's records by a time field, a page at a time: 'upcoming' from today (China time) soonest
 * first, 'past' before today latest first. Answers up to pageSize + 1 documents (the extra one says
 * there is more) and how to make the next page's cursor: pass both to pageFrom.
 */
export async function pageOwnByTime<C extends CollectionName, K extends keyof Stored<C> & string>(
  name: C,
  field: K,
  openid: string,
  scope: 'upcoming' | 'past',
  cursor: string | undefined,
  pageSize: number,
  now: Date,
): Promise<{ docs: Array<Stored<C>>; cursorOf: (last: Stored<C> & Record<K, Date>) => object }> {
  const upcoming = scope === 'upcoming';
  const today = chinaInstant(chinaDate(now), '00:00');
  const conditions: object[] = [{ openid }, { [field]: upcoming ? _.gte(today) : _.lt(today) }];
  if (cursor) {
    const last = decodeCursorAs(cursor, timeCursorSchema);
    const at = new Date(last.at);
    conditions.push(_.or([{ [field]: upcoming ? _.gt(at) : _.lt(at) }, { [field]: at, _id: upcoming ? _.gt(last.id) : _.lt(last.id) }]));
  }
  const direction = upcoming ? 'asc' : 'desc';
  const docs = await collection(name)
    .where(_.and(conditions))
    .orderBy(field, direction)
    .orderBy('_id', direction)
    .limit(pageSize + 1)
    .get();
  return { docs, cursorOf: (last) => ({ at: new Date(last[field]).toISOString(), id: last._id }) };
}
