/**
 * Errors as the real WeChat Cloud database answers them: a string `code` that wx-server-sdk maps to
 * its numeric errCode (DATABASE_COLLECTION_NOT_EXIST → -502005, DATABASE_REQUEST_FAILED → -502001,
 * anything it does not know → -501001) and a message in the service's own style.
 */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const dbErrors = {
  // The real text names no collection (seen in errors users reported); the caller knows which it asked for.
  collectionNotExist: () =>
    new DbError(
      'DATABASE_COLLECTION_NOT_EXIST',
      '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
    ),
  collectionExists: (name: string) => new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`),
  notInSpec: (name: string) => new DbError('INVALID_PARAM', `[InvalidParameter] ${name} is not declared in the database spec (cloudfunctions/database.json)`),
  duplicateKey: (collection: string, index: string, key: string) =>
    new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`),
  invalidParam: (message: string) => new DbError('INVALID_PARAM', `[InvalidParameter] ${message}`),
  requestFailed: (message: string) => new DbError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`),
  transactionConflict: () =>
    new DbError(
      'DATABASE_TRANSACTION_CONFLICT',
      '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
    ),
  transactionFail: (message: string) => new DbError('DATABASE_TRANSACTION_FAIL', `[FailedOperation.Transaction] ${message}`),
  noGeoIndex: (op: string) =>
    new DbError(
      'DATABASE_REQUEST_FAILED',
      `[FailedOperation] error processing query: planner returned error :: caused by :: unable to find index for ${op} query`,
    ),
  /** Strict index mode (index-planner.ts): WeChat Cloud would run the query to the end, and time out under load. */
  unindexed: (collection: string, shape: string) =>
    new DbError(
      'DATABASE_REQUEST_FAILED',
      `[FailedOperation] no index serves this query on ${collection}: ${shape}; declare one in cloudfunctions/database.json (strict index mode)`,
    ),
  system: (message: string) => new DbError('SYS_ERR', `[InternalError] ${message}`),
};
