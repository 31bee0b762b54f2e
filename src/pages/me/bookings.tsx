import { api } from '../../api/client';
import { BookingCard } from '../../components/BookingCard';
import { OwnTimeline } from '../../components/OwnTimeline';
import { Screen } from '../../components/Screen';

/** 我的预约: coming bookings soonest first, or past ones latest first, each with its state in words. */
export default function MyBookingsPage() {
  return (
    <Screen>
      <OwnTimeline
        load={(scope, cursor) => api.booking.mine({ scope, cursor, pageSize: 20 })}
        render={(b) => <BookingCard booking={b} />}
        loadingText='正在读取您的预约…'
        emptyUpcoming='还没有要去的预约。到“服务”里找一个服务队，选一天预约吧'
        emptyPast='还没有过去的预约'
        findMore={{ label: '去找服务', tab: '/pages/service/index' }}
      />
    </Screen>
  );
}
