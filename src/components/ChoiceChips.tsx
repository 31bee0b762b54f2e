import { Button, View } from '@tarojs/components';

interface Props<T extends string> {
  options: readonly T[];
  labels: Record<T, string>;
  /** The chosen option, or undefined for "all". */
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  /** Label of the "no filter" chip; omit to offer none. */
  allLabel?: string;
}

/** A row of filter chips; the chosen one is marked ✓ as well as coloured. Tapping it again clears it. */
export function ChoiceChips<T extends string>({ options, labels, value, onChange, allLabel }: Props<T>) {
  const chip = (key: string, label: string, on: boolean, choose: () => void) => (
    <Button key={key} className={`chip ${on ? 'chip-on' : ''}`} onClick={choose}>
      {on ? '✓ ' : ''}
      {label}
    </Button>
  );
  return (
    <View className='row wrap gap'>
      {allLabel !== undefined && chip('all', allLabel, value === undefined, () => onChange(undefined))}
      {options.map((o) => chip(o, labels[o], value === o, () => onChange(value === o ? undefined : o)))}
    </View>
  );
}
