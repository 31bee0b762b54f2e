import { randomUUID } from 'crypto';
import { z } from 'zod';
import type { AnyObject } from './engine/ejson';
import { Database } from './engine/database';
import { decode, encode } from './engine/ejson';
import { DbError, dbErrors } from './engine/errors';
import { resolveServerDates } from './engine/fields';
import { aggregateQuery, DeclaredIndex, requireIndex } from './engine/index-planner';

/**
 * The database half of WeChat Cloud's TCB API as @cloudbase/node-sdk 3.17.2 / @cloudbase/database
 * 1.4.3 speak it: one POST to `/admin` per call, `action` naming the operation, queries, updates and
 * documents as Extended JSON strings. Answers carry `requestId` and either `data` or `code`/`message`.
 */

const ejsonText = z.string().transform((text, ctx) => {
  try {
    return decode<AnyObject>(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'invalid Extended JSON' });
    return z.NEVER;
  }
});
const collectionName = z.string().min(1);
const transactionId = z.string().optional();

const requests = {
  'database.getDocument': z.object({
    collectionName,
    transactionId,
    query: ejsonText.optional(),
    order: ejsonText.optional(),
    projection: ejsonText.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(0).optional(),
  }),
  'database.calculateDocument': z.object({ collectionName, transactionId, query: ejsonText.optional() }),
  'database.insertDocument': z.object({ collectionName, transactionId, data: z.array(ejsonText).min(1) }),
  'database.modifyDocument': z.object({
    collectionName,
    transactionId,
    query: ejsonText.optional(),
    data: ejsonText,
    multi: z.boolean().default(false),
    merge: z.boolean().default(true),
    upsert: z.boolean().default(false),
  }),
  'database.removeDocument': z.object({ collectionName, transactionId, query: ejsonText.optional(), multi: z.boolean().default(false) }),
  'database.aggregateDocuments': z.object({
    collectionName,
    stages: z.array(z.object({ stageKey: z.string().startsWith('$'), stageValue: z.string() })),
  }),
  'database.addCollection': z.object({ collectionName }),
  'database.startTransaction': z.object({}),
  'database.commitTransaction': z.object({ transactionId: z.string() }),
  'database.abortTransaction': z.object({ transactionId: z.string() }),
};
type Action = keyof typeof requests;

export type AdminResponse = { requestId: string; code?: string; message?: string; [key: string]: unknown };

/** The declared indexes of each collection, when queries must be served by one (strict index mode). */
export type IndexCheck = Record<string, { indexes: DeclaredIndex[]; fullScan?: string }>;

export async function handleAdminRequest(db: Database, body: unknown, indexCheck?: IndexCheck): Promise<AdminResponse> {
  const requestId = randomUUID();
  try {
    const action = (body as { action?: unknown } | null)?.action;
    if (typeof action !== 'string' || !(action in requests)) {
      throw dbErrors.invalidParam(`action ${String(action)} is not supported by the local cloud`);
    }
    const parsed = requests[action as Action].safeParse(body);
    if (!parsed.success) throw dbErrors.invalidParam(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (indexCheck) checkIndexes(indexCheck, action as Action, parsed.data);
    return { requestId, ...(await dispatch(db, action as Action, parsed.data)) };
  } catch (err) {
    if (err instanceof DbError) return { requestId, code: err.code, message: err.message };
    console.error('[localcloud] database request failed', err);
    return { requestId, code: 'SYS_ERR', message: `[InternalError] ${(err as Error).message}` };
  }
}

/**
 * Strict index mode (index-planner.ts): refuses a query no declared index serves, before it runs. A
 * collection declared `fullScan` (a registry of a few hundred documents at most) may be read any way.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function checkIndexes(check: IndexCheck, action: Action, p: Record<string, any>): void {
  const collection = check[p.collectionName];
  if (!collection || collection.fullScan) return;
  // Only the shape matters: a server date stands for any date.
  const filter = (query: AnyObject | undefined) => resolveServerDates(query ?? {}, 0);
  if (action === 'database.getDocument') requireIndex(p.collectionName, collection.indexes, filter(p.query), p.order);
  else if (action === 'database.calculateDocument' || action === 'database.modifyDocument' || action === 'database.removeDocument')
    requireIndex(p.collectionName, collection.indexes, filter(p.query));
  else if (action === 'database.aggregateDocuments') {
    const pipeline = (p.stages as Array<{ stageKey: string; stageValue: string }>).map(({ stageKey, stageValue }) => ({ [stageKey]: decode(stageValue) }));
    const leading = aggregateQuery(pipeline as AnyObject[]);
    if (leading) requireIndex(p.collectionName, collection.indexes, filter(leading.filter), leading.sort);
  }
}

// The parameters were checked against the action's request schema before dispatch.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function dispatch(db: Database, action: Action, p: Record<string, any>): Promise<Record<string, unknown>> {
  switch (action) {
    case 'database.getDocument': {
      const docs = db.find(p.collectionName, { query: p.query, order: p.order, offset: p.offset, limit: p.limit, projection: p.projection }, p.transactionId);
      return { data: { list: docs.map(encode) } };
    }
    case 'database.calculateDocument':
      return { data: { total: db.count(p.collectionName, p.query, p.transactionId) } };
    case 'database.insertDocument':
      return { data: { insertedIds: await db.insert(p.collectionName, p.data, p.transactionId) } };
    case 'database.modifyDocument': {
      const { updated, upsertId } = await db.modify(
        p.collectionName,
        { query: p.query ?? {}, data: p.data, merge: p.merge, multi: p.multi, upsert: p.upsert },
        p.transactionId,
      );
      return { data: { updated, upsert_id: upsertId } };
    }
    case 'database.removeDocument':
      return { data: { deleted: await db.remove(p.collectionName, p.query ?? {}, p.multi, p.transactionId) } };
    case 'database.aggregateDocuments': {
      const pipeline = (p.stages as Array<{ stageKey: string; stageValue: string }>).map(({ stageKey, stageValue }) => ({
        [stageKey]: decode(stageValue),
      }));
      return { data: { list: db.aggregate(p.collectionName, pipeline).map(encode) } };
    }
    case 'database.addCollection':
      // Collections come from the database spec alone; creating one that exists answers as the real one does.
      db.requireCollection(p.collectionName, dbErrors.notInSpec);
      throw dbErrors.collectionExists(p.collectionName);
    case 'database.startTransaction':
      return { transactionId: db.startTransaction() };
    case 'database.commitTransaction':
      db.commitTransaction(p.transactionId);
      return {};
    case 'database.abortTransaction':
      db.abortTransaction(p.transactionId);
      return {};
  }
}
