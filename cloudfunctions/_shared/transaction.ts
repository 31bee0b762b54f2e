import { db } from './cloud';
import { CollectionName, Fields, Patch, Stored } from './collections';
import { DEFAULT_MESSAGES } from '../../contract';
import * as clock from './clock';
import { AppError, sdkErrorText } from './errors';

/**
 * The only way functions use transactions. Inside, only single-document reads and writes by id and
 * `add` are offered: wx-server-sdk runs `where().update()`/`remove()` outside the transaction, and
 * cannot use serverDate there. A conflict is retried here, because the SDK re-wraps it as -501001
 * and its own retry never fires.
 */
export interface Tx {
  get<C extends CollectionName>(collection: C, id: string): Promise<Stored<C> | null>;
  /** Replaces (or creates) a whole document. */
  set<C extends CollectionName>(collection: C, id: string, fields: Fields<Stored<C>>): Promise<void>;
  /** Sets the given fields (and update commands such as `_.inc`) of an existing document. */
  update<C extends CollectionName>(collection: C, id: string, patch: Patch<Stored<C>>): Promise<void>;
  add<C extends CollectionName>(collection: C, fields: Fields<Stored<C>>): Promise<string>;
}

/**
 * How long a crowd on one document is retried: dozens of callers get through well within it, and it
 * ends far inside a function's timeout (20 s). Past it the caller is told BUSY: nothing was written.
 */
const RETRY_BUDGET_MS = 8000;
const MAX_BACKOFF_MS = 200;

export function isTransactionConflict(err: unknown): boolean {
  return /TransactionConflict/.test(sdkErrorText(err));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withTransaction<T>(body: (tx: Tx) => Promise<T>): Promise<T> {
  const giveUpAt = clock.now().getTime() + RETRY_BUDGET_MS;
  for (let attempt = 1; ; attempt++) {
    const transaction = await db.startTransaction();
    const tx: Tx = {
      async get(collection, id) {
        // The SDK types a transaction as any: the document is what its collection stores (collections.ts).
        const { data } = await transaction.collection(collection).doc(id).get();
        return data ?? null;
      },
      async set(collection, id, fields) {
        await transaction.collection(collection).doc(id).set({ data: fields });
      },
      async update(collection, id, patch) {
        await transaction.collection(collection).doc(id).update({ data: patch });
      },
      async add(collection, fields) {
        const { _id } = await transaction.collection(collection).add({ data: fields });
        return String(_id);
      },
    };
    try {
      const result = await body(tx);
      await transaction.commit();
      return result;
    } catch (err) {
      await transaction.rollback().catch(() => undefined);
      if (!isTransactionConflict(err)) throw err;
      if (clock.now().getTime() >= giveUpAt) throw new AppError('BUSY', DEFAULT_MESSAGES.BUSY);
      // Full-jitter exponential backoff spreads retrying callers apart.
      await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, 4 * 2 ** attempt));
    }
  }
}
