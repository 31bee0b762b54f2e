import { useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { toApiError } from './useQuery';

/** What an action came to, in words: a notice when done, an alert when refused. */
export type Outcome = { ok: boolean; text: string };

/**
 * The one way a button runs an action (check in, publish, save, sign up…), one at a time: `busy` while
 * one runs, its outcome in words afterwards (the success text `work` returns, if any, or the refusal's
 * message), and `onDone` after a success, to reload what the page shows. `run` answers whether the
 * action was done; `onRefused` sees the refusal (its code) when the page does more than say it.
 * `refuse` says what is missing before anything is sent; `clear` forgets the last outcome.
 */
export function useAction(onDone: () => void = () => undefined) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  // A second tap before the re-render that disables the buttons must not start a second action.
  const running = useRef(false);
  const run = async (work: () => Promise<string | void>, onRefused?: (refusal: ApiError) => void): Promise<boolean> => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setOutcome(null);
    try {
      const text = await work();
      setOutcome(text ? { ok: true, text } : null);
      onDone();
      return true;
    } catch (err) {
      const refusal = toApiError(err);
      setOutcome({ ok: false, text: refusal.message });
      onRefused?.(refusal);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  const refuse = (text: string) => setOutcome({ ok: false, text });
  const clear = () => setOutcome(null);
  /** The refusal's (or the missing choice's) words, to show beside the button. */
  const problem = outcome && !outcome.ok ? outcome.text : '';
  return { busy, outcome, problem, run, refuse, clear };
}
