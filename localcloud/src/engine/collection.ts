import type { IndexSpec } from '../spec';
import { Doc, DocId } from './ejson';
import { getPath } from './fields';
import { GeoIndex } from './geo-index';
import { UniqueIndex } from './unique-index';

/** One committed state of a document: `seq` is the commit that wrote it, `doc` null once removed. */
export interface Version {
  seq: number;
  doc: Doc | null;
}

/** A document a write sets (its after-image) or removes (null), under its key. */
export interface Change {
  key: string;
  id: DocId;
  doc: Doc | null;
}

/** Writes a transaction holds back until it commits, by document key. */
export type PendingWrites = Map<string, { id: DocId; doc: Doc | null }>;

/** The key a document is stored under: numeric and string ids of the same text stay apart. */
export const docKey = (id: DocId): string => (typeof id === 'number' ? `\u0000n${id}` : id);

/** A collection's committed documents, each a chain of versions for the transactions still reading old ones, and its indexes. */
export class Collection {
  readonly chains = new Map<string, Version[]>();
  readonly unique: UniqueIndex[] = [];
  readonly geo = new Map<string, GeoIndex>();

  constructor(
    readonly name: string,
    indexes: IndexSpec[],
  ) {
    for (const index of indexes) {
      const fields = Object.keys(index.keys);
      if (index.keys[fields[0]] === '2dsphere') this.geo.set(fields[0], new GeoIndex(fields[0]));
      else if (index.unique) this.unique.push(new UniqueIndex(index.name, fields));
    }
  }

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

  /** Appends a committed version and keeps the indexes in step; returns the chain when it now holds more than that version. */
  install(key: string, doc: Doc | null, seq: number): Version[] | undefined {
    const chain = this.chains.get(key);
    const before = chain ? chain[chain.length - 1].doc : null;
    for (const index of this.unique) index.follow(key, before, doc);
    for (const [field, index] of this.geo) {
      if (doc) index.upsert(key, getPath(doc, field));
      else index.remove(key);
    }
    if (!chain) {
      if (doc) this.chains.set(key, [{ seq, doc }]);
      return undefined;
    }
    chain.push({ seq, doc });
    return chain;
  }

  /** The only 2dsphere index, when there is exactly one. */
  onlyGeoIndex(): GeoIndex | undefined {
    return this.geo.size === 1 ? this.geo.values().next().value : undefined;
  }
}
