import fs from 'fs';

/**
 * Database calls per function invocation: WeChat Cloud bills and throttles each one, so every action
 * has a budget (cloudfunctions/call-budgets.ts). The function host gives each instance its own session
 * token, so each `/admin` request is counted against the invocation that instance is serving.
 */

export interface CallCounts {
  /** get, count, aggregate. */
  reads: number;
  /** add, set, update, remove. */
  writes: number;
  /** start, commit, abort. */
  transactions: number;
  /** Reads and writes made inside a transaction (already counted in reads/writes). */
  inTransaction: number;
  /** Calls of transactions that were rolled back (a conflict retried, or a refusal): their start, operations and end. */
  rolledBack: number;
  total: number;
}

export const noCalls = (): CallCounts => ({ reads: 0, writes: 0, transactions: 0, inTransaction: 0, rolledBack: 0, total: 0 });

const READS = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments']);
const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument']);
const TRANSACTIONS = new Set(['database.startTransaction', 'database.commitTransaction', 'database.abortTransaction']);

/** The calls of one invocation, as its `/admin` requests arrive. */
export class InvocationMeter {
  readonly counts = noCalls();
  /** Operations so far of each open transaction. */
  private readonly open = new Map<string, number>();

  record(action: unknown, transactionId: string | undefined): void {
    const counts = this.counts;
    counts.total++;
    if (typeof action !== 'string') return;
    if (READS.has(action)) counts.reads++;
    else if (WRITES.has(action)) counts.writes++;
    else if (TRANSACTIONS.has(action)) counts.transactions++;
    if (!transactionId) return;
    if (action === 'database.abortTransaction') counts.rolledBack += (this.open.get(transactionId) ?? 0) + 2;
    if (TRANSACTIONS.has(action)) this.open.delete(transactionId);
    else {
      counts.inTransaction++;
      this.open.set(transactionId, (this.open.get(transactionId) ?? 0) + 1);
    }
  }
}

/** One invocation as the call log records it. */
export interface MeteredInvocation {
  /** `function.action`, or the function's name for a timer-triggered one. */
  action: string;
  /** The answer's code when the function refused (`{ok: false, code}`), else null. */
  refused: string | null;
  calls: CallCounts;
  ms: number;
}

/** `function.action` for a router's `{action}` event; the bare name for a timer-triggered function. */
export function actionKey(fn: string, event: unknown, timerTriggered: boolean): string {
  const action = (event as { action?: unknown } | null)?.action;
  if (timerTriggered) return fn;
  return typeof action === 'string' && /^[A-Za-z]{1,40}$/.test(action) ? `${fn}.${action}` : fn;
}

/** The code of a refused answer (`{ok: false, code}`), or null. */
export function refusalCode(result: unknown): string | null {
  const answer = result as { ok?: unknown; code?: unknown } | null;
  return answer && answer.ok === false && typeof answer.code === 'string' ? answer.code : null;
}

/** Appends each invocation to a JSON-lines file (LOCALCLOUD_CALLS_LOG) for `npm run report:calls`. */
export function callLogWriter(file: string | undefined): ((entry: MeteredInvocation) => void) | undefined {
  if (!file) return undefined;
  return (entry) => fs.appendFileSync(file, JSON.stringify(entry) + '\n');
}

/**
 * The calls a budget counts: all but those of rolled-back transactions. A conflict's retries are
 * bounded by time (the functions' transaction retry budget), not by count; a budget is one attempt's.
 */
export const budgetedCalls = (calls: CallCounts) => calls.total - calls.rolledBack;

/** Why an invocation broke its action's budget, or null when it kept it. */
export function budgetBreach(entry: MeteredInvocation, budgets: Record<string, number>): string | null {
  const budget = budgets[entry.action];
  // An action nobody has (bad input) is refused before it reaches the database.
  if (budget === undefined) return entry.refused ? null : `${entry.action} has no database-call budget in cloudfunctions/call-budgets.ts`;
  const made = budgetedCalls(entry.calls);
  return made > budget ? `${entry.action} made ${made} database calls; its budget is ${budget} (cloudfunctions/call-budgets.ts)` : null;
}
