/** See fake-date.js. */
export function runningDateFrom(now: number): { now: number; advanceTimers: true; doNotFake: Array<import('@jest/fake-timers').FakeableAPI> };
