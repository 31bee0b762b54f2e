/**
 * wx-server-sdk's init() as its documentation has it: `env` may be DYNAMIC_CURRENT_ENV, the symbol for
 * the calling function's own environment, which the package's typings leave out of init's options.
 */
import 'wx-server-sdk';

declare module 'wx-server-sdk' {
  export function init(config: { env: typeof DYNAMIC_CURRENT_ENV }): void;
}
