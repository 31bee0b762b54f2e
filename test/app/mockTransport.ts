import Taro from '@tarojs/taro';
import { callCloudFunction } from '../../src/api/transport';

/**
 * The replaced network transport of the component tests (each test file calls
 * `jest.mock('../../src/api/transport', …)`): answer calls per function and action, and read what was sent.
 */
export type Event = { action: string; input: any };
export const transport = callCloudFunction as jest.MockedFunction<typeof callCloudFunction>;

/** Answers every call with `handler(fn, event)`; throwing makes the call fail as the network would. */
export function answer(handler: (fn: string, event: Event) => unknown) {
  transport.mockImplementation(async (fn, data) => handler(fn, data as Event));
}

/** The inputs sent to `fn.action`, in order. */
export const calls = (fn: string, action: string) => transport.mock.calls.filter(([f, d]) => f === fn && (d as Event).action === action).map(([, d]) => (d as Event).input);

export const fail = (code: string, message: string) => ({ ok: false, code, message });

const defaultRouter = (Taro as unknown as { useRouter: unknown }).useRouter;
/** The page's route parameters, as Taro's router would give them. */
export function routeParams(params: Record<string, string>) {
  (Taro as unknown as { useRouter: unknown }).useRouter = () => ({ params });
}
export function resetRoute() {
  (Taro as unknown as { useRouter: unknown }).useRouter = defaultRouter;
}

type Stub = jest.Mock<Promise<unknown>, [any]>;
const UI_APIS = ['navigateTo', 'redirectTo', 'navigateBack', 'switchTab', 'showToast', 'showModal', 'scanCode', 'makePhoneCall'] as const;
const taroObject = Taro as unknown as Record<string, unknown>;
const originals = new Map<string, unknown>();

/**
 * Navigation, toasts, modals and the scanner, recorded instead of performed (in jest the default Taro
 * object lacks most APIs, so they are set on it here); showModal answers `confirm`. Undo with restoreTaroUi.
 */
export function stubTaroUi(confirm = true): Record<(typeof UI_APIS)[number], Stub> {
  const stubs = {} as Record<(typeof UI_APIS)[number], Stub>;
  for (const name of UI_APIS) {
    if (!originals.has(name)) originals.set(name, taroObject[name]);
    stubs[name] = jest.fn(async () => ({ errMsg: `${name}:ok` }));
    taroObject[name] = stubs[name];
  }
  stubs.showModal.mockImplementation(async () => ({ confirm, cancel: !confirm, errMsg: 'showModal:ok' }));
  return stubs;
}

export function restoreTaroUi() {
  originals.forEach((value, name) => (taroObject[name] = value));
}
