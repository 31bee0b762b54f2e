/**
 * The functions' one clock: every "now" a function uses comes from here (handlers get it as `ctx.now`).
 * On WeChat Cloud it is the real time. The local cloud may shift it by LOCALCLOUD_CLOCK_OFFSET_MS
 * (milliseconds; its database's server date moves with it), so tests and demos run as if on another day.
 */
export const CLOCK_OFFSET_ENV = 'LOCALCLOUD_CLOCK_OFFSET_MS';

export function now(): Date {
  const offset = Number(process.env[CLOCK_OFFSET_ENV] ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}
