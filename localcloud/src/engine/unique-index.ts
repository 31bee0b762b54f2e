import { Doc, encode } from './ejson';
import { dbErrors } from './errors';
import { getPath } from './fields';
import type { Change, Collection, PendingWrites } from './collection';

/** A unique index: which committed document holds each value, and the checks a write must pass against it. */
export class UniqueIndex {
  /** Value key → key of the committed document holding it. */
  private readonly owners = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly fields: string[],
  ) {}

  valueOf(doc: Doc): string {
    return encode(this.fields.map((f) => getPath(doc, f) ?? null));
  }

  /** Moves ownership of a value as a committed document changes from `before` to `after`. */
  follow(key: string, before: Doc | null, after: Doc | null): void {
    if (before) {
      const value = this.valueOf(before);
      if (this.owners.get(value) === key) this.owners.delete(value);
    }
    if (after) this.owners.set(this.valueOf(after), key);
  }

  /** Who holds a value: a pending write of the transaction, else the committed owner unless the transaction rewrote it. */
  ownerOf(value: string, pending?: PendingWrites): string | undefined {
    for (const [key, { doc }] of pending ?? []) {
      if (doc && this.valueOf(doc) === value) return key;
    }
    const owner = this.owners.get(value);
    const rewritten = owner !== undefined ? pending?.get(owner) : undefined;
    if (rewritten && (!rewritten.doc || this.valueOf(rewritten.doc) !== value)) return undefined;
    return owner;
  }
}

/** Refuses changes that would give two documents one unique value; returns each value they claim, to be locked. */
export function claimUniqueValues(coll: Collection, changes: Change[], pending?: PendingWrites): Array<{ index: string; value: string }> {
  const claims: Array<{ index: string; value: string }> = [];
  for (const index of coll.unique) {
    const claimed = new Map<string, string>();
    for (const { key, doc } of changes) {
      if (!doc) continue;
      const value = index.valueOf(doc);
      const owner = claimed.get(value) ?? index.ownerOf(value, pending);
      const ownerStillHolds = owner !== undefined && owner !== key && !changes.some((c) => c.key === owner && (!c.doc || index.valueOf(c.doc) !== value));
      if (ownerStillHolds) {
        const shown = index.fields.map((f) => `${f}: ${JSON.stringify(getPath(doc, f) ?? null)}`).join(', ');
        throw dbErrors.duplicateKey(coll.name, index.name, `{ ${shown} }`);
      }
      claimed.set(value, key);
      claims.push({ index: index.name, value });
    }
  }
  return claims;
}
