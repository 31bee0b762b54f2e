import { Text } from '@tarojs/components';
import { Booking } from '../../contract';
import { BOOKING_STATUS_TONES, bookingStatusText } from '../bookingText';

/** A booking's state as a bordered tag: symbol and words. */
export function BookingStatusTag({ booking }: { booking: Pick<Booking, 'status' | 'waitlistPosition'> }) {
  return (
    <Text className={`tag ${BOOKING_STATUS_TONES[booking.status]}`} data-testid='booking-status'>
      {bookingStatusText(booking)}
    </Text>
  );
}
