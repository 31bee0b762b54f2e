import { randomBytes } from 'crypto';
import { update as applyUpdate } from 'mingo';
import type { AnyObject } from './ejson';
import { Doc, DocId, deepCopy } from './ejson';
import { dbErrors } from './errors';
import { assertStorableFieldNames } from './field-names';
import { isPlainObject, resolveServerDates } from './fields';
import { docKey, type Change } from './collection';

/** Writes turned into after-images: new documents, replacements (`set`) and update operators (`update`), checked as MongoDB checks them. */

export interface ModifyOptions {
  query: AnyObject;
  data: AnyObject;
  /** false: `data` replaces the document (`set`); true: `data` holds update operators. */
  merge: boolean;
  multi: boolean;
  upsert: boolean;
}

const newId = (): string => randomBytes(16).toString('hex');

/** A document to insert, given an `_id` when it has none. */
export function newDocument(raw: AnyObject, now: number): Doc {
  const doc = resolveServerDates(deepCopy(raw), now) as Doc;
  if (doc._id === undefined || doc._id === null) doc._id = newId();
  if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw dbErrors.invalidParam('_id must be a string or a number');
  assertStorableFieldNames(doc);
  return doc;
}

/**
 * The changes a set() or update() makes to the matched documents, or the document an upsert inserts.
 * `data` and `criteria` have their server dates resolved.
 */
export function modifications(matched: Doc[], data: AnyObject, criteria: AnyObject, options: ModifyOptions): { changes: Change[]; upserted?: Doc } {
  if (options.merge && options.upsert) throw dbErrors.invalidParam('upsert is supported only when replacing a document (set)');
  if (!options.merge) {
    if (Object.keys(data).some((k) => k.startsWith('$'))) throw dbErrors.requestFailed('update operator complicit');
    assertStorableFieldNames(data);
    if (matched.length === 0 && options.upsert) {
      const id = criteria._id as DocId | undefined;
      const doc = { ...deepCopy(data), _id: id ?? newId() } as Doc;
      return { changes: [{ key: docKey(doc._id), id: doc._id, doc }], upserted: doc };
    }
    return { changes: matched.map((old) => ({ key: docKey(old._id), id: old._id, doc: { ...deepCopy(data), _id: old._id } as Doc })) };
  }
  const modifier = Object.keys(data).some((k) => k.startsWith('$')) ? data : { $set: data };
  if (Object.keys(modifier).some((op) => !op.startsWith('$'))) throw dbErrors.requestFailed('cannot mix update operators and fields');
  const changes: Change[] = [];
  for (const old of matched) {
    assertPathsWritable(old, modifier);
    const doc = deepCopy(old);
    let changed: string[];
    try {
      changed = applyUpdate(doc, modifier as Parameters<typeof applyUpdate>[1]);
    } catch (err) {
      throw dbErrors.requestFailed((err as Error).message);
    }
    if (doc._id !== old._id) throw dbErrors.requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
    assertStorableFieldNames(doc);
    if (changed.length) changes.push({ key: docKey(old._id), id: old._id, doc });
  }
  return { changes };
}

/**
 * MongoDB refuses to write a dotted path through a null or scalar field ("Cannot create field 'by' in
 * element {cancellation: null}"); mingo would quietly create it. wx-server-sdk turns every nested object
 * of an update() into such paths, so this is a trap the real database springs: spring it here too.
 */
function assertPathsWritable(doc: Doc, modifier: AnyObject): void {
  for (const [op, fields] of Object.entries(modifier)) {
    if (op === '$unset' || !isPlainObject(fields)) continue;
    for (const path of Object.keys(fields)) {
      const parts = path.split('.');
      let value: unknown = doc;
      for (let i = 0; i < parts.length - 1; i++) {
        value = (value as AnyObject)[parts[i]];
        if (value === undefined) break;
        if (value === null || typeof value !== 'object') {
          throw dbErrors.requestFailed(`Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${JSON.stringify(value)}}`);
        }
      }
    }
  }
}
