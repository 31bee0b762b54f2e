import type { z } from 'zod';
import { ActionResult, contracts, Contracts, DEFAULT_MESSAGES, describeIssues, ERROR_CODES, ErrorCode, FunctionName } from '../../contract';
import { callCloudFunction } from './transport';

/**
 * The app's API: one typed call per function action, `api.service.listTeams(input)`, checked against
 * the shared contract on the way out and on the way back. Failures arrive as ApiError with the
 * function's code and its Chinese message, or NETWORK when the call did not get through.
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
export type Api = {
  [F in FunctionName]: {
    [A in keyof ActionsOf<F>]: ActionsOf<F>[A] extends { input: infer I extends z.ZodType; output: infer O extends z.ZodType }
      ? (input: z.input<I>) => Promise<z.output<O>>
      : never;
  };
};

function isActionResult(value: unknown): value is ActionResult<unknown> {
  if (!value || typeof value !== 'object' || typeof (value as { ok?: unknown }).ok !== 'boolean') return false;
  const v = value as { ok: boolean; code?: unknown };
  return v.ok || (ERROR_CODES as readonly unknown[]).includes(v.code);
}

/** How long the app waits before it tries a BUSY action once more (nothing was done the first time). */
export const BUSY_RETRY_MS = 800;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function callAction(fn: FunctionName, action: string, input: unknown): Promise<unknown> {
  const contract = (contracts[fn] as Record<string, { input: z.ZodType; output: z.ZodType }>)[action];
  const parsed = contract.input.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ApiError('BAD_INPUT', describeIssues(parsed.error));
  const send = async (): Promise<ActionResult<unknown>> => {
    let raw: unknown;
    try {
      raw = await callCloudFunction(fn, { action, input: parsed.data });
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
  const output = contract.output.safeParse(raw.data);
  if (!output.success) throw new ApiError('INTERNAL', DEFAULT_MESSAGES.INTERNAL);
  return output.data;
}

export const api = Object.fromEntries(
  (Object.keys(contracts) as FunctionName[]).map((fn) => [
    fn,
    Object.fromEntries(Object.keys(contracts[fn]).map((action) => [action, (input: unknown) => callAction(fn, action, input)])),
  ]),
) as Api;
