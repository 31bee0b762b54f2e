import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { OpeningException, OpeningHours, OpeningPeriod } from '../../../contract';
import { addDays, chinaDate } from '../../../rules/china-time';
import { WEEKDAY_LABELS } from '../../../rules/station-checks';
import { ChoiceChips } from '../../components/ChoiceChips';
import { FieldProblem } from '../../components/FieldProblem';
import { formatDate } from '../../format';
import { useNow } from '../../hooks/useNow';
import { copyMondayToWorkdays, nextPeriod, WEEKDAYS } from './stationForm';

/** One day's opening periods: each with its open and close time, removable; one more can be added. */
function PeriodsEditor({ label, periods, onChange }: { label: string; periods: OpeningPeriod[]; onChange: (periods: OpeningPeriod[]) => void }) {
  const set = (i: number, key: keyof OpeningPeriod, value: string) => onChange(periods.map((p, j) => (j === i ? { ...p, [key]: value } : p)));
  return (
    <View data-testid={`periods-${label}`}>
      {periods.length === 0 && <View className='t-small'>休息</View>}
      {periods.map((p, i) => (
        <View key={i} className='row gap field'>
          <Picker mode='time' value={p.open} onChange={(e) => set(i, 'open', String(e.detail.value))}>
            <View className='input' aria-label={`${label}第${i + 1}段开门时间`}>
              {p.open} ▾
            </View>
          </Picker>
          <Text>至</Text>
          <Picker mode='time' value={p.close} onChange={(e) => set(i, 'close', String(e.detail.value))}>
            <View className='input' aria-label={`${label}第${i + 1}段关门时间`}>
              {p.close} ▾
            </View>
          </Picker>
          <Button className='btn' onClick={() => onChange(periods.filter((_p, j) => j !== i))} aria-label={`删除${label}第${i + 1}段`}>
            删除
          </Button>
        </View>
      ))}
      <Button className='btn field' onClick={() => onChange([...periods, nextPeriod(periods)])} aria-label={`${label}添加时段`}>
        ＋ 添加时段
      </Button>
    </View>
  );
}

/** Opening hours per weekday; a day with no periods is closed. Monday's hours can be copied to Tuesday–Friday. */
export function HoursEditor({ hours, onChange, problem }: { hours: OpeningHours; onChange: (hours: OpeningHours) => void; problem?: string }) {
  return (
    <View className='card' data-testid='hours-editor'>
      <View className='t-title'>每周开放时间</View>
      <View className='t-small'>关门时间早于开门时间表示开到次日。一天可以有几段，不能重叠。</View>
      {WEEKDAYS.map((day) => (
        <View key={day} className='section-title'>
          <View className='row gap'>
            <Text className='t-title grow'>{WEEKDAY_LABELS[day]}</Text>
            {day === '1' && (
              <Button className='btn' onClick={() => onChange(copyMondayToWorkdays(hours))}>
                复制到周二至周五
              </Button>
            )}
          </View>
          <PeriodsEditor label={WEEKDAY_LABELS[day]} periods={hours[day] ?? []} onChange={(periods) => onChange({ ...hours, [day]: periods })} />
        </View>
      ))}
      <FieldProblem text={problem} />
    </View>
  );
}

const DAY_KINDS = ['closed', 'special'] as const;
const DAY_KIND_LABELS = { closed: '休息', special: '特殊时间' };

/** Holidays (closed) and special days (other hours) by date, each with a short note residents see. */
export function ExceptionsEditor({
  exceptions,
  onChange,
  problem,
}: {
  exceptions: OpeningException[];
  onChange: (exceptions: OpeningException[]) => void;
  problem?: string;
}) {
  const today = chinaDate(useNow());
  const set = (i: number, patch: Partial<OpeningException>) => onChange(exceptions.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const nextDate = () => {
    let date = addDays(today, 1);
    while (exceptions.some((e) => e.date === date)) date = addDays(date, 1);
    return date;
  };
  return (
    <View className='card' data-testid='exceptions-editor'>
      <View className='t-title'>节假日和特殊日期</View>
      <View className='t-small'>这些日期不按每周时间开放：休息，或者另有时间。</View>
      {exceptions.map((e, i) => (
        <View key={i} className='section-title' data-testid='exception'>
          <View className='row gap'>
            <Picker mode='date' value={e.date} onChange={(ev) => set(i, { date: String(ev.detail.value) })}>
              <View className='input' aria-label={`第${i + 1}个特殊日期`}>
                {formatDate(e.date)} ▾
              </View>
            </Picker>
            <Button className='btn' onClick={() => onChange(exceptions.filter((_e, j) => j !== i))} aria-label={`删除第${i + 1}个特殊日期`}>
              删除
            </Button>
          </View>
          <ChoiceChips
            options={DAY_KINDS}
            labels={DAY_KIND_LABELS}
            value={e.periods.length ? 'special' : 'closed'}
            onChange={(kind) => kind && set(i, { periods: kind === 'closed' ? [] : e.periods.length ? e.periods : [nextPeriod([])] })}
          />
          {e.periods.length > 0 && <PeriodsEditor label={e.date} periods={e.periods} onChange={(periods) => set(i, { periods })} />}
          <Input
            className='input field'
            value={e.note}
            maxlength={20}
            placeholder='说明，例如：国庆节休息'
            onInput={(ev) => set(i, { note: ev.detail.value })}
            aria-label={`第${i + 1}个特殊日期的说明`}
          />
        </View>
      ))}
      <Button className='btn btn-block section-title' onClick={() => onChange([...exceptions, { date: nextDate(), periods: [], note: '' }])}>
        ＋ 添加特殊日期
      </Button>
      <FieldProblem text={problem} />
    </View>
  );
}
