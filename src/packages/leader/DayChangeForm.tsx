import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { describeIssues, Occurrence, serviceContract } from '../../../contract';
import { addDays } from '../../../rules/china-time';
import { api } from '../../api/client';
import { formatDate, formatOccurrence } from '../../format';
import { useNow } from '../../hooks/useNow';
import { useAction } from '../../hooks/useAction';
import { todayInChina } from './scheduleDraft';
import { FieldProblem } from '../../components/FieldProblem';
import { confirmAction } from '../../confirm';

export type DayChange = 'cancel' | 'move';

/**
 * 取消这天 / 改期 for one service day: a reason (required: every booked resident is told it), the new day
 * and time when moving, a confirmation, then the service function.
 */
export function DayChangeForm({
  teamId,
  occurrence,
  kind,
  onDone,
}: {
  teamId: string;
  occurrence: Occurrence;
  kind: DayChange;
  onDone: (changed: boolean) => void;
}) {
  const now = useNow();
  const [reason, setReason] = useState('');
  const [to, setTo] = useState<Occurrence>(() => ({ ...occurrence, date: addDays(occurrence.date, 1) }));
  const changing = useAction(() => onDone(true));
  const moving = kind === 'move';

  const submit = async () => {
    const input = moving ? { teamId, date: occurrence.date, to, reason } : { teamId, date: occurrence.date, reason };
    const checked = (moving ? serviceContract.moveOccurrence.input : serviceContract.cancelOccurrence.input).safeParse(input, { reportInput: true });
    if (!checked.success) return changing.refuse(describeIssues(checked.error));
    if (moving && to.date === occurrence.date && to.startTime === occurrence.startTime) return changing.refuse('新的时间和原来一样，请换一个日期或时间');
    changing.clear();
    const confirmed = await confirmAction({
      title: moving ? '确认改期' : '确认取消这天',
      content: moving
        ? `把 ${formatOccurrence(occurrence)} 改到 ${formatOccurrence(to)}？已有的预约会按预约先后改到新时间的对应时段，名额满了的转为候补；每位居民都会收到通知，不能来的可以自己取消。`
        : `取消 ${formatDate(occurrence.date)} 的服务？这一天已有的预约会被取消，并通知每位居民。`,
      confirmText: moving ? '确认改期' : '确认取消',
    });
    if (!confirmed) return;
    await changing.run(async () => {
      const result = moving
        ? await api.service.moveOccurrence({ teamId, date: occurrence.date, to, reason })
        : await api.service.cancelOccurrence({ teamId, date: occurrence.date, reason });
      const done = moving ? '已改期' : '已取消这天';
      const residents = result.movedBookings + result.waitlistedBookings + result.cancelledBookings;
      // Many bookings are told by a background job: the rest follow within minutes. Those moved onto the
      // waitlist are worth the leader's knowing: said in a longer toast (one without an icon).
      const waiting = `${done}：${result.movedBookings} 位改到新时间，${result.waitlistedBookings} 位名额已满转为候补`;
      if (result.allTold && result.waitlistedBookings) Taro.showToast({ title: waiting, icon: 'none' });
      else Taro.showToast({ title: !result.allTold ? `${done}，正在通知居民` : residents ? `已通知 ${residents} 位居民` : done, icon: 'success' });
    });
  };

  return (
    <View className='section-title' data-testid='day-change'>
      <View className='t-title'>{moving ? '改到哪一天' : '取消这天的服务'}</View>
      {moving && (
        <>
          <Picker mode='date' value={to.date} start={todayInChina(now)} onChange={(e) => setTo({ ...to, date: String(e.detail.value) })}>
            <View className='input row'>
              <Text className='grow'>新日期 {formatDate(to.date)}</Text>
              <Text className='t-small'>更改 ›</Text>
            </View>
          </Picker>
          <View className='row gap' style='margin-top: 8px'>
            <Picker mode='time' value={to.startTime} onChange={(e) => setTo({ ...to, startTime: String(e.detail.value) })} className='grow'>
              <View className='input'>开始 {to.startTime}</View>
            </Picker>
            <Picker mode='time' value={to.endTime} onChange={(e) => setTo({ ...to, endTime: String(e.detail.value) })} className='grow'>
              <View className='input'>结束 {to.endTime}</View>
            </Picker>
          </View>
        </>
      )}
      <View style='margin-top: 8px'>原因（必填，会通知到每位预约的居民）</View>
      <Input
        className='input'
        value={reason}
        maxlength={100}
        placeholder={moving ? '例如：场地临时有活动' : '例如：下雨，改天再来'}
        onInput={(e) => setReason(e.detail.value)}
        aria-label='原因'
      />
      <FieldProblem text={changing.problem} />
      <View className='row gap' style='margin-top: 12px'>
        <Button className='btn grow' onClick={() => onDone(false)}>
          返回
        </Button>
        <BusyButton className='btn grow' busy={changing.busy} busyText='正在提交…' onClick={submit}>
          {moving ? '确认改期' : '确认取消这天'}
        </BusyButton>
      </View>
    </View>
  );
}
