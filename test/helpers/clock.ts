import { addDays, chinaDate, chinaInstant } from '../../rules/china-time';

/**
 * The tests' clock. `Date` in a test file runs at real speed from a chosen instant: TEST_NOW for every
 * file (installed by test/setup-clock.ts), or the instant a file pins with `pinClock`. Only `Date` moves;
 * timers stay real. Processes and browsers the tests start run on the same clock (`clockOffsetMs`).
 *
 * Date is replaced by a subclass whose "now" is the real one shifted, rather than by Jest's fake timers:
 * those advance in 20 ms steps on a timer, and fall seconds behind the real clock (and so behind the local
 * cloud's) in a busy test process.
 */
interface ClockState {
  realNow: () => number;
  offsetMs: number;
}
const STATE = '__testClock';
const holder = globalThis as unknown as { [STATE]?: ClockState };

/**
 * A Date whose "now" is the real one shifted by `offsetMs()`. Self-contained (it also runs in Chromium's
 * pages, as source), so it names nothing from its surroundings.
 */
export function shiftedDate(RealDate: DateConstructor, offsetMs: () => number): DateConstructor {
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offsetMs());
      else super(...(args as [string | number | Date]));
    }
    static now(): number {
      return RealDate.now() + offsetMs();
    }
  }
  return ShiftedDate as DateConstructor;
}

function state(): ClockState {
  const existing = holder[STATE];
  if (existing) return existing;
  const RealDate = globalThis.Date;
  const clock: ClockState = { realNow: () => RealDate.now(), offsetMs: 0 };
  globalThis.Date = shiftedDate(RealDate, () => clock.offsetMs);
  holder[STATE] = clock;
  return clock;
}

/** Runs the rest of this test file as if from `instant` on (an ISO instant; the clock keeps running). */
export function pinClock(instant: string): void {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) throw new Error(`not an ISO instant: ${instant}`);
  const clock = state();
  clock.offsetMs = at - clock.realNow();
}

/**
 * For a file whose story must happen within one China day (book, approve and check in): when less than
 * `needMs` of today is left on the tests' clock, the file starts that much earlier instead.
 */
export function leaveRoomInTheDay(needMs: number): void {
  if (msLeftToday() < needMs) pinClock(new Date(Date.now() - needMs).toISOString());
}

/** What is left of today in China on the tests' clock, in ms. */
export function msLeftToday(): number {
  const now = new Date();
  return chinaInstant(addDays(chinaDate(now), 1), '00:00').getTime() - now.getTime();
}

/** How far the tests' clock is from the real one, in ms. */
export function clockOffsetMs(): number {
  return holder[STATE]?.offsetMs ?? 0;
}

/** Environment that puts a local cloud (its functions, its server date) and the demo seeder on the tests' clock. */
export function cloudClockEnv(): Record<string, string> {
  return { LOCALCLOUD_CLOCK_OFFSET_MS: String(clockOffsetMs()) };
}
