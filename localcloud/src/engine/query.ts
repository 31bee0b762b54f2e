import { Query } from 'mingo';
import type { AnyObject } from './ejson';
import { Doc } from './ejson';
import { dbErrors } from './errors';
import { docKey, type Collection } from './collection';
import { nearCandidates, splitGeo, withinCandidates } from './geo-query';
import { Transaction, visible } from './transactions';

/** Reads: which documents a query matches, in what order, and which fields of them it returns. */

/**
 * get() in a cloud function: 100 documents when no limit() is given, and at most 100 whatever it asks
 * (the SDK sends 100 by default and caps at 1000; WeChat's pages say 100 and 1000: the stricter is kept).
 */
export const MAX_GET_LIMIT = 100;

export interface FindOptions {
  query?: AnyObject;
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: AnyObject;
}

/** `criteria` has its server dates resolved. */
export function find(coll: Collection, criteria: AnyObject, options: FindOptions, txn?: Transaction): Doc[] {
  const { geo, rest } = splitGeo(criteria);
  const limit = Math.min(options.limit && options.limit > 0 ? options.limit : MAX_GET_LIMIT, MAX_GET_LIMIT);
  const offset = options.offset ?? 0;
  const query = new Query(rest);
  const order = options.order && Object.keys(options.order).length ? options.order : undefined;
  const nearest = geo?.op === '$nearSphere' || geo?.op === '$near';
  let docs: Iterable<Doc>;
  if (geo && nearest) docs = nearCandidates(coll, geo, txn);
  else if (geo) docs = withinCandidates(coll, geo, txn);
  else docs = candidates(coll, rest, txn);
  if (nearest && !order) {
    // Candidates come in distance order: stop as soon as the page is full.
    const page: Doc[] = [];
    let skipped = 0;
    for (const doc of docs) {
      if (!query.test(doc)) continue;
      if (skipped++ < offset) continue;
      page.push(doc);
      if (page.length >= limit) break;
    }
    return options.projection ? new Query({}).find<Doc>(page, options.projection).all() : page;
  }
  const cursor = query.find<Doc>(docs, options.projection);
  if (order) cursor.sort(order);
  return cursor.skip(offset).limit(limit).all();
}

/** `criteria` has its server dates resolved. */
export function count(coll: Collection, criteria: AnyObject, txn?: Transaction): number {
  const { geo, rest } = splitGeo(criteria);
  // MongoDB counts with a $match stage: $geoWithin is allowed there, the nearest-first operators are not.
  if (geo && geo.op !== '$geoWithin') throw dbErrors.requestFailed('$geoNear, $near, and $nearSphere are not allowed in this context');
  const query = new Query(rest);
  let n = 0;
  for (const doc of geo ? withinCandidates(coll, geo, txn) : candidates(coll, rest, txn)) if (query.test(doc)) n++;
  return n;
}

/** The documents an update or a removal applies to: every match, or the first. */
export function matching(coll: Collection, criteria: AnyObject, multi: boolean, txn?: Transaction): Doc[] {
  const query = new Query(criteria);
  const matched: Doc[] = [];
  for (const doc of candidates(coll, criteria, txn)) {
    if (!query.test(doc)) continue;
    matched.push(doc);
    if (!multi) break;
  }
  return matched;
}

/** Documents a query may match, narrowed by `_id` when the query names one. */
function* candidates(coll: Collection, criteria: AnyObject, txn?: Transaction): Generator<Doc> {
  const id = criteria._id;
  if (typeof id === 'string' || typeof id === 'number') {
    const doc = visible(coll, docKey(id), txn);
    if (doc) yield doc;
    return;
  }
  if (!txn) {
    yield* coll.latestDocs();
    return;
  }
  const pending = txn.writes.get(coll.name);
  for (const key of coll.chains.keys()) {
    if (pending?.has(key)) continue;
    const doc = visible(coll, key, txn);
    if (doc) yield doc;
  }
  for (const { doc } of pending?.values() ?? []) if (doc) yield doc;
}
