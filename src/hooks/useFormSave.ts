import { useState } from 'react';
import type { Checked } from '../../rules/registry';
import { useAction } from './useAction';

type Problems = Partial<Record<string, string>>;

/**
 * A registry form's saving: the rules' check (problems beside their fields, with any the form found itself),
 * then, with none, the call through useAction; a refusal is shown on the form. Ignores taps while a save is on its way.
 */
export function useFormSave(onSaved: () => void) {
  const [found, setFound] = useState<Problems>({});
  const saving = useAction(onSaved);
  const submit = async <V>(checked: Checked<V>, send: (value: V) => Promise<unknown>, alsoFound: Problems = {}) => {
    if (saving.busy) return;
    const all = { ...(checked.ok ? {} : checked.problems), ...alsoFound };
    setFound(all);
    saving.clear();
    if (!checked.ok || Object.values(all).some(Boolean)) return;
    await saving.run(async () => {
      await send(checked.value);
    });
  };
  const problems: Problems = saving.problem ? { ...found, form: saving.problem } : found;
  return { problems, busy: saving.busy, submit };
}
