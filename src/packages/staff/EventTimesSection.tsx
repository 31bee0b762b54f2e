import { Picker, View } from '@tarojs/components';
import { formatDate } from '../../format';
import { EventForm, EventFormSectionProps } from './eventForm';

type DateKey = 'startDate' | 'endDate' | 'deadlineDate';
type TimeKey = 'startTime' | 'endTime' | 'deadlineTime';
const TIMES: [label: string, date: DateKey, time: TimeKey][] = [
  ['开始', 'startDate', 'startTime'],
  ['结束', 'endDate', 'endTime'],
  ['报名截止', 'deadlineDate', 'deadlineTime'],
];

/** When: its start, its end and the sign-up deadline, each a day and a time in China time. */
export function EventTimesSection({ form, update }: EventFormSectionProps) {
  return (
    <View className='card' data-testid='event-times'>
      {TIMES.map(([label, dateKey, timeKey]) => (
        <DateTimeField key={label} label={label} date={form[dateKey]} time={form[timeKey]} onChange={update} dateKey={dateKey} timeKey={timeKey} />
      ))}
    </View>
  );
}

function DateTimeField({
  label,
  date,
  time,
  dateKey,
  timeKey,
  onChange,
}: {
  label: string;
  date: string;
  time: string;
  dateKey: DateKey;
  timeKey: TimeKey;
  onChange: (patch: Partial<EventForm>) => void;
}) {
  return (
    <View className='field'>
      <View>{label}</View>
      <View className='row gap'>
        <Picker mode='date' value={date} onChange={(e) => onChange({ [dateKey]: String(e.detail.value) })}>
          <View className='input' aria-label={`${label}日期`}>
            {formatDate(date)} ▾
          </View>
        </Picker>
        <Picker mode='time' value={time} onChange={(e) => onChange({ [timeKey]: String(e.detail.value) })}>
          <View className='input' aria-label={`${label}时间`}>
            {time} ▾
          </View>
        </Picker>
      </View>
    </View>
  );
}
