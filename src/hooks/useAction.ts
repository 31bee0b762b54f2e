import { useRef, useState } from 'react';
import { toApiError } from './useQuery';

/** What an action came to, in words: a notice when done, an alert when refused. */
export type Outcome = { ok: boolean; text: string };

/**
 * A page's actions (check in, publish, review…), one at a time: `busy` while one runs, its outcome in
 * words afterwards (the success text `work` returns, or the refusal's message), and `onDone` after a
 * success, to reload what the page shows. `run` answers whether the action was done.
 */
export function useAction(onDone: () => void) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  // A second tap before the re-render that disables the buttons must not start a second action.
  const running = useRef(false);
  const run = async (work: () => Promise<string>): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    try {
      setOutcome({ ok: true, text: await work() });
      onDone();
      return true;
    } catch (err) {
      setOutcome({ ok: false, text: toApiError(err).message });
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return { busy, outcome, run };
}
