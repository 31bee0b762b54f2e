import { z } from 'zod';
import { ActionResult, FunctionContract, actionEventSchema, DEFAULT_MESSAGES } from '../../contract';
import { callerOpenid } from './cloud';
import * as clock from './clock';
import { AppError } from './errors';

/** What a handler knows about its call: who made it (from WeChat, never from the body). */
export interface CallContext {
  openid: string | undefined;
  now: Date;
}

export type Handlers<C extends FunctionContract> = {
  [A in keyof C]: (input: z.output<C[A]['input']>, ctx: CallContext) => Promise<z.input<C[A]['output']>>;
};

/** The first problem of a refused input, in the user's words, naming the field. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first?.path.length ? `（${first.path.join('.')}）` : '';
  return `${first?.message ?? DEFAULT_MESSAGES.BAD_INPUT}${where}`;
}

/**
 * A cloud function's entry point: routes `{action, input}` to a handler after validating the input
 * against the shared contract, validates the output too, and answers `{ok, data}` or `{ok, code,
 * message}`. An unexpected fault is logged with its context and answered INTERNAL, never thrown.
 */
export function createRouter<C extends FunctionContract>(name: string, contract: C, handlers: Handlers<C>) {
  return async function main(event: unknown): Promise<ActionResult<unknown>> {
    const parsedEvent = actionEventSchema.safeParse(event);
    if (!parsedEvent.success || !Object.prototype.hasOwnProperty.call(contract, parsedEvent.data.action)) {
      return { ok: false, code: 'BAD_INPUT', message: '不支持的操作' };
    }
    const actionName = parsedEvent.data.action as keyof C & string;
    const input = contract[actionName].input.safeParse(parsedEvent.data.input ?? {});
    if (!input.success) return { ok: false, code: 'BAD_INPUT', message: describeIssues(input.error) };
    const ctx: CallContext = { openid: callerOpenid(), now: clock.now() };
    return answer(`${name}.${actionName}`, { openid: ctx.openid, input: input.data }, async () =>
      contract[actionName].output.parse(await handlers[actionName](input.data as never, ctx)),
    );
  };
}

/**
 * Runs a function's work and answers the envelope: a refusal (AppError) with its code and message; an
 * unexpected fault is logged with `context` and answered INTERNAL, never thrown.
 */
export async function answer<T>(label: string, context: object, work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
    console.error(`[${label}] failed`, context, err);
    return { ok: false, code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL };
  }
}
