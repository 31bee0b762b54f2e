import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { DayView, Slot } from '../../../contract';
import { maskPhone } from '../../../rules/privacy';
import { api } from '../../api/client';
import { BookingStatusTag } from '../../components/BookingStatusTag';
import { QueryView } from '../../components/QueryView';
import { OpenTheAppNote } from '../../components/OpenTheAppNote';
import { Screen } from '../../components/Screen';
import { TitleRow } from '../../components/TitleRow';
import { Toggle } from '../../components/Toggle';
import { formatChinaMonthDayClock, formatDate, formatOccurrence, formatSlot } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useQuery } from '../../hooks/useQuery';
import { useShare } from '../../hooks/useShare';
import { useSignedInCaller } from '../../hooks/useSignedInCaller';
import { inSinglePageMode } from '../../platform/singlePage';
import { shareDay } from '../../share';
import { askForReminder } from '../../subscribe';
import { Icon } from '../../components/Icon';

/**
 * One service day of a team: its slots with the places left, and booking one. Tap a slot, check the
 * name and phone the booking will carry, tap 确认预约: done. A full slot offers the waitlist instead.
 * Opened from 朋友圈 (single-page mode, no login) it shows the slots and where to go to book.
 */
export default function DayPage() {
  const { params } = useRouter();
  const teamId = params.teamId ?? '';
  const date = params.date ?? '';
  const day = useQuery(() => api.booking.day({ teamId, date }), [teamId, date]);
  const visitor = inSinglePageMode();
  const me = useSignedInCaller();
  const [chosen, setChosen] = useState<string | null>(null);
  const [subscribe, setSubscribe] = useState(true);
  const [offerWaitlist, setOfferWaitlist] = useState(false);
  const booking = useAction();
  useShare(day.data && shareDay(day.data));

  // Back from the profile page, or from a booking: fresh places and profile, without a loading flash.
  useDidShow(() => {
    if (day.status === 'ready') day.refresh();
    if (me.status !== 'loading') me.refresh();
  });

  const d = day.data;
  const bookable = d?.state === 'open' && !visitor;
  const slot = bookable ? d.slots.find((s) => s.startTime === chosen && !s.mine && s.bookable) : undefined;
  const user = me.data?.user;
  const waitlist = Boolean(slot && (slot.placesLeft === 0 || offerWaitlist));

  const choose = (s: Slot) => {
    if (s.mine) {
      Taro.navigateTo({ url: `/pages/me/booking?id=${s.mine.bookingId}` });
      return;
    }
    if (!bookable) return;
    setChosen(s.startTime);
    booking.clear();
    setOfferWaitlist(false);
  };

  const book = async () => {
    if (!slot || booking.busy) return;
    // WeChat only asks for a subscription inside the tap itself: before anything is awaited.
    const reminder = subscribe ? askForReminder() : Promise.resolve(false);
    await booking.run(
      async () => {
        // Refusing WeChat's prompt never stops the booking; it only means no WeChat message can be sent
        // (the in-app 消息 are kept either way).
        const allowed = await reminder;
        const made = await api.booking.book({ teamId, date, startTime: slot.startTime, joinWaitlist: waitlist, subscribe: subscribe && allowed });
        Taro.redirectTo({ url: `/pages/me/booking?id=${made.id}&new=1` });
      },
      (refusal) => {
        if (refusal.code === 'FULL') setOfferWaitlist(true);
        if (refusal.code === 'FULL' || refusal.code === 'CLOSED' || refusal.code === 'CONFLICT') day.refresh();
      },
    );
  };

  return (
    <Screen>
      <QueryView query={day} loadingText='正在查看这一天的名额…'>
        {d && (
          <>
            <TitleRow tag='服务日' title={d.teamName} large />
            <View className='card'>
              <View className='t-title'>{formatOccurrence(d.occurrence)}</View>
              <View>地点：{d.address}</View>
              <DayState day={d} />
              {d.needsApproval && (
                <View className='t-small'>
                  <Icon name='info' />
                  这个服务队的预约需要社区审核，审核通过后才算预约成功
                </View>
              )}
            </View>

            <View className='t-title section-title'>{bookable ? '选择时段' : '时段'}</View>
            {d.slots.length === 0 && <View className='card t-small'>这一天没有可预约的时段</View>}
            {d.slots.map((s) => (
              <SlotCard key={s.startTime} slot={s} chosen={slot?.startTime === s.startTime} bookable={bookable && s.bookable} onChoose={() => choose(s)} />
            ))}

            {visitor && (d.state === 'open' || d.state === 'notYetOpen') && <OpenTheAppNote toDo='要预约这一天的服务' />}

            {slot && (
              <>
                <View className='t-title section-title'>{waitlist ? '核对候补信息' : '核对预约信息'}</View>
                <View className='card' data-testid='confirm'>
                  <View>
                    时间：{formatDate(d.occurrence.date)} {formatSlot(slot)}
                  </View>
                  <View>地点：{d.address}</View>
                  {user ? (
                    <>
                      <View>姓名：{user.name}</View>
                      <View>手机：{maskPhone(user.phone)}</View>
                    </>
                  ) : (
                    me.status === 'ready' && <View className='t-small'>预约要用到您的姓名和手机号，请先填写个人信息，填好后回到这里继续。</View>
                  )}
                  <Toggle checked={subscribe} onChange={setSubscribe} testId='remind-me'>
                    服务前一天微信提醒我
                  </Toggle>
                  {waitlist && <View className='t-small'>这个时段已约满。排队候补后，有人取消会按先后顺序为您递补，并通知您。</View>}
                </View>
              </>
            )}

            {booking.problem && (
              <View className='card alert' role='alert'>
                <Icon name='warning' />
                {booking.problem}
              </View>
            )}

            {slot &&
              (me.status === 'ready' && !user ? (
                <Button className='btn btn-primary btn-block' onClick={() => Taro.navigateTo({ url: '/pages/me/profile' })}>
                  填写个人信息
                </Button>
              ) : (
                <BusyButton className='btn btn-primary btn-block' busy={booking.busy} busyText='正在提交…' disabled={me.status === 'loading'} onClick={book}>
                  {waitlist ? '排队候补' : '确认预约'}
                </BusyButton>
              ))}
          </>
        )}
      </QueryView>
    </Screen>
  );
}

/** Whether the day takes bookings, in words and a symbol. */
function DayState({ day }: { day: DayView }) {
  switch (day.state) {
    case 'open':
      return (
        <View className='row wrap' style='margin-top: 8px'>
          <Text className='tag tag-ok'>✓ 可以预约</Text>
        </View>
      );
    case 'notYetOpen':
      return (
        <View style='margin-top: 8px'>
          <Text className='tag tag-warn'>◷ 未开放</Text>
          <View className='t-title'>{formatChinaMonthDayClock(day.opensAt)} 开放预约</View>
        </View>
      );
    case 'closed':
      return (
        <View style='margin-top: 8px'>
          <Text className='tag'>⊘ 已截止</Text>
          <View>这一天的预约已经截止</View>
        </View>
      );
    case 'cancelled':
      return (
        <View style='margin-top: 8px' role='alert'>
          <Text className='tag tag-warn'>✕ 已取消</Text>
          <View>{day.notice ?? '这一天的服务已取消'}</View>
        </View>
      );
  }
}

function SlotCard({ slot, chosen, bookable, onChoose }: { slot: Slot; chosen: boolean; bookable: boolean; onChoose: () => void }) {
  const full = slot.placesLeft === 0;
  return (
    <View
      className={`card pick ${chosen ? 'pick-on' : ''} ${bookable || slot.mine ? '' : 'pick-off'}`}
      role='radio'
      aria-checked={chosen}
      data-testid='slot'
      onClick={onChoose}
    >
      <View className='row'>
        <Text className='t-title grow'>
          {chosen ? '✓ ' : ''}
          {formatSlot(slot)}
        </Text>
        {slot.bookable || slot.mine ? (
          <Text className={`tag ${full ? 'tag-warn' : 'tag-ok'}`}>{full ? '已约满' : `剩余 ${slot.placesLeft} 个名额`}</Text>
        ) : (
          <Text className='tag'>⊘ 已截止</Text>
        )}
      </View>
      {full && slot.waitlisted > 0 && <View className='t-small'>{slot.waitlisted} 人在候补</View>}
      {full && bookable && !slot.mine && slot.waitlisted === 0 && <View className='t-small'>可以排队候补</View>}
      {slot.mine && (
        <View className='row wrap' style='margin-top: 8px'>
          <BookingStatusTag booking={{ status: slot.mine.status, waitlistPosition: slot.mine.waitlistPosition }} />
          <Text className='t-small'>您已预约这个时段，点击查看</Text>
        </View>
      )}
    </View>
  );
}
