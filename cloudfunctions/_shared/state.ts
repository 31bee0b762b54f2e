import { AppError } from './errors';
import { Tx } from './transaction';

/** What an action answers when the document is gone, or is no longer in a state it may change. */
export interface StateRefusals<D> {
  notFound: string;
  /** The refusal for a document someone else moved on, in the user's words. */
  moved: (doc: D) => AppError;
}

/**
 * The compare half of a compare-and-set: inside the transaction that then writes it, the document as
 * it stands, when its status is one the action expects. A check made before the transaction would let
 * a change committed in between be overwritten; read here, that change is either seen, or it conflicts
 * with this transaction's write and the retry sees it.
 */
export async function expectStatusInTx<S extends string, D extends { status: S }>(
  tx: Tx,
  collection: string,
  id: string,
  expected: readonly S[],
  refusals: StateRefusals<D & { _id: string }>,
): Promise<D & { _id: string }> {
  const doc = await tx.get<D>(collection, id);
  if (!doc) throw new AppError('NOT_FOUND', refusals.notFound);
  if (!expected.includes(doc.status)) throw refusals.moved(doc);
  return doc;
}
