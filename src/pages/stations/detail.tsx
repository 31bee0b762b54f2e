import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { SERVICE_CLASS_LABELS, STATION_LEVEL_LABELS, StationDetail } from '../../../contract';
import { chinaDate } from '../../../rules/china-time';
import { describeHoursOnDate } from '../../../rules/opening-hours';
import { api } from '../../api/client';
import { EventCard } from '../../components/EventCard';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { PlaceActions } from '../../components/PlaceActions';
import { TitleRow } from '../../components/TitleRow';
import { chinaWeekdayNow, describeHoursOn, describeOpenState, formatDate, weekdayName } from '../../format';
import { useNow } from '../../hooks/useNow';
import { useQuery } from '../../hooks/useQuery';

const WEEK = [1, 2, 3, 4, 5, 6, 7];

/** One station: where, when open (this week and special days), what it offers, the teams serving there and its events. */
export default function StationDetailPage() {
  const { params } = useRouter();
  const stationId = params.id ?? '';
  const detail = useQuery(() => api.stations.get({ stationId }), [stationId]);
  // Open-now words change with the clock: read it each minute.
  const now = useNow(60_000);
  return (
    <Screen>
      <QueryView query={detail} loadingText='正在加载服务站…'>
        {detail.data && <StationView detail={detail.data} now={now} />}
      </QueryView>
    </Screen>
  );
}

function StationView({ detail: { station, openState, teams, events }, now }: { detail: StationDetail; now: Date }) {
  const today = chinaWeekdayNow(now);
  const todayDate = chinaDate(now);
  const specialDays = station.exceptions.filter((e) => e.date >= todayDate).sort((a, b) => a.date.localeCompare(b.date));
  return (
    <>
      <View className='card'>
        <TitleRow tag={STATION_LEVEL_LABELS[station.level]} title={station.name} large />
        <View className='t-title'>{describeOpenState(openState, now)}</View>
        <View>地址：{station.address}</View>
        {station.phone && <View>电话：{station.phone}</View>}
        <PlaceActions place={station} />
      </View>

      <View className='card' data-testid='station-hours'>
        <View className='t-title'>开放时间</View>
        {WEEK.map((day) => (
          <View key={day} className={`row ${day === today ? 't-strong' : ''}`}>
            <Text className='grow'>
              {weekdayName(day)}
              {day === today ? '（今天）' : ''}
            </Text>
            <Text>{describeHoursOn(station.openingHours, day)}</Text>
          </View>
        ))}
        {specialDays.length > 0 && (
          <>
            <View className='t-title section-title'>特别安排</View>
            {specialDays.map((d) => (
              <View key={d.date} className='row'>
                <Text className='grow nowrap'>{formatDate(d.date)}</Text>
                <Text>{describeHoursOnDate(station.openingHours, station.exceptions, d.date)}</Text>
              </View>
            ))}
          </>
        )}
      </View>

      <View className='card'>
        <View className='t-title'>服务项目</View>
        <View>{station.services.length ? station.services.join('、') : '暂未登记服务项目，可以打电话问问'}</View>
      </View>

      <View className='t-title section-title'>在这里服务的服务队</View>
      {teams.length === 0 && <View className='state t-small'>暂时没有服务队在这里固定服务</View>}
      {teams.map((team) => (
        <View
          key={team.id}
          className='card'
          role='button'
          data-testid='station-team'
          onClick={() => Taro.navigateTo({ url: `/pages/service/team?id=${team.id}` })}
        >
          <TitleRow tag={SERVICE_CLASS_LABELS[team.serviceClass]} title={team.name} />
          <View className='t-small'>
            {team.nextDates.length ? (
              <>
                下次服务：
                {team.nextDates.slice(0, 3).map((date, i) => (
                  <Text key={date} className='nowrap'>
                    {i > 0 && '、'}
                    {formatDate(date)}
                  </Text>
                ))}
              </>
            ) : (
              '近期暂无服务日'
            )}
          </View>
          <View className='t-small'>查看服务队、预约 ›</View>
        </View>
      ))}

      <View className='t-title section-title'>在这里举办的活动</View>
      {events.length === 0 && <View className='state t-small'>近期没有在这里举办的活动</View>}
      {events.map((event) => (
        <EventCard key={event.id} event={event} />
      ))}
    </>
  );
}
