import { AppError } from './errors';
import { CollectionName, Stored } from './collections';
import { Tx } from './transaction';

/** The collections whose documents move through a status. */
type WithStatus = { [C in CollectionName]: Stored<C> extends { status: string } ? C : never }[CollectionName];

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
export async function expectStatusInTx<C extends WithStatus>(
  tx: Tx,
  collection: C,
  id: string,
  expected: ReadonlyArray<Stored<C>['status']>,
  refusals: StateRefusals<Stored<C>>,
): Promise<Stored<C>> {
  const doc = await tx.get(collection, id);
  if (!doc) throw new AppError('NOT_FOUND', refusals.notFound);
  if (!expected.includes(doc.status)) throw refusals.moved(doc);
  return doc;
}
