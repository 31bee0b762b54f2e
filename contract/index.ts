import { accountContract } from './account';

export * from './result';
export * from './common';
export * from './account';

/** Every cloud function and its actions: the one contract the app and the functions share. */
export const contracts = {
  account: accountContract,
};
export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
