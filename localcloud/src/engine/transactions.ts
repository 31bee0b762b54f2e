import { randomBytes } from 'crypto';
import { Doc } from './ejson';
import { dbErrors } from './errors';
import type { Change, Collection, PendingWrites, Version } from './collection';

/**
 * Transactions span requests: they read a snapshot (the version chains of the documents), take write
 * locks on the documents and unique-key values they write, and conflict at once when another
 * transaction holds a lock or has committed the document since their snapshot (first committer wins),
 * as the real database does.
 */

export const TRANSACTION_TTL_MS = 30_000;

export interface Transaction {
  id: string;
  startSeq: number;
  startedAt: number;
  /** Pending writes per collection. */
  writes: Map<string, PendingWrites>;
  locks: Set<string>;
  aborted?: string;
  timer: NodeJS.Timeout;
}

/** Thrown inside a non-transactional write that must wait for a transaction's lock. */
export class LockBusy {
  constructor(readonly lock: string) {}
}

const docLock = (coll: string, key: string): string => `d\u0000${coll}\u0000${key}`;
const uniqueLock = (coll: string, index: string, value: string): string => `u\u0000${coll}\u0000${index}\u0000${value}`;

/** The locks a write of these changes needs: each document, and each unique value it claims. */
export function locksFor(coll: Collection, changes: Change[], claims: Array<{ index: string; value: string }>): string[] {
  return [...changes.map(({ key }) => docLock(coll.name, key)), ...claims.map(({ index, value }) => uniqueLock(coll.name, index, value))];
}

/** The document as a reader sees it: the latest, or in a transaction its own write or its snapshot. */
export function visible(coll: Collection, key: string, txn?: Transaction): Doc | null {
  if (!txn) return coll.latest(key)?.doc ?? null;
  const pending = txn.writes.get(coll.name)?.get(key);
  if (pending) return pending.doc;
  const chain = coll.chains.get(key);
  if (!chain) return null;
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i].seq <= txn.startSeq) return chain[i].doc;
  return null;
}

/** The running transactions, the locks they hold, the writers waiting on them, and the old versions kept for their snapshots. */
export class Transactions {
  private readonly running = new Map<string, Transaction>();
  /** Lock name → id of the transaction holding it. */
  private readonly locks = new Map<string, string>();
  private lockWaiters: Array<() => void> = [];
  /** Documents whose chains hold more than one version, pruned as transactions end. */
  private readonly multiVersion = new Map<string, { coll: Collection; key: string }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  start(seq: number): string {
    const id = randomBytes(12).toString('hex');
    const timer = setTimeout(() => {
      const txn = this.running.get(id);
      if (txn) this.end(txn, 'expired');
    }, this.ttlMs);
    timer.unref();
    this.running.set(id, { id, startSeq: seq, startedAt: this.now(), writes: new Map(), locks: new Set(), timer });
    return id;
  }

  active(txnId: string): Transaction {
    const txn = this.running.get(txnId);
    if (!txn) throw dbErrors.transactionFail(`transaction ${txnId} does not exist`);
    if (!txn.aborted && this.now() - txn.startedAt > this.ttlMs) this.end(txn, 'expired');
    if (txn.aborted === 'expired') throw dbErrors.transactionFail('transaction has expired: a transaction may last at most 30 s');
    if (txn.aborted) throw dbErrors.transactionConflict();
    return txn;
  }

  committed(txn: Transaction): void {
    this.end(txn, 'committed');
  }

  abort(txnId: string): void {
    const txn = this.running.get(txnId);
    if (!txn) throw dbErrors.transactionFail(`transaction ${txnId} does not exist`);
    if (!txn.aborted) this.end(txn, 'aborted');
    this.running.delete(txnId);
  }

  close(): void {
    for (const txn of this.running.values()) clearTimeout(txn.timer);
  }

  /** The lock a write outside any transaction would have to wait for, if any. */
  busy(locks: string[]): string | undefined {
    return locks.find((lock) => this.locks.has(lock));
  }

  /** Resolves when a transaction next releases its locks. */
  released(): Promise<void> {
    return new Promise((resolve) => this.lockWaiters.push(resolve));
  }

  /** Takes the locks for a transaction's changes and holds the changes back; conflicts end the transaction. */
  hold(txn: Transaction, coll: Collection, changes: Change[], locks: string[]): void {
    for (const lock of locks) {
      const holder = this.locks.get(lock);
      if (holder !== undefined && holder !== txn.id) this.conflict(txn);
    }
    for (const { key } of changes) {
      const latest = coll.latest(key);
      if (latest && latest.seq > txn.startSeq) this.conflict(txn);
    }
    for (const lock of locks) {
      this.locks.set(lock, txn.id);
      txn.locks.add(lock);
    }
    let pending = txn.writes.get(coll.name);
    if (!pending) txn.writes.set(coll.name, (pending = new Map()));
    for (const { key, id, doc } of changes) pending.set(key, { id, doc });
  }

  /** Drops versions no running transaction can see any more. */
  prune(coll: Collection, key: string, chain: Version[]): void {
    let oldestSnapshot = Infinity;
    for (const txn of this.running.values()) if (!txn.aborted) oldestSnapshot = Math.min(oldestSnapshot, txn.startSeq);
    let keepFrom = chain.length - 1;
    while (keepFrom > 0 && chain[keepFrom].seq > oldestSnapshot) keepFrom--;
    if (keepFrom > 0) chain.splice(0, keepFrom);
    const id = `${coll.name}\u0000${key}`;
    if (chain.length > 1) {
      this.multiVersion.set(id, { coll, key });
      return;
    }
    this.multiVersion.delete(id);
    if (chain[0].doc === null) coll.chains.delete(key);
  }

  private conflict(txn: Transaction): never {
    this.end(txn, 'conflict');
    throw dbErrors.transactionConflict();
  }

  /** Releases a transaction's locks and wakes waiting writers; an aborted one stays known until aborted by its caller. */
  private end(txn: Transaction, reason: string): void {
    clearTimeout(txn.timer);
    txn.aborted = reason;
    txn.writes.clear();
    for (const lock of txn.locks) if (this.locks.get(lock) === txn.id) this.locks.delete(lock);
    txn.locks.clear();
    // A transaction that failed stays known for a while, so its next call gets the real error.
    if (reason === 'conflict' || reason === 'expired') setTimeout(() => this.running.delete(txn.id), this.ttlMs).unref();
    else this.running.delete(txn.id);
    const waiters = this.lockWaiters;
    this.lockWaiters = [];
    for (const wake of waiters) wake();
    for (const [id, { coll, key }] of Array.from(this.multiVersion)) {
      const chain = coll.chains.get(key);
      if (chain) this.prune(coll, key, chain);
      else this.multiVersion.delete(id);
    }
  }
}
