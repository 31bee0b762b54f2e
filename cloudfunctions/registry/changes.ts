import { z } from 'zod';
import { ChangeEntry, FieldChange, registryContract } from '../../contract';
import { requireRole } from '../_shared/auth';
import { collection } from '../_shared/collections';
import { AuditEntryDoc, UserDoc } from '../_shared/docs';
import { decodeCursorAs, pageFrom } from '../_shared/paging';
import { allOf, before as earlier, getByIds } from '../_shared/query';
import { Handlers } from '../_shared/router';

/** The audit log (`audit_log`, written by every privileged change) for admins: newest first, filtered by person and object. */

const cursorSchema = z.strictObject({ at: z.string().refine((at) => !Number.isNaN(Date.parse(at))), id: z.string() });

/** Fields that change with every write and say nothing to a person reading the log. */
const SKIPPED = new Set(['updatedAt', 'createdAt', 'roleKinds', 'slotsCreatedByBookings']);
const MAX_TEXT = 80;

/** A stored value as short text for the log: names as they are, positions as degrees, lists joined. */
export function valueText(value: unknown): string {
  const text = ((): string => {
    if (value === null || value === undefined || value === '') return '（空）';
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.length ? value.map(valueText).join('、') : '（空）';
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.coordinates)) return (record.coordinates as number[]).map((n) => n.toFixed(6)).join(', ');
    if (typeof record.longitude === 'number') return `${(record.longitude as number).toFixed(6)}, ${(record.latitude as number).toFixed(6)}`;
    if (typeof record.name === 'string' && 'phone' in record) return record.phone ? `${record.name}（${String(record.phone)}）` : record.name;
    return JSON.stringify(value);
  })();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** The fields an entry changed, each before and after as text (a creation: every field, from empty). */
export function fieldChanges(before: object | null, after: object | null): FieldChange[] {
  const was = new Map(Object.entries(before ?? {}));
  const is = new Map(Object.entries(after ?? {}));
  const keys = Array.from(new Set([...was.keys(), ...is.keys()])).filter((k) => !SKIPPED.has(k));
  return keys.map((field) => ({ field, before: valueText(was.get(field)), after: valueText(is.get(field)) })).filter((c) => c.before !== c.after);
}

/** The `name` field of a stored object, if it has one. */
const nameIn = (fields: object | null): unknown => (fields && 'name' in fields ? fields.name : undefined);

function toEntry(doc: AuditEntryDoc, names: Map<string, UserDoc>): ChangeEntry {
  const named = nameIn(doc.after) ?? nameIn(doc.before);
  return {
    id: doc._id,
    at: new Date(doc.at).toISOString(),
    actor: doc.actor,
    actorName: names.get(doc.actor)?.name ?? '',
    action: doc.action,
    kind: doc.kind,
    target: doc.target,
    targetName: typeof named === 'string' ? named : '',
    reason: doc.reason ?? '',
    changes: fieldChanges(doc.before, doc.after),
  };
}

export const changeHandlers: Pick<Handlers<typeof registryContract>, 'listChanges'> = {
  /**
   * Newest first, keyset-paged on (at, id), each filter served by its index: all (`at_id`), a person
   * (`actor_at_id`), a kind of object (`kind_at_id`) or one object (`kind_target_at_id`); a person and a
   * kind together walk the kind's index and keep the person's.
   */
  async listChanges(input, ctx) {
    await requireRole(ctx, 'admin');
    const conditions: object[] = [];
    if (input.kind) conditions.push({ kind: input.kind });
    if (input.target) conditions.push({ target: input.target });
    if (input.actor) conditions.push({ actor: input.actor });
    if (input.cursor) {
      const last = decodeCursorAs(input.cursor, cursorSchema);
      conditions.push(earlier('at', new Date(last.at), last.id));
    }
    const docs = await collection('audit_log')
      .where(allOf(conditions))
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.pageSize + 1)
      .get();
    const names = await getByIds(
      'users',
      docs.map((d) => d.actor),
    );
    return pageFrom(
      docs,
      input.pageSize,
      (doc) => toEntry(doc, names),
      (last) => ({ at: new Date(last.at).toISOString(), id: last._id }),
    );
  },
};
