import { RegistryKind } from '../../../contract';
import type { Actor } from '../../../rules/permissions';
import { Checked, firstProblem, maySave } from '../../../rules/registry';
import { recordChange } from '../audit';
import { _ } from '../cloud';
import { Fields, Stored } from '../collections';
import { GeoPointDoc, geoPointDoc, isActiveDoc, toLngLat } from '../docs';
import { AppError } from '../errors';
import type { Tx } from '../transaction';

/** What every save of the registry shares: permissions, the object and its parent read in the transaction, the write with its audit entry. */

export interface SavedBy {
  actor: Actor;
  at: Date;
  /** The audit entry's action; `registry.save<Kind>` by default (the import passes its own). */
  action?: string;
}

export interface SaveOutcome<D> {
  doc: D;
  /** The document before (null: created now). */
  before: D | null;
  /** Whether anything was written (an edit to the same values writes nothing and records nothing). */
  changed: boolean;
  /** Run after the transaction commits: brings copies of the object's fields elsewhere in line. */
  afterCommit: () => Promise<void>;
}

export const NOT_FOUND: Record<RegistryKind, string> = {
  districts: '没有找到这个区',
  streets: '没有找到这个街道',
  communities: '没有找到这个社区',
  compounds: '没有找到这个小区',
  teams: '没有找到这个服务队',
};

const NOT_ALLOWED: Record<RegistryKind, string> = {
  districts: '只有区管理员可以维护区的信息',
  streets: '只有区管理员可以维护街道',
  communities: '只有区管理员可以维护社区',
  compounds: '只有本社区的社区工作者或区管理员可以维护小区',
  teams: '只有本社区的社区工作者或区管理员可以维护服务队',
};

export const nothing = async () => undefined;

export function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new AppError('BAD_INPUT', firstProblem(checked.problems));
  return checked.value;
}

export function allow(actor: Actor, kind: RegistryKind, communityIds: Array<string | null> = []): void {
  if (!maySave(actor, kind, communityIds)) throw new AppError('FORBIDDEN', NOT_ALLOWED[kind]);
}

export async function existingInTx<K extends RegistryKind>(tx: Tx, kind: K, id: string | undefined): Promise<Stored<K> | null> {
  if (!id) return null;
  const doc = await tx.get(kind, id);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND[kind]);
  return doc;
}

/** The parent a new or moved object goes under: it exists, and is in use when the object is placed there now. */
export async function parentInTx<K extends RegistryKind>(tx: Tx, kind: K, id: string, placedNow: boolean): Promise<Stored<K>> {
  const parent = await tx.get(kind, id);
  if (!parent) throw new AppError('NOT_FOUND', NOT_FOUND[kind]);
  if (placedNow && !isActiveDoc(parent)) throw new AppError('CONFLICT', `所选的${LABELS[kind]}已停用，请先启用它或另选一个`);
  return parent;
}

const LABELS: Record<RegistryKind, string> = { districts: '区', streets: '街道', communities: '社区', compounds: '小区', teams: '服务队' };

/** Another object already holds the natural key: CONFLICT, saying whether it is stopped. */
export function requireKeyFree(holder: { _id: string; active?: boolean } | null, id: string, what: string): void {
  if (!holder || holder._id === id) return;
  throw new AppError('CONFLICT', isActiveDoc(holder) ? `已经有${what}了，请换一个` : `已经有${what}（已停用），可以把它重新启用`);
}

// ---- saving ---------------------------------------------------------------------------------------

/** The fields of a document, for the audit entry (its id is the entry's target). */
export function fieldsOf<D extends { _id: string }>(doc: D): Fields<D> {
  const { _id: _ignored, ...fields } = doc;
  return fields;
}

/** JSON with every object's keys in order: the database need not hand fields back in the order they were written. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const same = (a: object | null, b: object) => a !== null && stableJson(fieldsOf(a as { _id: string })) === stableJson(fieldsOf(b as { _id: string }));

/** Writes the document and its audit entry, unless it is what is stored already. */
export async function writeInTx<K extends RegistryKind>(
  tx: Tx,
  kind: K,
  doc: Stored<K>,
  before: Stored<K> | null,
  by: SavedBy,
  action: string,
): Promise<boolean> {
  if (same(before, doc)) return false;
  await tx.set(kind, doc._id, fieldsOf(doc));
  await recordChange(tx, {
    actor: by.actor.openid,
    action: by.action ?? action,
    kind,
    target: doc._id,
    before: before ? fieldsOf(before) : null,
    after: fieldsOf(doc),
    at: by.at,
  });
  return true;
}

/** Stored positions read back through the SDK as its Point class: compared and written as GeoJSON. */
export function asStored<D extends { location: GeoPointDoc }>(doc: D): D {
  return { ...doc, location: geoPointDoc(toLngLat(doc.location)) };
}
