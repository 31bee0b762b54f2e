/**
 * Jest's fake timers with only Date faked: the clock starts at `now` and runs on in real time, while
 * timers stay real (servers, sockets and retries keep working). Shared by jest.config.js (TEST_NOW)
 * and tests that pin their own instant (clock.ts).
 */
const NOT_DATE = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'];

function runningDateFrom(now) {
  return { now, advanceTimers: true, doNotFake: NOT_DATE };
}

module.exports = { runningDateFrom };
