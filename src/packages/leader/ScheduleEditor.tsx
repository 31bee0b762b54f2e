import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ReactNode, useMemo, useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { Recurrence, TeamDetail } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { Toggle } from '../../components/Toggle';
import { describeRecurrence, formatOccurrence, weekdayName } from '../../format';
import { useNow } from '../../hooks/useNow';
import { useAction } from '../../hooks/useAction';
import { capacityLine, checkDraft, draftOf, previewOf, recurrenceOf, ScheduleDraft, ScheduleField, todayInChina } from './scheduleDraft';
import { Icon } from '../../components/Icon';

const KINDS = ['weekly', 'monthlyDate', 'monthlyNth'] as const;
const KIND_LABELS: Record<Recurrence['kind'], string> = { weekly: '每周', monthlyDate: '每月固定日期', monthlyNth: '每月第几个星期几' };
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const WEEKDAY_LABELS = Object.fromEntries(WEEKDAYS.map((d) => [d, weekdayName(Number(d))])) as Record<(typeof WEEKDAYS)[number], string>;
const NTHS = ['1', '2', '3', '4', '5', '-1'] as const;
const NTH_LABELS: Record<(typeof NTHS)[number], string> = { '1': '第1个', '2': '第2个', '3': '第3个', '4': '第4个', '5': '第5个', '-1': '最后一个' };
const MONTH_DAYS = Array.from({ length: 31 }, (_, i) => `${i + 1}日`);

/** The schedule form: every field, validation by the contract's scheduleSchema, the next six days, save. */
export function ScheduleEditor({ team }: { team: TeamDetail }) {
  const now = useNow();
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftOf(team.schedule, todayInChina(now)));
  const [tried, setTried] = useState(false);
  const saving = useAction();
  const set = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const check = useMemo(() => checkDraft(draft), [draft]);
  const preview = useMemo(() => previewOf(draft, now, 6), [draft, now]);
  const capacity = capacityLine(draft);
  const problem = (field: ScheduleField) => (tried && !check.ok ? check.problems[field] : undefined);

  const toggleWeekday = (day: number) =>
    set('weekdays', draft.weekdays.includes(day) ? draft.weekdays.filter((d) => d !== day) : [...draft.weekdays, day].sort((a, b) => a - b));

  const save = async () => {
    setTried(true);
    saving.clear();
    if (!check.ok) return;
    await saving.run(async () => {
      await api.service.saveSchedule({ teamId: team.id, schedule: check.schedule });
      Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 600);
    });
  };

  return (
    <View>
      <View className='t-h1'>{team.name}</View>

      <Section title='多久一次'>
        <ChoiceChips options={KINDS} labels={KIND_LABELS} value={draft.kind} onChange={(k) => k && set('kind', k)} />
        {draft.kind === 'weekly' && (
          <>
            <View className='section-title'>每周哪几天（可以选多天）</View>
            <View className='row wrap gap' data-testid='weekdays'>
              {WEEKDAYS.map((d) => {
                const on = draft.weekdays.includes(Number(d));
                return (
                  <Button key={d} className={`chip ${on ? 'chip-on' : ''}`} onClick={() => toggleWeekday(Number(d))}>
                    {on ? '✓ ' : ''}
                    {WEEKDAY_LABELS[d]}
                  </Button>
                );
              })}
            </View>
          </>
        )}
        {draft.kind === 'monthlyDate' && (
          <>
            <View className='section-title'>每月几号</View>
            <Picker mode='selector' range={MONTH_DAYS} value={draft.monthDay - 1} onChange={(e) => set('monthDay', Number(e.detail.value) + 1)}>
              <View className='input row'>
                <Text className='grow'>每月 {draft.monthDay} 日</Text>
                <Text className='t-small'>更改 ›</Text>
              </View>
            </Picker>
            {draft.monthDay > 28 && <View className='t-small'>没有 {draft.monthDay} 日的月份不服务</View>}
          </>
        )}
        {draft.kind === 'monthlyNth' && (
          <>
            <View className='section-title'>第几个</View>
            <ChoiceChips options={NTHS} labels={NTH_LABELS} value={String(draft.nth) as (typeof NTHS)[number]} onChange={(n) => n && set('nth', Number(n))} />
            <View className='section-title'>星期几</View>
            <ChoiceChips
              options={WEEKDAYS}
              labels={WEEKDAY_LABELS}
              value={String(draft.nthWeekday) as (typeof WEEKDAYS)[number]}
              onChange={(w) => w && set('nthWeekday', Number(w))}
            />
            {draft.nth === 5 && <View className='t-small'>没有第5个的月份不服务</View>}
          </>
        )}
        <Problem text={problem('recurrence')} />
      </Section>

      <Section title='服务时间'>
        <View className='row gap'>
          <TimePicker label='开始' value={draft.startTime} onChange={(v) => set('startTime', v)} />
          <TimePicker label='结束' value={draft.endTime} onChange={(v) => set('endTime', v)} />
        </View>
        <Problem text={problem('startTime') ?? problem('endTime')} />
        <NumberField label='每个时段' unit='分钟' value={draft.slotMinutes} onChange={(v) => set('slotMinutes', v)} problem={problem('slotMinutes')} />
        <NumberField label='每个时段可约' unit='人' value={draft.placesPerSlot} onChange={(v) => set('placesPerSlot', v)} problem={problem('placesPerSlot')} />
        {capacity && <View className='t-small'>{capacity}</View>}
      </Section>

      <Section title='服务地点'>
        <Input
          className='input'
          value={draft.address}
          maxlength={100}
          placeholder='例如：清洋社区党群服务中心一楼'
          onInput={(e) => set('address', e.detail.value)}
          aria-label='服务地点'
        />
        <Problem text={problem('place')} />
      </Section>

      <Section title='预约规则'>
        <Toggle checked={draft.needsApproval} onChange={(v) => set('needsApproval', v)} testId='needs-approval'>
          预约需要社区审核
        </Toggle>
        <NumberField
          label='提前几天开放预约'
          unit='天'
          value={draft.opensDaysBefore}
          onChange={(v) => set('opensDaysBefore', v)}
          problem={problem('opensDaysBefore')}
        />
        <View className='t-small'>开放当天 08:00 起可以预约</View>
        <NumberField
          label='服务开始前几小时截止预约'
          unit='小时'
          value={draft.closesHoursBefore}
          onChange={(v) => set('closesHoursBefore', v)}
          problem={problem('closesHoursBefore')}
        />
        <NumberField
          label='服务开始前几小时内不能取消'
          unit='小时'
          value={draft.cancelHoursBefore}
          onChange={(v) => set('cancelHoursBefore', v)}
          problem={problem('cancelHoursBefore')}
        />
        <NumberField label='每人每周最多预约' unit='次' value={draft.weeklyLimit} onChange={(v) => set('weeklyLimit', v)} problem={problem('weeklyLimit')} />
      </Section>

      <Section title='有效期'>
        <DatePicker label='从' value={draft.validFrom} onChange={(v) => set('validFrom', v)} />
        <Problem text={problem('validFrom')} />
        <Toggle checked={draft.validUntil === null} onChange={(open) => set('validUntil', open ? null : draft.validFrom)} testId='open-ended'>
          长期有效（不设结束日期）
        </Toggle>
        {draft.validUntil !== null && <DatePicker label='到' value={draft.validUntil} onChange={(v) => set('validUntil', v)} />}
        <Problem text={problem('validUntil')} />
      </Section>

      <View className='t-title section-title'>预览：接下来 6 次服务</View>
      <View className='card' data-testid='preview'>
        {(() => {
          const r = recurrenceOf(draft);
          const valid = r.kind !== 'weekly' || r.weekdays.length > 0;
          return (
            valid && (
              <View className='t-small'>
                {describeRecurrence(r)} {draft.startTime}–{draft.endTime}
              </View>
            )
          );
        })()}
        {preview.length ? (
          preview.map((o) => (
            <View key={o.date} data-testid='preview-day'>
              {formatOccurrence(o)}
            </View>
          ))
        ) : (
          <View className='t-small'>按现在的设置，近期没有服务日</View>
        )}
      </View>

      {tried && !check.ok && (
        <View className='card alert' role='alert' data-testid='schedule-problems'>
          {check.messages.map((m) => (
            <View key={m}>
              <Icon name='warning' />
              {m}
            </View>
          ))}
        </View>
      )}
      {saving.problem && (
        <View className='card alert' role='alert'>
          <Icon name='warning' />
          {saving.problem}
        </View>
      )}
      <BusyButton className='btn btn-primary btn-block' busy={saving.busy} busyText='正在保存…' onClick={save}>
        保存固定服务日
      </BusyButton>
    </View>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <View className='t-title section-title'>{title}</View>
      <View className='card'>{children}</View>
    </>
  );
}

function Problem({ text }: { text?: string }) {
  return text ? (
    <View className='tag-warn'>
      <Icon name='warning' />
      {text}
    </View>
  ) : null;
}

function NumberField({
  label,
  unit,
  value,
  onChange,
  problem,
}: {
  label: string;
  unit: string;
  value: string;
  onChange: (v: string) => void;
  problem?: string;
}) {
  return (
    <View className='field'>
      <View className='row gap'>
        <Text className='grow'>{label}</Text>
        <Input className='input input-num' type='number' value={value} maxlength={3} onInput={(e) => onChange(e.detail.value)} aria-label={label} />
        <Text>{unit}</Text>
      </View>
      <Problem text={problem} />
    </View>
  );
}

function TimePicker({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <Picker mode='time' value={value} onChange={(e) => onChange(String(e.detail.value))} className='grow'>
      <View className='input row'>
        <Text className='grow'>
          {label} {value}
        </Text>
        <Text className='t-small'>›</Text>
      </View>
    </Picker>
  );
}

function DatePicker({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <Picker mode='date' value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='input row'>
        <Text className='grow'>
          {label} {value}
        </Text>
        <Text className='t-small'>更改 ›</Text>
      </View>
    </Picker>
  );
}
