import type { Fields } from './collections';
import type { AuditEntryDoc } from './docs';
import type { Tx } from './transaction';

/**
 * Every privileged change is recorded beside the change itself, in the same transaction: who, when,
 * what kind of object and which one, and the object before and after. Never updated or removed.
 */
export type Change = Fields<AuditEntryDoc>;

export async function recordChange(tx: Tx, change: Change): Promise<void> {
  await tx.add('audit_log', change);
}
