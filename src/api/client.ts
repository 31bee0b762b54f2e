import type { z } from 'zod';
import type { Contracts, FunctionName } from '../../contract';
import { ActionResult, DEFAULT_MESSAGES, ERROR_CODES, ErrorCode } from '../../contract';
import { callCloudFunction } from './transport';

/**
 * The app's API: one typed call per function action, `api.service.listTeams(input)`, typed by the shared
 * contract. The app ships the contract's types and terms, not its schemas: every function checks the
 * input and its own output against the contract (cloudfunctions/_shared/router.ts), so checking again
 * here would only add zod and every schema to the main package (docs/PERFORMANCE.md, "Main package").
 * Forms that word a field's problem before sending import the schema they need in their subpackage.
 * Failures arrive as ApiError with the function's code and its Chinese message, or NETWORK when the
 * call did not get through.
 */

export type ClientErrorCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const NETWORK_MESSAGE = '网络不太好，请检查网络后重试';

type ActionsOf<F extends FunctionName> = Contracts[F];
type FunctionApi<F extends FunctionName> = {
  [A in keyof ActionsOf<F>]: ActionsOf<F>[A] extends { input: infer I extends z.ZodType; output: infer O extends z.ZodType }
    ? (input: z.input<I>) => Promise<z.output<O>>
    : never;
};
export type Api = { [F in FunctionName]: FunctionApi<F> };

function isActionResult(value: unknown): value is ActionResult<unknown> {
  if (!value || typeof value !== 'object' || typeof (value as { ok?: unknown }).ok !== 'boolean') return false;
  const v = value as { ok: boolean; code?: unknown };
  return v.ok || (ERROR_CODES as readonly unknown[]).includes(v.code);
}

/** How long the app waits before it tries a BUSY action once more (nothing was done the first time). */
export const BUSY_RETRY_MS = 800;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function callAction(fn: FunctionName, action: string, input: unknown): Promise<unknown> {
  const send = async (): Promise<ActionResult<unknown>> => {
    let raw: unknown;
    try {
      raw = await callCloudFunction(fn, { action, input });
    } catch {
      throw new ApiError('NETWORK', NETWORK_MESSAGE);
    }
    if (!isActionResult(raw)) throw new ApiError('INTERNAL', DEFAULT_MESSAGES.INTERNAL);
    return raw;
  };
  let raw = await send();
  // A crowd on the same slot: the function did nothing; one more try a moment later usually gets through.
  if (!raw.ok && raw.code === 'BUSY') {
    await pause(BUSY_RETRY_MS);
    raw = await send();
  }
  if (!raw.ok) throw new ApiError(raw.code, raw.message);
  return raw.data;
}

/** One function's actions: any property read is the call of that action (the contract's types say which exist). */
function functionApi<F extends FunctionName>(fn: F): FunctionApi<F> {
  return new Proxy({} as FunctionApi<F>, { get: (_actions, action) => (input: unknown) => callAction(fn, String(action), input) });
}

export const api: Api = {
  account: functionApi('account'),
  directory: functionApi('directory'),
  service: functionApi('service'),
  events: functionApi('events'),
  stations: functionApi('stations'),
  booking: functionApi('booking'),
  messages: functionApi('messages'),
  registry: functionApi('registry'),
  imports: functionApi('imports'),
  invitations: functionApi('invitations'),
};
