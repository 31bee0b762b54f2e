import Taro from '@tarojs/taro';
import { contracts, describeIssues, FunctionContract, FunctionName } from '../../contract';
import { callCloudFunction } from '../../src/api/transport';
import { NAMED_APIS } from './taroMock';

/**
 * The replaced network transport of the component tests (each test file calls
 * `jest.mock('../../src/api/transport', …)`): answer calls per function and action, and read what was sent.
 */
export type Event = { action: string; input: any };
export const transport = callCloudFunction as jest.MockedFunction<typeof callCloudFunction>;

/**
 * Answers every call with `handler(fn, event)`; throwing makes the call fail as the network would.
 * The answers pass the contract as the function's router does (the app itself ships no schemas): input
 * it refuses is answered BAD_INPUT in its words without reaching the handler, and an ok answer that
 * does not fit the action's output fails the test, so fixtures cannot drift from the contract.
 */
export function answer(handler: (fn: string, event: Event) => unknown) {
  transport.mockImplementation(async (fn, data) => answerAsTheFunction(fn, data as Event, handler));
}

const contractBreaches: string[] = [];
afterEach(() => {
  const breaches = contractBreaches.splice(0);
  if (breaches.length) throw new Error(`answers that break the contract:\n${breaches.join('\n')}`);
});

async function answerAsTheFunction(fn: string, event: Event, handler: (fn: string, event: Event) => unknown): Promise<unknown> {
  const actions: FunctionContract | undefined = contracts[fn as FunctionName];
  const contract = actions && Object.prototype.hasOwnProperty.call(actions, event.action) ? actions[event.action] : undefined;
  if (!contract) {
    contractBreaches.push(`${fn}.${event.action} is no action of the contract`);
    return fail('BAD_INPUT', '不支持的操作');
  }
  const input = contract.input.safeParse(event.input ?? {}, { reportInput: true });
  if (!input.success) return fail('BAD_INPUT', describeIssues(input.error));
  const answered = await handler(fn, event);
  const data = isOk(answered) ? answered.data : undefined;
  const output = isOk(answered) ? contract.output.safeParse(data) : null;
  if (output && !output.success) contractBreaches.push(`${fn}.${event.action} answered ${JSON.stringify(data)}: ${describeIssues(output.error)}`);
  return answered;
}

const isOk = (value: unknown): value is { ok: true; data: unknown } => typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true;

/** The inputs sent to `fn.action`, in order. */
export const calls = (fn: string, action: string) =>
  transport.mock.calls.filter(([f, d]) => f === fn && (d as Event).action === action).map(([, d]) => (d as Event).input);

export const fail = (code: string, message: string) => ({ ok: false, code, message });

const defaultRouter = (Taro as unknown as { useRouter: unknown }).useRouter;
/** The page's route parameters, as Taro's router would give them. */
export function routeParams(params: Record<string, string>) {
  (Taro as unknown as { useRouter: unknown }).useRouter = () => ({ params });
}
export function resetRoute() {
  (Taro as unknown as { useRouter: unknown }).useRouter = defaultRouter;
}

type Stub = jest.Mock;
/** Router APIs live on Taro's default object; the rest are named exports that Taro's babel step calls directly. */
const ROUTER_APIS = ['navigateTo', 'redirectTo', 'navigateBack', 'switchTab'] as const;
type UiApi = (typeof ROUTER_APIS)[number] | (typeof NAMED_APIS)[number];
const taroObject = Taro as unknown as Record<string, unknown>;
const originals = new Map<string, unknown>();

/**
 * Navigation, toasts, modals and the scanner, recorded instead of performed; showModal answers
 * `confirm`. Needs the test file's `jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs())`; undo with restoreTaroUi.
 */
export function stubTaroUi(confirm = true): Record<UiApi, Stub> {
  const named = require('@tarojs/taro') as Record<string, Stub>;
  const stubs = {} as Record<UiApi, Stub>;
  for (const name of ROUTER_APIS) {
    if (!originals.has(name)) originals.set(name, taroObject[name]);
    stubs[name] = jest.fn(async () => ({ errMsg: `${name}:ok` }));
    taroObject[name] = stubs[name];
  }
  for (const name of NAMED_APIS) {
    stubs[name] = named[name];
    stubs[name].mockReset();
    stubs[name].mockImplementation(async () => ({ errMsg: `${name}:ok` }));
  }
  stubs.showModal.mockImplementation(async () => ({ confirm, cancel: !confirm, errMsg: 'showModal:ok' }));
  return stubs;
}

export function restoreTaroUi() {
  originals.forEach((value, name) => (taroObject[name] = value));
}

/** Types into the Taro <Input> inside `scope` (its inner <input> appears once Stencil has rendered it). */
export async function typeInto(scope: HTMLElement, value: string) {
  const { fireEvent, waitFor } = await import('@testing-library/react');
  const input = await waitFor(() => {
    const el = scope.matches('input') ? scope : scope.querySelector('input');
    if (!el) throw new Error('the Input has not rendered its <input> yet');
    return el;
  });
  fireEvent.input(input, { target: { value } });
}
