import { BusyButton } from '../../components/BusyButton';
import { CheckInPanel } from '../../components/CheckInPanel';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Booking, Session } from '../../../contract';
import { chinaClock } from '../../../rules/china-time';
import { api } from '../../api/client';
import { BookingStatusTag } from '../../components/BookingStatusTag';
import { FieldProblem } from '../../components/FieldProblem';
import { OutcomeNotice } from '../../components/OutcomeNotice';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { formatOccurrence, formatSlot } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useNow } from '../../hooks/useNow';
import { useQuery } from '../../hooks/useQuery';
import { todayInChina } from './scheduleDraft';
import { myTeamId } from './team';
import { confirmAction } from '../../confirm';

type SessionSlot = Session['slots'][number];

/** Where a service day stands for its leader: before, on the day (check-in), or over (no-shows). */
export function sessionPhase(occurrence: Session['occurrence'], now: Date): 'before' | 'today' | 'over' {
  const today = todayInChina(now);
  if (occurrence.date > today) return 'before';
  if (occurrence.date < today || occurrence.endTime <= chinaClock(now)) return 'over';
  return 'today';
}

/**
 * A service day's list for its leader: every slot with who booked (name, full phone, state), check-in
 * by scanning the resident's code (weapp), typing it (h5) or tapping their booking, the places of each
 * slot, and after the day, marking those who did not come.
 */
export default function SessionPage() {
  const { params } = useRouter();
  const date = params.date ?? '';
  // Whether the day is before, today or over changes with the clock: read it each minute.
  const now = useNow(60_000);
  const session = useQuery(async () => api.booking.session({ teamId: params.teamId || (await myTeamId()), date }), [params.teamId, date]);
  const { busy, outcome, run } = useAction(session.refresh);
  useDidShow(() => session.status === 'ready' && session.refresh());
  const s = session.data;

  const checkIn = async (input: { code: string } | { bookingId: string }): Promise<boolean> => {
    if (!s) return false;
    return run(async () => {
      const b = await api.booking.checkIn({ teamId: s.teamId, ...input });
      return `✓ ${b.name} 已签到（${formatSlot(b)}）`;
    });
  };

  const markNoShows = async (expected: number) => {
    if (!s) return;
    const confirmed = await confirmAction({
      title: '标记未到场',
      content: `把已确认但没有签到的 ${expected} 人记为未到场？`,
      confirmText: '确认标记',
    });
    if (!confirmed) return;
    await run(async () => {
      const { marked } = await api.booking.markNoShows({ teamId: s.teamId, date: s.occurrence.date });
      return `已把 ${marked} 人记为未到场`;
    });
  };

  const all = s?.slots.flatMap((slot) => slot.bookings) ?? [];
  const count = (status: Booking['status']) => all.filter((b) => b.status === status).length;
  const phase = s ? sessionPhase(s.occurrence, now) : 'before';

  return (
    <Screen>
      <QueryView query={session} loadingText='正在读取名单…'>
        {s && (
          <>
            <View className='t-small'>{s.teamName}</View>
            <View className='t-h1'>{formatOccurrence(s.occurrence)}</View>
            <View className='card' data-testid='session-summary'>
              <View>
                已签到 {count('attended')} 人 · 待签到 {count('confirmed')} 人
              </View>
              <View className='t-small'>
                待审核 {count('pending')} 人 · 候补 {count('waitlisted')} 人{count('noshow') ? ` · 未到场 ${count('noshow')} 人` : ''}
              </View>
            </View>

            <OutcomeNotice outcome={outcome} testId='check-in-outcome' />

            {phase === 'today' && <CheckInPanel busy={busy} onCode={(code) => checkIn({ code })} />}
            {phase === 'before' && <View className='t-small'>服务当天可以在这里扫码签到。</View>}

            {s.slots.map((slot) => (
              <SlotList
                key={slot.startTime}
                slot={slot}
                teamId={s.teamId}
                date={s.occurrence.date}
                busy={busy}
                canCheckIn={phase !== 'before'}
                onCheckIn={(id) => checkIn({ bookingId: id })}
                onChanged={session.refresh}
              />
            ))}

            {phase === 'over' && (
              <View className='card' data-testid='no-shows'>
                <View className='t-title'>服务已结束</View>
                {count('confirmed') > 0 ? (
                  <>
                    <View>还有 {count('confirmed')} 人已确认但没有签到。</View>
                    <Button className='btn btn-primary btn-block' disabled={busy} onClick={() => markNoShows(count('confirmed'))}>
                      标记未到场
                    </Button>
                  </>
                ) : (
                  <View className='t-small'>没有待标记的人。</View>
                )}
              </View>
            )}
          </>
        )}
      </QueryView>
    </Screen>
  );
}

function SlotList({
  slot,
  teamId,
  date,
  busy,
  canCheckIn,
  onCheckIn,
  onChanged,
}: {
  slot: SessionSlot;
  teamId: string;
  date: string;
  busy: boolean;
  canCheckIn: boolean;
  onCheckIn: (bookingId: string) => void;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [capacity, setCapacity] = useState(String(slot.capacity));
  const saving = useAction(onChanged);

  const saveCapacity = async () => {
    const value = Number(capacity);
    if (capacity.trim() === '' || !Number.isInteger(value) || value < 0 || value > 500) return saving.refuse('名额请填写 0 到 500 之间的整数');
    await saving.run(async () => {
      await api.booking.setCapacity({ teamId, date, startTime: slot.startTime, capacity: value });
      setEditing(false);
      Taro.showToast({ title: '名额已调整', icon: 'success' });
    });
  };

  return (
    <View className='card' data-testid='session-slot'>
      <View className='row'>
        <Text className='t-title grow'>{formatSlot(slot)}</Text>
        <Text className='tag'>
          名额 {slot.capacity} · 已占 {slot.held}
        </Text>
      </View>
      <View className='t-small'>
        剩余 {slot.placesLeft} 个{slot.waitlisted ? ` · 候补 ${slot.waitlisted} 人` : ''}
      </View>
      {editing ? (
        <View style='margin-top: 8px'>
          <View className='row gap'>
            <Text className='grow'>这个时段的名额</Text>
            <Input className='input input-num' type='number' value={capacity} maxlength={3} onInput={(e) => setCapacity(e.detail.value)} aria-label='名额' />
            <Text>个</Text>
          </View>
          <View className='t-small'>不能少于已占的 {slot.held} 个；增加名额会自动为候补的居民递补。</View>
          <FieldProblem text={saving.problem} />
          <View className='row gap' style='margin-top: 8px'>
            <Button className='btn grow' onClick={() => (setEditing(false), saving.clear(), setCapacity(String(slot.capacity)))}>
              取消
            </Button>
            <BusyButton className='btn grow' busy={saving.busy} busyText='正在保存…' onClick={saveCapacity}>
              保存名额
            </BusyButton>
          </View>
        </View>
      ) : (
        <Button className='btn btn-block' onClick={() => (setCapacity(String(slot.capacity)), setEditing(true))}>
          调整名额
        </Button>
      )}

      {slot.bookings.length === 0 ? (
        <View className='t-small section-title'>这个时段还没有人预约</View>
      ) : (
        slot.bookings.map((b) => (
          <View key={b.id} className='row gap section-title' data-testid='session-booking'>
            <View className='grow'>
              <View className='t-title'>{b.name}</View>
              <Text className='t-small tap-text' onClick={() => Taro.makePhoneCall({ phoneNumber: b.phone })}>
                电话 {b.phone}
              </Text>
              <View>
                <BookingStatusTag booking={b} />
              </View>
            </View>
            {b.status === 'confirmed' && canCheckIn && (
              <Button className='btn' disabled={busy} onClick={() => onCheckIn(b.id)}>
                签到
              </Button>
            )}
          </View>
        ))
      )}
    </View>
  );
}
