import { runningDateFrom } from './fake-date';

/**
 * The tests' clock. Under TEST_NOW (jest.config.js), or after `pinClock`, each test file's Date runs
 * from a chosen instant; processes and browsers the tests start must run on the same clock, shifted
 * by the offset from the real one.
 */
let pinnedHere = false;

/** Runs the rest of this test file as if from `instant` on (an ISO instant; the clock keeps running). */
export function pinClock(instant: string): void {
  jest.useFakeTimers(runningDateFrom(Date.parse(instant)));
  pinnedHere = true;
}

export function clockOffsetMs(): number {
  return process.env.TEST_NOW || pinnedHere ? Date.now() - jest.getRealSystemTime() : 0;
}

/** Environment that puts a local cloud (its functions, its server date) and the demo seeder on the tests' clock. */
export function cloudClockEnv(): Record<string, string> {
  return { LOCALCLOUD_CLOCK_OFFSET_MS: String(clockOffsetMs()) };
}
