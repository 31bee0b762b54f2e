import type { AnyObject } from './ejson';
import type { IndexSpec } from '../spec';
import { dbErrors } from './errors';
import { isPlainObject } from './fields';

/**
 * Strict index mode's planner: does one of a collection's declared indexes (or the implicit `_id`
 * index) serve a query? WeChat Cloud runs an unindexed query to the end, and under load it ends in
 * DATABASE_TIMEOUT; locally every query is fast, so the local cloud refuses such a query at once
 * instead (LOCALCLOUD_STRICT_INDEXES=1; docs/LOCALCLOUD.md, "Strict index mode").
 *
 * The filter is read as a conjunction (its top level and nested `$and`s) of conditions on fields:
 * - equality: a value (null included), `$eq`, `$in` (a few points, which MongoDB merges in index order);
 * - range: `$gt`, `$gte`, `$lt`, `$lte`;
 * - filter only: anything else (`$ne`, `$nin`, `$exists`, a regular expression, `$elemMatch`, ...), and
 *   top-level `$nor`, `$expr`: no index can bound these, they are checked on what the index reads.
 *
 * An index (keys k1..kn) serves the conjunction when, with p = how many leading keys it fixes by equality
 * (the equality prefix, possibly empty):
 * 1. sort: the sort's fields, less those fixed by equality, are k(p+1), k(p+2), ... in the index's
 *    directions or all reversed (else the database sorts in memory whatever it read);
 * 2. ranges: if the filter has a range, one of them is on k(p+1) (else it reads everything on the
 *    other side of the range: every past event of a list of upcoming ones filtered by end time);
 *    further ranges filter what that range reads;
 * 3. anything else the index does not bound (equality on other fields, further ranges, filter-only
 *    conditions) is allowed only when the walk is bounded: p >= 1 or a range on k(p+1). An index
 *    walked only for its order may not also filter: it would read on until it found a page, maybe the
 *    whole collection (a keyword search over all users);
 * 4. the index is used at all: bounded, or it gives the order. A query with neither filter nor sort
 *    reads (or counts) the whole collection and is refused.
 * A unique index (`_id`'s among them) whose every key is fixed by equality serves any query: it reads
 * one document per value, whatever else the filter says and however it sorts.
 *
 * `$or` within the conjunction: served when the rest of the conjunction is served with the `$or`
 * as a filter (rule 3), or when every branch, joined with the rest, is served on its own (one index
 * scan per branch, merged; keyset paging's `{t > x} or {t = x, _id > id}` is served this way).
 * A geo condition (`$nearSphere`, `$geoWithin`) is served by the field's 2dsphere index, which the
 * engine already requires. Aggregation is planned on its leading `$match` and the `$sort` right after
 * it; a leading `$geoNear` uses its 2dsphere index.
 */

type Key = { field: string; direction: 1 | -1 };
type Index = { name: string; keys: Key[]; unique: boolean };
/** A declared index as the planner reads it (IndexSpec, `unique` optional). */
export type DeclaredIndex = Pick<IndexSpec, 'name' | 'keys'> & { unique?: boolean };
type Sort = Record<string, 1 | -1>;

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);
const GEO_OPS = new Set(['$nearSphere', '$near', '$geoWithin', '$geoIntersects']);

/** The conjunction's conditions: for each field, what the filter does with it, in the filter's order. */
interface Shape {
  /** Field → kinds: 'eq', 'in', 'range', 'geo', or the filter-only operator ('$ne', 'regex', ...). */
  fields: Map<string, Set<string>>;
  /** The branches of each `$or` in the conjunction. */
  ors: AnyObject[][];
  /** Top-level operators that only filter (`$nor`, `$expr`, ...). */
  others: string[];
}

const isEquality = (kinds: Set<string>): boolean => kinds.has('eq') || kinds.has('in');

/** The kinds of one field's condition. */
function conditionKinds(value: unknown): string[] {
  if (value instanceof RegExp) return ['regex'];
  if (!isPlainObject(value) || !Object.keys(value).some((k) => k.startsWith('$'))) return ['eq'];
  return Object.entries(value).map(([op, operand]) => {
    if (op === '$eq') return operand instanceof RegExp ? 'regex' : 'eq';
    if (op === '$in') return Array.isArray(operand) && operand.some((v) => v instanceof RegExp) ? 'regex' : 'in';
    if (RANGE_OPS.has(op)) return 'range';
    if (GEO_OPS.has(op)) return 'geo';
    return op === '$regex' ? 'regex' : op;
  });
}

function shapeOf(filters: AnyObject[]): Shape {
  const shape: Shape = { fields: new Map(), ors: [], others: [] };
  const add = (filter: AnyObject): void => {
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$and' && Array.isArray(value)) value.forEach((f) => add(f as AnyObject));
      else if (key === '$or' && Array.isArray(value)) shape.ors.push(value as AnyObject[]);
      else if (key.startsWith('$')) shape.others.push(key);
      else {
        let kinds = shape.fields.get(key);
        if (!kinds) shape.fields.set(key, (kinds = new Set()));
        for (const kind of conditionKinds(value)) kinds.add(kind);
      }
    }
  };
  filters.forEach(add);
  return shape;
}

/** Whether one index serves the conjunction, `$or`s counted as filters (rules 1-4 above). */
function fits({ keys, unique }: Index, shape: Shape, sort: Key[]): boolean {
  const fixed = (field: string): boolean => isEquality(shape.fields.get(field) ?? new Set());
  let p = 0;
  while (p < keys.length && fixed(keys[p].field)) p++;
  if (unique && p === keys.length) return true;
  const next = keys[p]?.field;
  const rangeKey = next !== undefined && !fixed(next) && shape.fields.get(next)?.has('range') ? next : undefined;

  const allSortKeys = sort.filter((s) => !fixed(s.field));
  // Past the last key of a unique index there are no ties: later sort keys (an `_id` tiebreak) change nothing.
  const sortKeys = unique ? allSortKeys.slice(0, keys.length - p) : allSortKeys;
  const along = keys.slice(p, p + sortKeys.length);
  const sameWay = sortKeys.every((s, i) => along[i]?.field === s.field && along[i].direction === s.direction);
  const reversed = sortKeys.every((s, i) => along[i]?.field === s.field && along[i].direction === -s.direction);
  if (!sameWay && !reversed) return false;

  const ranges = Array.from(shape.fields).filter(([field, kinds]) => !fixed(field) && kinds.has('range'));
  if (ranges.length && !rangeKey) return false;

  const prefix = new Set(keys.slice(0, p).map((k) => k.field));
  const unbound = Array.from(shape.fields).some(
    ([field, kinds]) =>
      (isEquality(kinds) && !prefix.has(field)) ||
      (kinds.has('range') && !isEquality(kinds) && field !== rangeKey) ||
      Array.from(kinds).some((k) => k !== 'eq' && k !== 'in' && k !== 'range'),
  );
  const bounded = p > 0 || rangeKey !== undefined;
  if ((unbound || shape.ors.length > 0 || shape.others.length > 0) && !bounded) return false;
  return bounded || sortKeys.length > 0;
}

/** The name of the index (or `$or(a | b)` of one per branch) that serves the conjunction, if any. */
function plan(indexes: Index[], filters: AnyObject[], sort: Key[]): string | undefined {
  const shape = shapeOf(filters);
  if (Array.from(shape.fields.values()).some((kinds) => kinds.has('geo'))) return 'geo';
  const served = indexes.find((index) => fits(index, shape, sort));
  if (served) return served.name;
  if (!shape.ors.length) return undefined;
  // Index union: the first $or's branches each joined with the rest (its other $ors included).
  const [branches] = shape.ors;
  const rest = filters.map((f) => withoutFirstOr(f, branches));
  const perBranch = branches.map((branch) => plan(indexes, [...rest, branch], sort));
  return perBranch.every((name) => name !== undefined) ? `$or(${perBranch.join(' | ')})` : undefined;
}

/** A filter without the given `$or` (found at its top level or in a nested `$and`). */
function withoutFirstOr(filter: AnyObject, branches: AnyObject[]): AnyObject {
  const out: AnyObject = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$or' && value === branches) continue;
    out[key] = key === '$and' && Array.isArray(value) ? value.map((f) => withoutFirstOr(f as AnyObject, branches)) : value;
  }
  return out;
}

function orderedKeys(keys: Record<string, 1 | -1 | '2dsphere'> | Sort): Key[] | undefined {
  const out: Key[] = [];
  for (const [field, direction] of Object.entries(keys)) {
    if (direction !== 1 && direction !== -1) return undefined;
    out.push({ field, direction });
  }
  return out;
}

const ID_INDEX: Index = { name: '_id_', keys: [{ field: '_id', direction: 1 }], unique: true };

/**
 * The index that serves a query (its name; `_id_` for the implicit one; `geo` for a geo condition;
 * `$or(a | b)` for one per branch), or undefined when none does.
 */
export function servingIndex(indexes: DeclaredIndex[], filter: AnyObject, sort: Sort = {}): string | undefined {
  const ordered = indexes.flatMap((index) => {
    const keys = orderedKeys(index.keys);
    return keys ? [{ name: index.name, keys, unique: index.unique ?? false }] : [];
  });
  // The declared indexes first: `_id`'s would serve keyset paging's `{t = x, _id > id}` branch by
  // walking every later id.
  return plan([...ordered, ID_INDEX], [filter], orderedKeys(sort) ?? []);
}

/** The query's shape for a refusal: fields (equality bare, else their kinds), `$or` branches, sort. */
export function describeQuery(filter: AnyObject, sort: Sort = {}): string {
  const conditions = (filters: AnyObject[]): string => {
    const shape = shapeOf(filters);
    const parts = Array.from(shape.fields, ([field, kinds]) => (kinds.size === 1 && kinds.has('eq') ? field : `${field}: ${Array.from(kinds).join('+')}`));
    for (const branches of shape.ors) parts.push(`$or: [${branches.map((b) => conditions([b])).join(' | ')}]`);
    parts.push(...shape.others);
    return `{${parts.join(', ')}}`;
  };
  const order = Object.entries(sort);
  return `filter ${conditions([filter])}${order.length ? ` sort {${order.map(([f, d]) => `${f}: ${d}`).join(', ')}}` : ''}`;
}

/** Refuses a query no declared index serves, naming the collection and the query's shape. */
export function requireIndex(collection: string, indexes: DeclaredIndex[], filter: AnyObject, sort?: Sort): void {
  if (servingIndex(indexes, filter, sort) === undefined) throw dbErrors.unindexed(collection, describeQuery(filter, sort));
}

/**
 * What an aggregation asks of an index: its leading `$match` and the `$sort` right after it (or a
 * leading `$sort`), or undefined for a leading `$geoNear`, which uses its 2dsphere index.
 */
export function aggregateQuery(pipeline: AnyObject[]): { filter: AnyObject; sort?: Sort } | undefined {
  const [first, second] = pipeline;
  if (first && '$geoNear' in first) return undefined;
  if (first && '$match' in first) return { filter: first.$match as AnyObject, sort: second && '$sort' in second ? (second.$sort as Sort) : undefined };
  if (first && '$sort' in first) return { filter: {}, sort: first.$sort as Sort };
  return { filter: {} };
}
