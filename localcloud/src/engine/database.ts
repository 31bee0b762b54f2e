import { randomBytes } from 'crypto';
import { Aggregator, Query, update as applyUpdate } from 'mingo';
import type { AnyObject } from './ejson';
import { DatabaseSpec } from '../spec';
import { Doc, DocId, deepCopy, encode } from './ejson';
import { DbError, dbErrors } from './errors';
import { assertStorableFieldNames } from './field-names';
import { containsServerDate, getPath, isPlainObject, resolveServerDates, setPath } from './fields';
import { GeoIndex, isGeoPoint } from './geo-index';
import { CommitRecord, FileOps, Journal, Write } from './journal';

/**
 * The local cloud's document database: the semantics of WeChat Cloud's MongoDB-based database, as far
 * as wx-server-sdk 4.0.2 can reach them, on an in-memory store made durable by the journal.
 *
 * Every request runs synchronously to completion, so a single request is atomic. Transactions span
 * requests: they read a snapshot (multi-version chains per document), take write locks on the documents
 * and unique-key values they write, and conflict at once when another transaction holds a lock or has
 * committed the document since their snapshot (first committer wins), as the real database does.
 */

/**
 * get() in a cloud function: 100 documents when no limit() is given, and at most 100 whatever it asks
 * (the SDK sends 100 by default and caps at 1000; WeChat's pages say 100 and 1000: the stricter is kept).
 */
export const MAX_GET_LIMIT = 100;
/** Rows aggregate().end() returns from a pipeline without a $limit stage, as WeChat Cloud answers. */
export const AGGREGATE_DEFAULT_LIMIT = 20;
/** Documents a $geoNear stage yields without its own `limit` option (MongoDB up to 4.0). */
export const GEO_NEAR_DEFAULT_LIMIT = 100;
export const TRANSACTION_TTL_MS = 30_000;

interface Version {
  seq: number;
  doc: Doc | null;
}

interface UniqueIndex {
  name: string;
  fields: string[];
  /** Value key → key of the committed document holding it. */
  owners: Map<string, string>;
}

class Collection {
  readonly chains = new Map<string, Version[]>();
  readonly unique: UniqueIndex[] = [];
  readonly geo = new Map<string, GeoIndex>();

  constructor(readonly name: string) {}

  latest(key: string): Version | undefined {
    const chain = this.chains.get(key);
    return chain && chain[chain.length - 1];
  }

  *latestDocs(): Generator<Doc> {
    for (const chain of this.chains.values()) {
      const doc = chain[chain.length - 1].doc;
      if (doc) yield doc;
    }
  }
}

interface Transaction {
  id: string;
  startSeq: number;
  startedAt: number;
  /** Pending writes per collection and key: the after-image, or null for a removal. */
  writes: Map<string, Map<string, { id: DocId; doc: Doc | null }>>;
  locks: Set<string>;
  aborted?: string;
  timer: NodeJS.Timeout;
}

/** Thrown inside a non-transactional write that must wait for a transaction's lock. */
class LockBusy {
  constructor(readonly lock: string) {}
}

export interface FindOptions {
  query?: AnyObject;
  order?: Record<string, 1 | -1>;
  offset?: number;
  limit?: number;
  projection?: AnyObject;
}

export interface ModifyOptions {
  query: AnyObject;
  data: AnyObject;
  /** false: `data` replaces the document (`set`); true: `data` holds update operators. */
  merge: boolean;
  multi: boolean;
  upsert: boolean;
}

export interface DatabaseOptions {
  dir: string;
  spec: DatabaseSpec;
  fileOps?: FileOps;
  /** Journal size at which the store is compacted into a new snapshot. */
  compactBytes?: number;
  transactionTtlMs?: number;
  now?: () => number;
}

const docKey = (id: DocId): string => (typeof id === 'number' ? `\u0000n${id}` : id);
const docLock = (coll: string, key: string): string => `d\u0000${coll}\u0000${key}`;
const uniqueLock = (coll: string, index: string, value: string): string => `u\u0000${coll}\u0000${index}\u0000${value}`;
const uniqueValue = (doc: Doc, fields: string[]): string => encode(fields.map((f) => getPath(doc, f) ?? null));

export class Database {
  private readonly collections = new Map<string, Collection>();
  private readonly journal: Journal;
  private readonly transactions = new Map<string, Transaction>();
  /** Lock name → id of the transaction holding it. */
  private readonly locks = new Map<string, string>();
  private lockWaiters: Array<() => void> = [];
  /** Keys whose chains hold more than one version, pruned as transactions end. */
  private readonly multiVersion = new Set<string>();
  /** Stored documents of collections the current spec does not declare: invisible, but kept in snapshots. */
  private readonly undeclared = new Map<string, Map<string, Doc>>();
  private nextCompactAt: number;
  private seq = 0;
  private readonly compactBytes: number;
  private readonly transactionTtlMs: number;
  private readonly now: () => number;

  constructor(options: DatabaseOptions) {
    this.compactBytes = options.compactBytes ?? 64 << 20;
    this.nextCompactAt = this.compactBytes;
    this.transactionTtlMs = options.transactionTtlMs ?? TRANSACTION_TTL_MS;
    this.now = options.now ?? Date.now;
    for (const [name, spec] of Object.entries(options.spec.collections)) {
      const coll = new Collection(name);
      for (const index of spec.indexes) {
        const fields = Object.keys(index.keys);
        if (index.keys[fields[0]] === '2dsphere') coll.geo.set(fields[0], new GeoIndex(fields[0]));
        else if (index.unique) coll.unique.push({ name: index.name, fields, owners: new Map() });
      }
      this.collections.set(name, coll);
    }
    this.journal = new Journal(options.dir, options.fileOps);
    const recovered = this.journal.open();
    for (const [coll, doc] of recovered.docs) this.load(coll, doc._id, doc, 0);
    for (const record of recovered.records) {
      for (const [coll, id, doc] of record.writes) this.load(coll, id, doc, record.seq);
    }
    this.seq = recovered.seq;
    for (const name of this.undeclared.keys()) {
      console.warn(`[localcloud] the store holds collection "${name}", which the spec does not declare: kept, not served`);
    }
    // A long journal makes every start slow: fold it into the snapshot once recovered.
    if (recovered.records.length > 10_000) this.compactSafely();
  }

  /** Applies a recovered write; data of collections not in the spec is kept aside, untouched. */
  private load(collName: string, id: DocId, doc: Doc | null, seq: number): void {
    const coll = this.collections.get(collName);
    if (coll) return this.apply(coll, docKey(id), doc, seq);
    let orphan = this.undeclared.get(collName);
    if (!orphan) this.undeclared.set(collName, (orphan = new Map()));
    if (doc) orphan.set(docKey(id), doc);
    else orphan.delete(docKey(id));
  }

  close(): void {
    for (const txn of this.transactions.values()) clearTimeout(txn.timer);
    this.journal.close();
  }

  get documentCount(): number {
    let n = 0;
    for (const coll of this.collections.values()) for (const _ of coll.latestDocs()) n++;
    return n;
  }

  // ---- reads -------------------------------------------------------------------------------------

  find(collName: string, options: FindOptions, txnId?: string): Doc[] {
    const coll = this.collection(collName);
    const txn = txnId ? this.activeTransaction(txnId) : undefined;
    const criteria = resolveServerDates(options.query ?? {}, this.now());
    const { geo, rest } = splitGeo(criteria);
    const limit = Math.min(options.limit && options.limit > 0 ? options.limit : MAX_GET_LIMIT, MAX_GET_LIMIT);
    const offset = options.offset ?? 0;
    const query = new Query(rest);
    let candidates: Iterable<Doc>;
    let ordered = false;
    if (geo?.op === '$nearSphere' || geo?.op === '$near') {
      candidates = this.nearCandidates(coll, geo, txn);
      ordered = true;
    } else if (geo) {
      candidates = this.withinCandidates(coll, geo, txn);
    } else {
      candidates = this.candidates(coll, rest, txn);
    }
    if (ordered && !(options.order && Object.keys(options.order).length)) {
      // Candidates come in distance order: stop as soon as the page is full.
      const page: Doc[] = [];
      let skipped = 0;
      for (const doc of candidates) {
        if (!query.test(doc)) continue;
        if (skipped++ < offset) continue;
        page.push(doc);
        if (page.length >= limit) break;
      }
      return options.projection ? new Query({}).find<Doc>(page, options.projection).all() : page;
    }
    const cursor = query.find<Doc>(candidates, options.projection);
    if (options.order && Object.keys(options.order).length) cursor.sort(options.order);
    return cursor.skip(offset).limit(limit).all();
  }

  count(collName: string, queryDoc: AnyObject | undefined, txnId?: string): number {
    const coll = this.collection(collName);
    const txn = txnId ? this.activeTransaction(txnId) : undefined;
    const criteria = resolveServerDates(queryDoc ?? {}, this.now());
    const { geo, rest } = splitGeo(criteria);
    // MongoDB counts with a $match stage: $geoWithin is allowed there, the nearest-first operators are not.
    if (geo && geo.op !== '$geoWithin') throw dbErrors.requestFailed('$geoNear, $near, and $nearSphere are not allowed in this context');
    const query = new Query(rest);
    let n = 0;
    for (const doc of geo ? this.withinCandidates(coll, geo, txn) : this.candidates(coll, rest, txn)) if (query.test(doc)) n++;
    return n;
  }

  aggregate(collName: string, requested: AnyObject[]): AnyObject[] {
    const coll = this.collection(collName);
    const pipeline = requested.some((stage) => '$limit' in stage) ? requested : [...requested, { $limit: AGGREGATE_DEFAULT_LIMIT }];
    let source: Iterable<AnyObject> = coll.latestDocs();
    let stages = pipeline;
    pipeline.forEach((stage, i) => {
      if ('$geoNear' in stage && i > 0) throw dbErrors.requestFailed('$geoNear is only valid as the first stage in a pipeline.');
    });
    if (pipeline.length && '$geoNear' in pipeline[0]) {
      source = this.geoNearStage(coll, pipeline[0].$geoNear as AnyObject);
      stages = pipeline.slice(1);
    }
    const resolved = resolveServerDates(stages, this.now());
    const options = { collectionResolver: (name: string) => Array.from(this.collection(name).latestDocs()) };
    // mingo's $limit filters without stopping its source, which would read the whole collection (or the
    // whole geoNear walk) for a page of five: when only per-document stages come before the first $limit,
    // pull that many results from them and run the rest on those.
    const limitAt = resolved.findIndex((stage) => '$limit' in stage);
    const streamable = limitAt >= 0 && resolved.slice(0, limitAt).every((stage) => Object.keys(stage).every((op) => STREAMING_STAGES.has(op)));
    const limit = streamable ? resolved[limitAt].$limit : undefined;
    if (typeof limit !== 'number') return new Aggregator(resolved, options).run(source);
    const head = new Aggregator(resolved.slice(0, limitAt), options).stream(source);
    const taken: AnyObject[] = [];
    while (taken.length < limit) {
      const next = head.next();
      if (next.done) break;
      taken.push(next.value as AnyObject);
    }
    return new Aggregator(resolved.slice(limitAt), options).run(taken);
  }

  /**
   * The $geoNear stage as a lazy source, nearest first: the stages after it pull only what they need, so
   * `$geoNear` then `$limit: 5` reads about five documents, not the collection.
   */
  private geoNearStage(coll: Collection, spec: AnyObject): Iterable<AnyObject> {
    const near = isGeoPoint(spec.near)
      ? spec.near
      : Array.isArray(spec.near)
        ? { type: 'Point' as const, coordinates: spec.near as [number, number] }
        : undefined;
    if (!near) throw dbErrors.requestFailed("$geoNear requires a 'near' option as a GeoJSON point");
    if (typeof spec.distanceField !== 'string' || !spec.distanceField) {
      throw dbErrors.requestFailed('$geoNear requires a distanceField');
    }
    if (spec.spherical !== true) throw dbErrors.requestFailed('$geoNear requires spherical: true on a 2dsphere index');
    if (spec.key === undefined && coll.geo.size > 1) {
      throw dbErrors.requestFailed(`There is more than one 2dsphere index on ${coll.name}; unsure which to use for $geoNear`);
    }
    const index = typeof spec.key === 'string' ? coll.geo.get(spec.key) : onlyGeoIndex(coll);
    if (!index) throw dbErrors.noGeoIndex('$geoNear');
    const query = new Query(resolveServerDates((spec.query as AnyObject) ?? {}, this.now()));
    const multiplier = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1;
    const { distanceField, includeLocs } = spec;
    const limit = typeof spec.limit === 'number' ? spec.limit : GEO_NEAR_DEFAULT_LIMIT;
    // Validated now, run when the pipeline pulls: a refusal above is an error of the call itself.
    const hits = index.nearest(near.coordinates[0], near.coordinates[1], {
      maxDistance: numberOrUndefined(spec.maxDistance),
      minDistance: numberOrUndefined(spec.minDistance),
    });
    return (function* () {
      let n = 0;
      for (const { key, distance } of hits) {
        const doc = coll.latest(key)?.doc;
        if (!doc || !query.test(doc)) continue;
        const result = deepCopy(doc) as AnyObject;
        setPath(result, distanceField, distance * multiplier);
        if (typeof includeLocs === 'string') setPath(result, includeLocs, getPath(doc, index.field));
        yield result;
        if (++n >= limit) return;
      }
    })();
  }

  /** Documents a query may match, narrowed by `_id` when the query names one. */
  private *candidates(coll: Collection, criteria: AnyObject, txn?: Transaction): Generator<Doc> {
    const id = criteria._id;
    if (typeof id === 'string' || typeof id === 'number') {
      const doc = this.visible(coll, docKey(id), txn);
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
      const doc = this.visible(coll, key, txn);
      if (doc) yield doc;
    }
    for (const { doc } of pending?.values() ?? []) if (doc) yield doc;
  }

  // The geo index follows committed data; inside a transaction each hit is read at the snapshot.
  private *nearCandidates(coll: Collection, geo: GeoCondition, txn?: Transaction): Generator<Doc> {
    const index = coll.geo.get(geo.field);
    if (!index) throw dbErrors.noGeoIndex('$geoNear');
    const spec = isPlainObject(geo.value) ? geo.value : {};
    const point = isPlainObject(spec.$geometry) ? spec.$geometry : undefined;
    if (!isGeoPoint(point)) throw dbErrors.requestFailed('$nearSphere requires a GeoJSON point $geometry');
    for (const { key } of index.nearest(point.coordinates[0], point.coordinates[1], {
      maxDistance: numberOrUndefined(spec.$maxDistance),
      minDistance: numberOrUndefined(spec.$minDistance),
    })) {
      const doc = this.visible(coll, key, txn);
      if (doc) yield doc;
    }
  }

  private *withinCandidates(coll: Collection, geo: GeoCondition, txn?: Transaction): Generator<Doc> {
    const index = coll.geo.get(geo.field);
    if (!index) throw dbErrors.noGeoIndex('$geoWithin');
    const spec = isPlainObject(geo.value) ? geo.value : {};
    let keys: string[];
    if (Array.isArray(spec.$centerSphere)) {
      const [[lng, lat], radius] = spec.$centerSphere as [[number, number], number];
      keys = index.withinCenterSphere(lng, lat, radius);
    } else if (isPlainObject(spec.$geometry) && (spec.$geometry.type === 'Polygon' || spec.$geometry.type === 'MultiPolygon')) {
      keys = index.withinGeometry(spec.$geometry as Parameters<GeoIndex['withinGeometry']>[0]);
    } else {
      throw dbErrors.requestFailed('$geoWithin requires $geometry (Polygon or MultiPolygon) or $centerSphere');
    }
    for (const key of keys) {
      const doc = this.visible(coll, key, txn);
      if (doc) yield doc;
    }
  }

  /** The document as a reader sees it: the latest, or in a transaction its own write or its snapshot. */
  private visible(coll: Collection, key: string, txn?: Transaction): Doc | null {
    if (!txn) return coll.latest(key)?.doc ?? null;
    const pending = txn.writes.get(coll.name)?.get(key);
    if (pending) return pending.doc;
    const chain = coll.chains.get(key);
    if (!chain) return null;
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i].seq <= txn.startSeq) return chain[i].doc;
    return null;
  }

  // ---- writes ------------------------------------------------------------------------------------

  async insert(collName: string, docs: AnyObject[], txnId?: string): Promise<DocId[]> {
    return this.write(txnId, (txn) => {
      const coll = this.collection(collName);
      const now = this.now();
      if (txn && docs.some(containsServerDate)) throw dbErrors.requestFailed('serverDate is not supported in transactions');
      const prepared = docs.map((raw) => {
        const doc = resolveServerDates(deepCopy(raw), now) as Doc;
        if (doc._id === undefined || doc._id === null) doc._id = randomBytes(16).toString('hex');
        if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw dbErrors.invalidParam('_id must be a string or a number');
        assertStorableFieldNames(doc);
        return doc;
      });
      const changes = prepared.map((doc) => {
        const key = docKey(doc._id);
        if (this.visible(coll, key, txn) || prepared.filter((d) => docKey(d._id) === key).length > 1) {
          throw dbErrors.duplicateKey(coll.name, '_id_', `{ _id: ${JSON.stringify(doc._id)} }`);
        }
        return { key, id: doc._id, doc };
      });
      this.stage(coll, changes, txn);
      return prepared.map((d) => d._id);
    });
  }

  async modify(collName: string, options: ModifyOptions, txnId?: string): Promise<{ updated: number; upsertId?: DocId }> {
    return this.write(txnId, (txn) => {
      const coll = this.collection(collName);
      const now = this.now();
      if (txn && containsServerDate(options.data)) throw dbErrors.requestFailed('serverDate is not supported in transactions');
      const data = resolveServerDates(options.data, now);
      const criteria = resolveServerDates(options.query, now);
      const query = new Query(criteria);
      const matched: Doc[] = [];
      for (const doc of this.candidates(coll, criteria, txn)) {
        if (!query.test(doc)) continue;
        matched.push(doc);
        if (!options.multi) break;
      }
      const changes: Array<{ key: string; id: DocId; doc: Doc }> = [];
      if (options.merge && options.upsert) throw dbErrors.invalidParam('upsert is supported only when replacing a document (set)');
      if (!options.merge) {
        if (Object.keys(data).some((k) => k.startsWith('$'))) throw dbErrors.requestFailed('update operator complicit');
        assertStorableFieldNames(data);
        if (matched.length === 0 && options.upsert) {
          const id = criteria._id as DocId | undefined;
          const doc = { ...deepCopy(data), _id: id ?? randomBytes(16).toString('hex') } as Doc;
          this.stage(coll, [{ key: docKey(doc._id), id: doc._id, doc }], txn);
          return { updated: 0, upsertId: doc._id };
        }
        for (const old of matched) changes.push({ key: docKey(old._id), id: old._id, doc: { ...deepCopy(data), _id: old._id } as Doc });
      } else {
        const modifier = Object.keys(data).some((k) => k.startsWith('$')) ? data : { $set: data };
        if (Object.keys(modifier).some((op) => !op.startsWith('$'))) throw dbErrors.requestFailed('cannot mix update operators and fields');
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
      }
      this.stage(coll, changes, txn);
      return { updated: changes.length };
    });
  }

  async remove(collName: string, queryDoc: AnyObject, multi: boolean, txnId?: string): Promise<number> {
    return this.write(txnId, (txn) => {
      const coll = this.collection(collName);
      const criteria = resolveServerDates(queryDoc, this.now());
      const query = new Query(criteria);
      const changes: Array<{ key: string; id: DocId; doc: null }> = [];
      for (const doc of this.candidates(coll, criteria, txn)) {
        if (!query.test(doc)) continue;
        changes.push({ key: docKey(doc._id), id: doc._id, doc: null });
        if (!multi) break;
      }
      this.stage(coll, changes, txn);
      return changes.length;
    });
  }

  /** Runs a write; outside a transaction it waits while a transaction holds a lock it needs. */
  private async write<T>(txnId: string | undefined, body: (txn?: Transaction) => T): Promise<T> {
    if (txnId) return body(this.activeTransaction(txnId));
    for (;;) {
      try {
        return body();
      } catch (err) {
        if (!(err instanceof LockBusy)) throw err;
        await new Promise<void>((resolve) => this.lockWaiters.push(resolve));
      }
    }
  }

  /** Checks a set of changes against unique indexes and locks, then commits it or adds it to the transaction. */
  private stage(coll: Collection, changes: Array<{ key: string; id: DocId; doc: Doc | null }>, txn?: Transaction): void {
    if (changes.length === 0) return;
    const neededLocks: string[] = [];
    for (const { key } of changes) neededLocks.push(docLock(coll.name, key));
    for (const index of coll.unique) {
      const claimed = new Map<string, string>();
      for (const { key, doc } of changes) {
        if (!doc) continue;
        const value = uniqueValue(doc, index.fields);
        const owner = claimed.get(value) ?? this.uniqueOwner(coll, index, value, txn);
        const ownerStillHolds =
          owner !== undefined && owner !== key && !changes.some((c) => c.key === owner && (!c.doc || uniqueValue(c.doc, index.fields) !== value));
        if (ownerStillHolds) {
          const shown = index.fields.map((f) => `${f}: ${JSON.stringify(getPath(doc, f) ?? null)}`).join(', ');
          throw dbErrors.duplicateKey(coll.name, index.name, `{ ${shown} }`);
        }
        claimed.set(value, key);
        neededLocks.push(uniqueLock(coll.name, index.name, value));
      }
    }
    if (!txn) {
      const busy = neededLocks.find((lock) => this.locks.has(lock));
      if (busy) throw new LockBusy(busy);
      this.commit(
        changes.map(({ id, doc }) => [coll.name, id, doc] as Write),
        () => changes.forEach(({ key, doc }) => this.apply(coll, key, doc, this.seq)),
      );
      return;
    }
    for (const lock of neededLocks) {
      const holder = this.locks.get(lock);
      if (holder !== undefined && holder !== txn.id) this.conflict(txn);
    }
    for (const { key } of changes) {
      const latest = coll.latest(key);
      if (latest && latest.seq > txn.startSeq) this.conflict(txn);
    }
    for (const lock of neededLocks) {
      this.locks.set(lock, txn.id);
      txn.locks.add(lock);
    }
    let pending = txn.writes.get(coll.name);
    if (!pending) txn.writes.set(coll.name, (pending = new Map()));
    for (const { key, id, doc } of changes) pending.set(key, { id, doc });
  }

  /** Who holds a unique value: a pending write of this transaction, else the committed owner. */
  private uniqueOwner(coll: Collection, index: UniqueIndex, value: string, txn?: Transaction): string | undefined {
    if (txn) {
      for (const [key, { doc }] of txn.writes.get(coll.name) ?? []) {
        if (doc && uniqueValue(doc, index.fields) === value) return key;
      }
    }
    const owner = index.owners.get(value);
    if (owner !== undefined && txn) {
      // The committed owner no longer holds the value if this transaction rewrote it.
      const pending = txn.writes.get(coll.name)?.get(owner);
      if (pending && (!pending.doc || uniqueValue(pending.doc, index.fields) !== value)) return undefined;
    }
    return owner;
  }

  private conflict(txn: Transaction): never {
    this.endTransaction(txn, 'conflict');
    throw dbErrors.transactionConflict();
  }

  /** Makes writes durable, then visible; if the journal refuses, nothing changes. */
  private commit(writes: Write[], applyAll: () => void): void {
    const record: CommitRecord = { seq: this.seq + 1, writes };
    try {
      this.journal.append(record);
    } catch (err) {
      throw dbErrors.system((err as Error).message);
    }
    this.seq = record.seq;
    applyAll();
    if (this.journal.bytes > this.nextCompactAt) this.compactSafely();
  }

  /** Compaction is housekeeping: when it fails the data stays safe in the journal, so it is retried later. */
  private compactSafely(): void {
    try {
      this.compact();
      this.nextCompactAt = this.compactBytes;
    } catch (err) {
      this.nextCompactAt = this.journal.bytes * 2;
      console.error('[localcloud] compaction failed; will retry later', err);
    }
  }

  /** Installs a committed version and keeps the indexes in step. */
  private apply(coll: Collection, key: string, doc: Doc | null, seq: number): void {
    const chain = coll.chains.get(key);
    const before = chain ? chain[chain.length - 1].doc : null;
    for (const index of coll.unique) {
      if (before) {
        const value = uniqueValue(before, index.fields);
        if (index.owners.get(value) === key) index.owners.delete(value);
      }
      if (doc) index.owners.set(uniqueValue(doc, index.fields), key);
    }
    for (const [field, index] of coll.geo) {
      if (doc) index.upsert(key, getPath(doc, field));
      else index.remove(key);
    }
    if (!chain) {
      if (doc) coll.chains.set(key, [{ seq, doc }]);
      return;
    }
    chain.push({ seq, doc });
    this.prune(coll, key, chain);
  }

  /** Drops versions no running transaction can see any more. */
  private prune(coll: Collection, key: string, chain: Version[]): void {
    let oldestSnapshot = Infinity;
    for (const txn of this.transactions.values()) if (!txn.aborted) oldestSnapshot = Math.min(oldestSnapshot, txn.startSeq);
    let keepFrom = chain.length - 1;
    while (keepFrom > 0 && chain[keepFrom].seq > oldestSnapshot) keepFrom--;
    if (keepFrom > 0) chain.splice(0, keepFrom);
    const id = `${coll.name}\u0000${key}`;
    if (chain.length > 1) {
      this.multiVersion.add(id);
      return;
    }
    this.multiVersion.delete(id);
    if (chain[0].doc === null) coll.chains.delete(key);
  }

  compact(): void {
    const { collections, undeclared } = this;
    function* all(): Generator<[string, Doc]> {
      for (const [name, coll] of collections) for (const doc of coll.latestDocs()) yield [name, doc];
      for (const [name, docs] of undeclared) for (const doc of docs.values()) yield [name, doc];
    }
    this.journal.compact(this.seq, all());
  }

  // ---- transactions ------------------------------------------------------------------------------

  startTransaction(): string {
    const id = randomBytes(12).toString('hex');
    const timer = setTimeout(() => {
      const txn = this.transactions.get(id);
      if (txn) this.endTransaction(txn, 'expired');
    }, this.transactionTtlMs);
    timer.unref();
    this.transactions.set(id, { id, startSeq: this.seq, startedAt: this.now(), writes: new Map(), locks: new Set(), timer });
    return id;
  }

  commitTransaction(txnId: string): void {
    const txn = this.activeTransaction(txnId);
    const writes: Write[] = [];
    for (const [coll, pending] of txn.writes) for (const { id, doc } of pending.values()) writes.push([coll, id, doc]);
    if (writes.length) {
      this.commit(writes, () => {
        for (const [collName, pending] of txn.writes) {
          const coll = this.collection(collName);
          for (const [key, { doc }] of pending) this.apply(coll, key, doc, this.seq);
        }
      });
    }
    this.endTransaction(txn, 'committed');
    this.transactions.delete(txnId);
  }

  abortTransaction(txnId: string): void {
    const txn = this.transactions.get(txnId);
    if (!txn) throw dbErrors.transactionFail(`transaction ${txnId} does not exist`);
    if (!txn.aborted) this.endTransaction(txn, 'aborted');
    this.transactions.delete(txnId);
  }

  private activeTransaction(txnId: string): Transaction {
    const txn = this.transactions.get(txnId);
    if (!txn) throw dbErrors.transactionFail(`transaction ${txnId} does not exist`);
    if (!txn.aborted && this.now() - txn.startedAt > this.transactionTtlMs) this.endTransaction(txn, 'expired');
    if (txn.aborted === 'expired') throw dbErrors.transactionFail('transaction has expired: a transaction may last at most 30 s');
    if (txn.aborted) throw dbErrors.transactionConflict();
    return txn;
  }

  /** Releases a transaction's locks and wakes waiting writers; an aborted one stays known until aborted by its caller. */
  private endTransaction(txn: Transaction, reason: string): void {
    clearTimeout(txn.timer);
    txn.aborted = reason;
    txn.writes.clear();
    for (const lock of txn.locks) if (this.locks.get(lock) === txn.id) this.locks.delete(lock);
    txn.locks.clear();
    // A transaction that failed stays known for a while, so its next call gets the real error.
    if (reason === 'conflict' || reason === 'expired') setTimeout(() => this.transactions.delete(txn.id), this.transactionTtlMs).unref();
    else this.transactions.delete(txn.id);
    this.releaseWaiters();
    this.pruneAll();
  }

  private releaseWaiters(): void {
    const waiters = this.lockWaiters;
    this.lockWaiters = [];
    for (const wake of waiters) wake();
  }

  private pruneAll(): void {
    for (const id of Array.from(this.multiVersion)) {
      const [collName, key] = id.split('\u0000');
      const coll = this.collections.get(collName);
      const chain = coll?.chains.get(key);
      if (coll && chain) this.prune(coll, key, chain);
      else this.multiVersion.delete(id);
    }
  }

  private collection(name: string): Collection {
    return this.requireCollection(name, dbErrors.collectionNotExist);
  }

  requireCollection(name: string, missing: (name: string) => DbError): Collection {
    const coll = this.collections.get(name);
    if (!coll) throw missing(name);
    return coll;
  }
}

/** Aggregation stages that map or filter one document at a time, in order. */
const STREAMING_STAGES = new Set(['$match', '$project', '$addFields', '$set', '$unset', '$skip']);

interface GeoCondition {
  field: string;
  op: '$nearSphere' | '$near' | '$geoWithin' | '$geoIntersects';
  value: unknown;
}

const GEO_OPS = ['$nearSphere', '$near', '$geoWithin', '$geoIntersects'] as const;

/** Takes the one geo condition out of a query (top level or inside a top-level $and) for the geo index. */
function splitGeo(criteria: AnyObject): { geo?: GeoCondition; rest: AnyObject } {
  let geo: GeoCondition | undefined;
  const take = (cond: AnyObject): AnyObject => {
    const out: AnyObject = {};
    for (const [field, value] of Object.entries(cond)) {
      if (field === '$and' && Array.isArray(value)) {
        out.$and = value.map((c) => take(c as AnyObject));
        continue;
      }
      const op = isPlainObject(value) ? GEO_OPS.find((o) => o in value) : undefined;
      if (!op) {
        out[field] = value;
        continue;
      }
      if (geo) throw dbErrors.requestFailed('only one geo condition is allowed in a query');
      if (op === '$geoIntersects') throw dbErrors.requestFailed('$geoIntersects is not supported by the local cloud');
      geo = { field, op, value: (value as AnyObject)[op] };
      const others = Object.fromEntries(Object.entries(value as AnyObject).filter(([k]) => k !== op));
      if (Object.keys(others).length) out[field] = others;
    }
    return out;
  };
  const rest = take(criteria);
  return { geo, rest };
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

function onlyGeoIndex(coll: Collection): GeoIndex | undefined {
  return coll.geo.size === 1 ? coll.geo.values().next().value : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

export { DbError };
