import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { Booking, CANCELLER_LABELS } from '../../../contract';
import { maskPhone } from '../../../rules/privacy';
import { api } from '../../api/client';
import { bookingStatusDetail } from '../../bookingText';
import { BookingStatusTag } from '../../components/BookingStatusTag';
import { CheckInCode } from '../../components/CheckInCode';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { formatChinaDateTime, formatDate, formatSlot } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useQuery } from '../../hooks/useQuery';
import { confirmAction } from '../../confirm';
import { Icon } from '../../components/Icon';

/** What a new booking came to, in the words the resident is waiting for. */
const RESULT_HEADLINES: Partial<Record<Booking['status'], string>> = {
  confirmed: '✓ 预约成功',
  pending: '◷ 已提交，等待社区审核',
  waitlisted: '○ 已排队候补',
};

const ACTIVE = ['pending', 'confirmed', 'waitlisted'];

/** One booking: its state, when and where, the check-in QR code while confirmed, and cancelling it. */
export default function BookingPage() {
  const { params } = useRouter();
  const bookingId = params.id ?? '';
  const justBooked = params.new === '1';
  const query = useQuery(() => api.booking.get({ bookingId }), [bookingId]);
  const [changed, setChanged] = useState<Booking | null>(null);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');
  const cancelling = useAction();
  const b = changed ?? query.data;

  const cancel = async () => {
    if (!b || cancelling.busy) return;
    const confirmed = await confirmAction({
      title: '取消预约',
      content: `确定取消 ${formatDate(b.date)} ${formatSlot(b)} 的预约吗？取消后名额会让给其他居民。`,
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (!confirmed) return;
    await cancelling.run(async () => {
      setChanged(await api.booking.cancel({ bookingId: b.id, reason: reason.trim() }));
      setCancelOpen(false);
      Taro.showToast({ title: '已取消预约', icon: 'success' });
    });
  };

  const headline = justBooked && b && !changed ? RESULT_HEADLINES[b.status] : undefined;
  return (
    <Screen>
      <QueryView query={query} loadingText='正在读取预约…'>
        {b && (
          <>
            {headline && (
              <View className='card notice' role='status' data-testid='booking-result'>
                <View className='t-h1'>{headline}</View>
                {b.status === 'waitlisted' && b.waitlistPosition && <View className='t-title'>您排在候补第 {b.waitlistPosition} 位</View>}
              </View>
            )}

            <View className='card' data-testid='booking-detail'>
              <View className='t-title'>{b.teamName}</View>
              <View className='row wrap' style='margin-top: 8px'>
                <BookingStatusTag booking={b} />
              </View>
              <View>{bookingStatusDetail(b)}</View>
            </View>

            <View className='card'>
              <View>
                时间：<Text className='nowrap'>{formatDate(b.date)}</Text> <Text className='nowrap'>{formatSlot(b)}</Text>
              </View>
              <View>地点：{b.address}</View>
              <View>
                预约人：{b.name} {maskPhone(b.phone)}
              </View>
              <View className='t-small'>提交时间：{formatChinaDateTime(b.createdAt)}</View>
              {b.decision && (
                <View className='t-small'>
                  审核：{b.decision.by} {formatChinaDateTime(b.decision.at)} {b.decision.approved ? '通过' : '未通过'}
                </View>
              )}
              {b.cancellation && (
                <View className='t-small'>
                  取消：{formatChinaDateTime(b.cancellation.at)} 由{CANCELLER_LABELS[b.cancellation.by]}取消
                </View>
              )}
            </View>

            {b.status === 'confirmed' && b.checkInCode && (
              <View className='card'>
                <CheckInCode code={b.checkInCode} title={`${b.teamName} ${formatDate(b.date)} ${formatSlot(b)}`} hint='服务当天请打开这一页，给队长扫码签到' />
              </View>
            )}

            {cancelling.problem && (
              <View className='card alert' role='alert'>
                <Icon name='warning' />
                {cancelling.problem}
              </View>
            )}

            {b.canCancel && b.cancelBefore && <View className='t-small'>如有变化，可在 {formatChinaDateTime(b.cancelBefore)} 前取消</View>}
            {b.canCancel && !cancelOpen && (
              <Button className='btn btn-block' onClick={() => (setCancelOpen(true), cancelling.clear())}>
                取消预约
              </Button>
            )}
            {b.canCancel && cancelOpen && (
              <View className='card' data-testid='cancel-form'>
                <View className='t-title'>取消原因（可不填）</View>
                <Input
                  className='input'
                  value={reason}
                  maxlength={100}
                  placeholder='例如：临时有事'
                  onInput={(e) => setReason(e.detail.value)}
                  aria-label='取消原因'
                />
                <View className='row gap section-title'>
                  <Button className='btn grow' onClick={() => setCancelOpen(false)}>
                    不取消了
                  </Button>
                  <BusyButton className='btn btn-primary grow' busy={cancelling.busy} busyText='正在取消…' onClick={cancel}>
                    确认取消
                  </BusyButton>
                </View>
              </View>
            )}
            {!b.canCancel && ACTIVE.includes(b.status) && <View className='t-small'>已过网上取消的时间。如有变化，请联系服务队。</View>}

            {justBooked && (
              <Button className='btn btn-block' onClick={() => Taro.redirectTo({ url: '/pages/me/bookings' })}>
                查看我的全部预约
              </Button>
            )}
          </>
        )}
      </QueryView>
    </Screen>
  );
}
