import { DEFAULT_MESSAGES, ErrorCode } from '../../contract';

/** A refusal an action answers on purpose, with a stable code and a message for the user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGES[code],
  ) {
    super(message);
  }
}

/** wx-server-sdk errors carry a numeric errCode and an errMsg. */
export function sdkErrorText(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { errCode?: number; errMsg?: string; message?: string; code?: string };
    return [e.errCode, e.code, e.errMsg ?? e.message].filter((x) => x !== undefined).join(' ');
  }
  return String(err);
}
