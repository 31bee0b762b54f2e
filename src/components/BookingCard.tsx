import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Booking } from '../../contract';
import { bookingStatusDetail } from '../bookingText';
import { formatDate, formatSlot } from '../format';
import { BookingStatusTag } from './BookingStatusTag';

/** One of my bookings in a list: team, when, where, and its state in words; tap for the details. */
export function BookingCard({ booking }: { booking: Booking }) {
  return (
    <View className='card' data-testid='booking-card' onClick={() => Taro.navigateTo({ url: `/pages/me/booking?id=${booking.id}` })}>
      <View className='row'>
        <View className='t-title grow'>{booking.teamName}</View>
        <View className='t-small'>详情 ›</View>
      </View>
      <View>
        <Text className='nowrap'>{formatDate(booking.date)}</Text> <Text className='nowrap'>{formatSlot(booking)}</Text>
      </View>
      <View className='t-small'>地点：{booking.address}</View>
      <View className='row wrap' style='margin-top: 8px'>
        <BookingStatusTag booking={booking} />
      </View>
      <View className='t-small'>{bookingStatusDetail(booking)}</View>
    </View>
  );
}
