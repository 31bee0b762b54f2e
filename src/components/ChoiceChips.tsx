import { Button, View } from '@tarojs/components';

interface Props<T extends string> {
  options: readonly T[];
  labels: Record<T, string>;
  /** The chosen option, or undefined for "all". */
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  /** Label of the "no filter" chip; omit to offer none. */
  allLabel?: string;
  /** Options shown but not choosable, with the word saying why ("已满"). */
  unavailable?: Partial<Record<T, string>>;
}

/** A row of filter chips; the chosen one is marked ✓ as well as coloured. Tapping it again clears it. */
export function ChoiceChips<T extends string>({ options, labels, value, onChange, allLabel, unavailable }: Props<T>) {
  const chip = (key: string, label: string, on: boolean, choose: () => void) => (
    <Button key={key} className={`chip ${on ? 'chip-on' : ''}`} onClick={choose}>
      {on ? '✓ ' : ''}
      {label}
    </Button>
  );
  return (
    <View className='row wrap gap'>
      {allLabel !== undefined && chip('all', allLabel, value === undefined, () => onChange(undefined))}
      {options.map((o) => {
        const why = unavailable?.[o];
        if (why) {
          return (
            <Button key={o} className='chip pick-off' aria-disabled='true' data-testid='chip-unavailable'>
              {`${labels[o]}（${why}）`}
            </Button>
          );
        }
        return chip(o, labels[o], value === o, () => onChange(value === o ? undefined : o));
      })}
    </View>
  );
}
