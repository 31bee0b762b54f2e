import { z } from 'zod';
import { _, db, promised } from './cloud';
import { AuditEntryDoc, DOC_SCHEMAS, FirstAdminDoc } from './docs';

/**
 * Every collection the functions use, by name, with the document it stores: the documents validated
 * against DOC_SCHEMAS, the audit log (written only by recordChange) and the environment's settings.
 * Functions name collections only through this map (`collection('bookings')`, `tx.get('bookings', id)`),
 * so a misspelt name does not compile and what a read answers is typed by the collection it reads.
 */
export type Collections = { [C in keyof typeof DOC_SCHEMAS]: z.output<(typeof DOC_SCHEMAS)[C]> } & {
  audit_log: AuditEntryDoc;
  settings: FirstAdminDoc;
};
export type CollectionName = keyof Collections;
export type Stored<C extends CollectionName> = Collections[C];

/** A document without its id (given apart to `set`, chosen by the database on `add`). */
export type Fields<D> = Omit<D, '_id'>;

/** What `_.inc(1)`, `_.set(value)` and the other update commands make. */
export type UpdateCommand = ReturnType<typeof _.inc>;

/** Some of a document's fields, each a new value or an update command (`_.set` replaces an object instead of merging it). */
export type Patch<D> = { [K in keyof Fields<D>]?: Fields<D>[K] | UpdateCommand };

/** A query condition: field values, query commands (`_.gt`…) or logic commands (`_.and`, `_.or`). */
export type Condition = object;

type SdkCollection = ReturnType<typeof db.collection>;
type SdkQuery = ReturnType<SdkCollection['where']>;
type SdkDoc = ReturnType<SdkCollection['doc']>;
type Answer<M extends (...args: never[]) => unknown> = Exclude<Awaited<ReturnType<M>>, void | string>;
type SdkDocument = Answer<SdkDoc['get']>['data'];

/**
 * Documents as a collection stores them. Every write goes through this module's typed writes, and the
 * seeder and imports validate against DOC_SCHEMAS, so what a collection holds is its Stored type: the one
 * place a read is given its type. (Documents stored before a field existed are read by the *OfDoc helpers
 * in docs/ that accept the older shapes.)
 */
function storedAs<R>(doc: SdkDocument): R {
  return doc as R;
}

/** A query on one collection: each step answers a new query, as the SDK's do. `R` is what a read answers. */
export class Query<C extends CollectionName, R = Stored<C>> {
  constructor(protected readonly query: SdkQuery) {}

  where(condition: Condition): Query<C, R> {
    return new Query(this.query.where(condition));
  }

  orderBy(field: keyof Stored<C> & string, order: 'asc' | 'desc'): Query<C, R> {
    return new Query(this.query.orderBy(field, order));
  }

  limit(max: number): Query<C, R> {
    return new Query(this.query.limit(max));
  }

  skip(offset: number): Query<C, R> {
    return new Query(this.query.skip(offset));
  }

  /** Only these fields (and the id) are read. */
  field<K extends keyof Stored<C> & string>(fields: Record<K, true>): Query<C, Pick<Stored<C>, K | '_id'>> {
    return new Query(this.query.field(fields));
  }

  /** The matching documents (at most 100: the database's cap per call). */
  async get(): Promise<R[]> {
    const { data } = await promised<Answer<SdkQuery['get']>>(this.query.get());
    return data.map((doc) => storedAs<R>(doc));
  }

  async count(): Promise<number> {
    const { total } = await promised<Answer<SdkQuery['count']>>(this.query.count());
    return total;
  }

  /** Updates every matching document (outside any transaction); answers how many changed. */
  async update(patch: Patch<Stored<C>>): Promise<number> {
    const { stats } = await promised<Answer<SdkQuery['update']>>(this.query.update({ data: patch }));
    return stats.updated;
  }
}

/** One document by id, outside any transaction. */
export class DocRef<C extends CollectionName> {
  constructor(private readonly ref: SdkDoc) {}

  /** The document, or null when there is none. */
  async get(): Promise<Stored<C> | null> {
    const { data } = await promised<Answer<SdkDoc['get']>>(this.ref.get());
    return data ? storedAs<Stored<C>>(data) : null;
  }

  /** Replaces (or creates) the whole document. */
  async set(fields: Fields<Stored<C>>): Promise<void> {
    await promised(this.ref.set({ data: fields }));
  }

  /** Sets some fields of the document; answers how many documents changed (0 when it is gone). */
  async update(patch: Patch<Stored<C>>): Promise<number> {
    const { stats } = await promised<Answer<SdkDoc['update']>>(this.ref.update({ data: patch }));
    return stats.updated;
  }
}

export class Collection<C extends CollectionName> extends Query<C> {
  constructor(private readonly ref: SdkCollection) {
    super(ref);
  }

  doc(id: string): DocRef<C> {
    return new DocRef(this.ref.doc(id));
  }

  /** Adds documents in one call, each with the id it carries. */
  async addAll(docs: Array<Stored<C>>): Promise<void> {
    // The SDK's typings name one document; the database takes an array as one batch of adds.
    await promised(this.ref.add({ data: docs }));
  }

  /** An aggregation pipeline on the collection (the SDK's builder: its stages are not typed). */
  aggregate(): ReturnType<SdkCollection['aggregate']> {
    return this.ref.aggregate();
  }
}

/** The collection by its name: the one way functions reach the database outside transactions. */
export function collection<C extends CollectionName>(name: C): Collection<C> {
  return new Collection(db.collection(name));
}

/** A document by id, or null. */
export function getById<C extends CollectionName>(name: C, id: string): Promise<Stored<C> | null> {
  return collection(name).doc(id).get();
}

/** The results of an aggregation pipeline (the SDK answers its `list` untyped: the caller says what its stages make). */
export async function aggregated<R>(pipeline: ReturnType<SdkCollection['aggregate']>): Promise<R[]> {
  const { list } = await promised(pipeline.end());
  return list.map((doc: SdkDocument) => storedAs<R>(doc));
}
