import { useEffect, useState } from 'react';

/**
 * The app's one clock: every "now" a page or component shows or decides by comes from here (rules and
 * helpers take it as an argument). Tests pin it by pinning the process's clock (TEST_NOW).
 */
export function readClock(): Date {
  return new Date();
}

/**
 * "Now" for a screen, read when it mounts; with `tickMs`, read again that often, for screens whose
 * words depend on the time (open now, today's sessions).
 */
export function useNow(tickMs?: number): Date {
  const [now, setNow] = useState(readClock);
  useEffect(() => {
    if (!tickMs) return undefined;
    const timer = setInterval(() => setNow(readClock()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}
