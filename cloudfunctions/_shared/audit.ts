import type { Tx } from './transaction';

/**
 * Every privileged change is recorded beside the change itself, in the same transaction: who, when,
 * what kind of object and which one, and the object before and after. Never updated or removed.
 */
export interface Change {
  actor: string;
  /** `<function>.<action>`, e.g. `registry.saveTeam`. */
  action: string;
  /** The kind of object changed: a collection name (`teams`, `users`…). */
  kind: string;
  target: string;
  before: object | null;
  after: object | null;
  reason?: string;
  at: Date;
}

export async function recordChange(tx: Tx, change: Change): Promise<void> {
  await tx.add('audit_log', change);
}
