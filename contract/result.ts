import { z } from 'zod';

/** The event the app sends to a function: which action, and its input. */
export const actionEventSchema = z.object({
  action: z.string().min(1).max(64),
  input: z.unknown().optional(),
});
export type ActionEvent = z.infer<typeof actionEventSchema>;

export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}
export type FunctionContract = Record<string, ActionContract>;

export function action<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ActionContract<I, O> {
  return { input, output };
}

export type InputOf<C extends ActionContract> = z.input<C['input']>;
export type OutputOf<C extends ActionContract> = z.output<C['output']>;
