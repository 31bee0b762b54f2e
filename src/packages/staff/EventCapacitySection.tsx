import { Input, Text, View } from '@tarojs/components';
import { Toggle } from '../../components/Toggle';
import { CAP_KIND_LABELS, capKindsOf, EventFormSectionProps } from './eventForm';

/**
 * How many: places, people per sign-up, whether sign-ups wait for approval, and a market's stalls or a
 * banquet's dishes kind by kind. `editing` an event already made says what its changes may not undo.
 */
export function EventCapacitySection({ form, update, editing }: EventFormSectionProps & { editing: boolean }) {
  const market = form.type === 'market';
  return (
    <>
      <View className='card' data-testid='event-capacity'>
        <NumberRow label='名额（人）' ariaLabel='名额' unit='人' value={form.capacity} maxlength={4} onInput={(capacity) => update({ capacity })} />
        <NumberRow
          label='每份报名最多'
          ariaLabel='每份报名最多人数'
          unit='人'
          value={form.maxHeadcount}
          maxlength={2}
          onInput={(maxHeadcount) => update({ maxHeadcount })}
        />
        {editing && <View className='t-small'>名额和数量不能少于已经报上的。</View>}
        <Toggle checked={form.visitorsNeedApproval} onChange={(visitorsNeedApproval) => update({ visitorsNeedApproval })} testId='approval-toggle'>
          <View className='t-title'>{market ? '来逛的居民' : '赴宴的家庭'}报名要经社区审核</View>
          <View className='t-small'>
            打开后，报名先占名额、显示“待审核”，由您在名单里通过或不通过。{market ? '摆摊申请总是要审核。' : ''}
            {editing ? '改动只影响之后的报名，已报上的不变。' : ''}
          </View>
        </Toggle>
      </View>

      <View className='card' data-testid='caps'>
        <View className='t-title'>{market ? '摊位：每类几个' : '菜品：每类最多几道'}</View>
        <View className='t-small'>填 0 表示这一类不需要。</View>
        {capKindsOf(form.type).map((k) => (
          <NumberRow
            key={k}
            label={CAP_KIND_LABELS[k]}
            ariaLabel={CAP_KIND_LABELS[k]}
            unit={market ? '个' : '道'}
            value={form.caps[k] ?? '0'}
            maxlength={3}
            onInput={(n) => update({ caps: { ...form.caps, [k]: n } })}
          />
        ))}
      </View>
    </>
  );
}

interface NumberRowProps {
  label: string;
  ariaLabel: string;
  unit: string;
  value: string;
  maxlength: number;
  onInput: (text: string) => void;
}

function NumberRow({ label, ariaLabel, unit, value, maxlength, onInput }: NumberRowProps) {
  return (
    <View className='row gap field'>
      <Text className='grow'>{label}</Text>
      <Input className='input input-num' type='number' value={value} maxlength={maxlength} onInput={(e) => onInput(e.detail.value)} aria-label={ariaLabel} />
      <Text>{unit}</Text>
    </View>
  );
}
