import { createHash } from 'crypto';
import { _ } from './cloud';
import { collection, getById } from './collections';
import * as clock from './clock';
import { JobDoc } from './docs';
import { Tx } from './transaction';

/**
 * Fan-outs: work over as many records as an event or a service day has (hundreds of sign-ups), which
 * no single transaction or invocation may hold in production. The change that starts a job commits
 * in a small transaction together with the job; then steps of a few database calls each end the
 * records in order, each step idempotent and the job's cursor written after it. The action that
 * started the job takes a few steps; the `outbox` timer (every 5 minutes) continues what is left.
 * A run leases the job, so two runs (the action and the timer) do not step on each other.
 */

export interface JobStep {
  cursor: string | null;
  done: boolean;
  /** Records this step ended. */
  processed: number;
  /** What became of them, by outcome, when a job tells them apart. */
  outcomes?: Record<string, number>;
}
export type JobHandlers = { [K in JobDoc['kind']]: (job: Extract<JobDoc, { kind: K }>) => Promise<JobStep> };

/** How far one run may go: until an instant (ms since the epoch), and at most so many steps (what bounds its calls). */
export interface RunLimits {
  stopAt: number;
  maxSteps: number;
}

export interface JobProgress {
  processed: number;
  done: boolean;
  /** Steps this run took. */
  steps: number;
  /** What became of the records, by outcome, so far (JobStep.outcomes). */
  outcomes: Record<string, number>;
}

/** Outcome counts added up. */
const addOutcomes = (a: Record<string, number>, b: Record<string, number> = {}) =>
  Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)]));

/** A job's id from what it is about: the same change finds the same job (a retry continues it). */
export const jobIdOf = (kind: string, ...about: string[]) => `${kind}-${createHash('sha256').update(about.join('|')).digest('hex').slice(0, 32)}`;

/** A job's document before its first step. */
export function newJob<K extends JobDoc['kind']>(id: string, kind: K, params: Extract<JobDoc, { kind: K }>['params'], now: Date): JobDoc {
  return { _id: id, kind, params, cursor: null, done: false, processed: 0, leaseUntil: new Date(0), createdAt: now, updatedAt: now } as JobDoc;
}

/** Inside the transaction of the change that starts it: the job, unless it is already there (a retried change). */
export async function startJobInTx(tx: Tx, job: JobDoc): Promise<void> {
  if (await tx.get('jobs', job._id)) return;
  const { _id, ...fields } = job;
  await tx.set('jobs', _id, fields);
}

/** Lease a held run leaves beyond its own end: a run that died frees the job after it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Takes the job if nobody holds it and runs its steps within `limits`, then frees it. Answers its
 * progress (also when another run holds it, or it is done or unknown).
 */
export async function runJob(id: string, handlers: JobHandlers, limits: RunLimits): Promise<JobProgress> {
  const now = clock.now();
  const taken = await collection('jobs')
    .where({ _id: id, done: false, leaseUntil: _.lt(now) })
    .update({ leaseUntil: new Date(limits.stopAt + LEASE_MARGIN_MS) });
  const found = await getById('jobs', id);
  if (!found || !taken) return { processed: found?.processed ?? 0, done: found?.done ?? true, steps: 0, outcomes: found?.outcomes ?? {} };
  let job: JobDoc = found;
  let steps = 0;
  for (; !job.done && steps < limits.maxSteps && clock.now().getTime() < limits.stopAt; steps++) {
    const step: JobStep = await (handlers[job.kind] as (j: JobDoc) => Promise<JobStep>)(job);
    const fields = {
      cursor: step.cursor,
      done: step.done,
      processed: job.processed + step.processed,
      ...(step.outcomes ? { outcomes: addOutcomes(job.outcomes ?? {}, step.outcomes) } : {}),
      updatedAt: clock.now(),
    };
    // The last step of this run frees the job in the same write.
    const last = step.done || steps + 1 >= limits.maxSteps || clock.now().getTime() >= limits.stopAt;
    await collection('jobs')
      .doc(id)
      .update(last ? { ...fields, leaseUntil: new Date(0) } : fields);
    job = { ...job, ...fields };
  }
  return { processed: job.processed, done: job.done, steps, outcomes: job.outcomes ?? {} };
}

/** Jobs continued per timer run: a few, oldest first; the next run takes the rest. */
const JOBS_PER_RUN = 5;

/** The timer's part: continues unfinished jobs, oldest first, within `limits` (its steps shared by all of them). */
export async function continueJobs(handlers: JobHandlers, limits: RunLimits): Promise<{ continued: number; finished: number }> {
  const unfinished = await collection('jobs').where({ done: false }).orderBy('createdAt', 'asc').field({ _id: true }).limit(JOBS_PER_RUN).get();
  let finished = 0;
  let stepsLeft = limits.maxSteps;
  for (const { _id } of unfinished) {
    if (stepsLeft <= 0 || clock.now().getTime() >= limits.stopAt) break;
    const progress = await runJob(_id, handlers, { stopAt: limits.stopAt, maxSteps: stepsLeft });
    stepsLeft -= progress.steps;
    if (progress.done) finished++;
  }
  return { continued: unfinished.length, finished };
}

/**
 * What an action that starts a job spends on it before it answers: a few seconds and steps (which keep
 * its call budget a constant); the `outbox` timer continues the rest within minutes.
 */
export const actionRunLimits = (now: Date): RunLimits => ({ stopAt: now.getTime() + 5000, maxSteps: 6 });
