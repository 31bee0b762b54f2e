import { z } from 'zod';
import { ActionResult, FunctionContract, actionEventSchema, DEFAULT_MESSAGES, describeIssues } from '../../contract';
import { callerOpenid } from './cloud';
import * as clock from './clock';
import { AppError, sdkErrorText } from './errors';

/**
 * What a handler knows about its call: who made it (from WeChat, never from the body). No OPENID only
 * in an action open to visitors (see createRouter).
 */
export interface CallContext {
  openid: string | undefined;
  now: Date;
}

export interface RouterOptions<C extends FunctionContract> {
  /**
   * The reads that also serve visitors: callers without a WeChat identity, as a page shared to 朋友圈 and
   * opened there in single-page mode has (contract/access.ts, 'visitor'). Every other action refuses
   * them UNAUTHENTICATED before its handler runs.
   */
  openToVisitors?: ReadonlyArray<keyof C & string>;
}

export type Handlers<C extends FunctionContract> = {
  [A in keyof C]: (input: z.output<C[A]['input']>, ctx: CallContext) => Promise<z.input<C[A]['output']>>;
};

/**
 * A refused input: answered in Chinese (the contract's describeIssues); zod's English detail goes to
 * the function's log only.
 */
export function refusedInput(label: string, error: z.ZodError): AppError {
  console.warn(`[${label}] refused input`, JSON.stringify(error.issues.map(({ code, path, message }) => ({ code, path, message }))));
  return new AppError('BAD_INPUT', describeIssues(error));
}

/** The input as its schema parses it, typed by that schema (also when the schema is a type parameter). */
function parseInput<S extends z.ZodType>(schema: S, rawInput: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(rawInput, { reportInput: true });
}

/**
 * A cloud function's entry point: routes `{action, input}` to a handler after validating the input
 * against the shared contract, validates the output too, and answers `{ok, data}` or `{ok, code,
 * message}`. The caller is WeChat's OPENID; without one only the actions open to visitors run. An
 * unexpected fault is logged with its context and answered INTERNAL, never thrown.
 */
export function createRouter<C extends FunctionContract>(name: string, contract: C, handlers: Handlers<C>, options: RouterOptions<C> = {}) {
  const openToVisitors = new Set<string>(options.openToVisitors ?? []);
  return async function main(event: unknown): Promise<ActionResult<unknown>> {
    const parsedEvent = actionEventSchema.safeParse(event);
    if (!parsedEvent.success || !Object.prototype.hasOwnProperty.call(contract, parsedEvent.data.action)) {
      return { ok: false, code: 'BAD_INPUT', message: '不支持的操作' };
    }
    // Checked just above: the action is one of the contract's.
    return run(parsedEvent.data.action as keyof C & string, parsedEvent.data.input);
  };

  /** One action: its input parsed by its own schema is what its handler takes, whichever action it is. */
  function run<A extends keyof C & string>(actionName: A, rawInput: unknown): Promise<ActionResult<unknown>> {
    const input = parseInput<C[A]['input']>(contract[actionName].input, rawInput ?? {});
    const ctx: CallContext = { openid: callerOpenid(), now: clock.now() };
    const label = `${name}.${actionName}`;
    return answer(label, { openid: ctx.openid, input: input.data }, async () => {
      if (!ctx.openid && !openToVisitors.has(actionName)) throw new AppError('UNAUTHENTICATED');
      if (!input.success) throw refusedInput(label, input.error);
      return contract[actionName].output.parse(await handlers[actionName](input.data, ctx));
    });
  }
}

/**
 * The database refused for the plan's limits (its QPS or connections) or ran out of time: nothing of
 * the refused call was written, and a retry a moment later may pass (the app retries BUSY once).
 */
const isOverQuota = (err: unknown) => /EXCEED_REQUEST_LIMIT|EXCEED_CONCURRENT_REQUEST_LIMIT|DATABASE_TIMEOUT|LimitExceeded/.test(sdkErrorText(err));

/**
 * Runs a function's work and answers the envelope: a refusal (AppError) with its code and message; an
 * unexpected fault is logged with `context` and answered INTERNAL, never thrown.
 */
export async function answer<T>(label: string, context: object, work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
    if (isOverQuota(err)) {
      console.warn(`[${label}] over the plan's database limits`, sdkErrorText(err));
      return { ok: false, code: 'BUSY', message: DEFAULT_MESSAGES.BUSY };
    }
    console.error(`[${label}] failed`, context, err);
    return { ok: false, code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL };
  }
}
