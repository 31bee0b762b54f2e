import { Picker, View } from '@tarojs/components';
import { Community } from '../../contract';

interface Props {
  communities: Community[];
  value: string | null | undefined;
  onChange: (communityId: string | undefined) => void;
  /** With it, the first choice is every community at once (value undefined), in these words. */
  allLabel?: string;
  /** What the field is, for screen readers. */
  label?: string;
  className?: string;
}

/** One community out of a list (or all of them, with `allLabel`), as the system's picker. */
export function CommunityPicker({ communities, value, onChange, allLabel, label = '选择社区', className = '' }: Props) {
  const names = communities.map((c) => c.name);
  const index = communities.findIndex((c) => c.id === value);
  const choose = (i: number) => onChange(allLabel ? communities[i - 1]?.id : communities[i]?.id);
  return (
    <Picker
      mode='selector'
      range={allLabel ? [allLabel, ...names] : names}
      value={allLabel ? index + 1 : Math.max(0, index)}
      onChange={(e) => choose(Number(e.detail.value))}
    >
      <View className={`input ${className}`} aria-label={label}>
        {communities[index]?.name ?? allLabel ?? '请选择社区'} ▾
      </View>
    </Picker>
  );
}
