import type { AnyObject } from './ejson';
import { DatabaseSpec } from '../spec';
import { aggregate } from './aggregate';
import { Change, Collection, docKey } from './collection';
import { Doc, DocId } from './ejson';
import { DbError, dbErrors } from './errors';
import { containsServerDate, resolveServerDates } from './fields';
import { CommitRecord, FileOps, Journal, Write } from './journal';
import { count, find, FindOptions, matching } from './query';
import { LockBusy, locksFor, Transaction, Transactions, TRANSACTION_TTL_MS, visible } from './transactions';
import { claimUniqueValues } from './unique-index';
import { modifications, ModifyOptions, newDocument } from './update';

export type { FindOptions, ModifyOptions };

/**
 * The local cloud's document database: the semantics of WeChat Cloud's MongoDB-based database, as far
 * as wx-server-sdk 4.0.2 can reach them, on an in-memory store made durable by the journal.
 *
 * Every request runs synchronously to completion, so a single request is atomic; transactions span
 * requests (transactions.ts). This class ties the parts together: reads (query.ts, geo-query.ts,
 * aggregate.ts), writes (update.ts), indexes (collection.ts, unique-index.ts) and the journal.
 */

export interface DatabaseOptions {
  dir: string;
  spec: DatabaseSpec;
  fileOps?: FileOps;
  /** Journal size at which the store is compacted into a new snapshot. */
  compactBytes?: number;
  transactionTtlMs?: number;
  now?: () => number;
}

export class Database {
  private readonly collections = new Map<string, Collection>();
  private readonly journal: Journal;
  private readonly transactions: Transactions;
  /** Stored documents of collections the current spec does not declare: invisible, but kept in snapshots. */
  private readonly undeclared = new Map<string, Map<string, Doc>>();
  private nextCompactAt: number;
  private seq = 0;
  private readonly compactBytes: number;
  private readonly now: () => number;

  constructor(options: DatabaseOptions) {
    this.compactBytes = options.compactBytes ?? 64 << 20;
    this.nextCompactAt = this.compactBytes;
    this.now = options.now ?? Date.now;
    this.transactions = new Transactions(options.transactionTtlMs ?? TRANSACTION_TTL_MS, this.now);
    for (const [name, spec] of Object.entries(options.spec.collections)) this.collections.set(name, new Collection(name, spec.indexes));
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
    this.transactions.close();
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
    const txn = txnId ? this.transactions.active(txnId) : undefined;
    return find(coll, resolveServerDates(options.query ?? {}, this.now()), options, txn);
  }

  count(collName: string, queryDoc: AnyObject | undefined, txnId?: string): number {
    const coll = this.collection(collName);
    const txn = txnId ? this.transactions.active(txnId) : undefined;
    return count(coll, resolveServerDates(queryDoc ?? {}, this.now()), txn);
  }

  aggregate(collName: string, pipeline: AnyObject[]): AnyObject[] {
    return aggregate(this.collection(collName), pipeline, this.now(), (name) => this.collection(name));
  }

  // ---- writes ------------------------------------------------------------------------------------

  async insert(collName: string, docs: AnyObject[], txnId?: string): Promise<DocId[]> {
    return this.write(txnId, (txn) => {
      const coll = this.collection(collName);
      const now = this.now();
      if (txn && docs.some(containsServerDate)) throw dbErrors.requestFailed('serverDate is not supported in transactions');
      const prepared = docs.map((raw) => newDocument(raw, now));
      const changes = prepared.map((doc) => {
        const key = docKey(doc._id);
        if (visible(coll, key, txn) || prepared.filter((d) => docKey(d._id) === key).length > 1) {
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
      const { changes, upserted } = modifications(matching(coll, criteria, options.multi, txn), data, criteria, options);
      this.stage(coll, changes, txn);
      return upserted ? { updated: 0, upsertId: upserted._id } : { updated: changes.length };
    });
  }

  async remove(collName: string, queryDoc: AnyObject, multi: boolean, txnId?: string): Promise<number> {
    return this.write(txnId, (txn) => {
      const coll = this.collection(collName);
      const criteria = resolveServerDates(queryDoc, this.now());
      const changes = matching(coll, criteria, multi, txn).map((doc) => ({ key: docKey(doc._id), id: doc._id, doc: null }));
      this.stage(coll, changes, txn);
      return changes.length;
    });
  }

  /** Runs a write; outside a transaction it waits while a transaction holds a lock it needs. */
  private async write<T>(txnId: string | undefined, body: (txn?: Transaction) => T): Promise<T> {
    if (txnId) return body(this.transactions.active(txnId));
    for (;;) {
      try {
        return body();
      } catch (err) {
        if (!(err instanceof LockBusy)) throw err;
        await this.transactions.released();
      }
    }
  }

  /** Checks a set of changes against unique indexes and locks, then commits it or adds it to the transaction. */
  private stage(coll: Collection, changes: Change[], txn?: Transaction): void {
    if (changes.length === 0) return;
    const locks = locksFor(coll, changes, claimUniqueValues(coll, changes, txn?.writes.get(coll.name)));
    if (txn) return this.transactions.hold(txn, coll, changes, locks);
    const busy = this.transactions.busy(locks);
    if (busy) throw new LockBusy(busy);
    this.commit(
      changes.map(({ id, doc }) => [coll.name, id, doc] as Write),
      () => changes.forEach(({ key, doc }) => this.apply(coll, key, doc, this.seq)),
    );
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

  /** Installs a committed version, then drops the versions no transaction needs. */
  private apply(coll: Collection, key: string, doc: Doc | null, seq: number): void {
    const chain = coll.install(key, doc, seq);
    if (chain) this.transactions.prune(coll, key, chain);
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
    return this.transactions.start(this.seq);
  }

  commitTransaction(txnId: string): void {
    const txn = this.transactions.active(txnId);
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
    this.transactions.committed(txn);
  }

  abortTransaction(txnId: string): void {
    this.transactions.abort(txnId);
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
