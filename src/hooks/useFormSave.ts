import { useState } from 'react';
import type { Checked } from '../../rules/registry';
import { toApiError } from './useQuery';

type Problems = Partial<Record<string, string>>;

/**
 * A registry form's saving: the rules' check (problems beside their fields, with any the form found itself),
 * then, with none, the call; a refusal is shown on the form. Ignores taps while a save is on its way.
 */
export function useFormSave(onSaved: () => void) {
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const submit = async <V>(checked: Checked<V>, send: (value: V) => Promise<unknown>, found: Problems = {}) => {
    if (busy) return;
    const all = { ...(checked.ok ? {} : checked.problems), ...found };
    setProblems(all);
    if (!checked.ok || Object.values(all).some(Boolean)) return;
    setBusy(true);
    try {
      await send(checked.value);
      onSaved();
    } catch (err) {
      setProblems({ form: toApiError(err).message });
    } finally {
      setBusy(false);
    }
  };
  return { problems, busy, submit };
}
