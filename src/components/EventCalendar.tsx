import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { EventScope, EventSummary, EventType } from '../../contract';
import { addMonths, chinaMonth, monthGrid, monthLabel } from '../../rules/calendar';
import { chinaDate } from '../../rules/china-time';
import { api } from '../api/client';
import { formatDate } from '../format';
import { useNow } from '../hooks/useNow';
import { useQuery } from '../hooks/useQuery';
import { useDisplay } from '../stores/display';
import { EventCard } from './EventCard';
import { QueryView } from './QueryView';

const WEEKDAY_HEADERS = ['一', '二', '三', '四', '五', '六', '日'];
/** Events are planned up to a year ahead; months before this one have nothing coming. */
const MONTHS_AHEAD = 12;

/**
 * The 活动 tab's month calendar (China time, Monday first): each day with events shows how many in
 * words ("2场"); tapping a day lists its events, the resident's own community's first.
 */
export function EventCalendar({ scope, type, homeCommunityId }: { scope: EventScope; type: EventType | undefined; homeCommunityId?: string }) {
  const now = useNow();
  const { elder } = useDisplay();
  const thisMonth = chinaMonth(now);
  const today = chinaDate(now);
  const [month, setMonth] = useState(thisMonth);
  const [chosen, setChosen] = useState<string | null>(null);
  const query = useQuery(() => api.events.listMonth({ month, scope, type, homeCommunityId }), [month, scope, type, homeCommunityId]);

  const byDay = new Map<string, EventSummary[]>();
  for (const event of query.data?.events ?? []) {
    const day = chinaDate(new Date(event.startAt));
    byDay.set(day, [...(byDay.get(day) ?? []), event]);
  }
  const home = query.data?.homeCommunityId ?? null;
  // The chosen day, or the first day with events from today on.
  const day = chosen && chosen.startsWith(month) ? chosen : (Array.from(byDay.keys()).find((d) => d >= today) ?? null);
  const dayEvents = [...(day ? (byDay.get(day) ?? []) : [])].sort((a, b) => Number(b.communityId === home) - Number(a.communityId === home));
  const go = (months: number) => {
    setMonth(addMonths(month, months));
    setChosen(null);
  };

  return (
    <View data-testid='event-calendar'>
      <View className='row gap cal-nav'>
        <Button className='btn' disabled={month <= thisMonth} onClick={() => go(-1)} aria-label='上个月'>
          ‹ 上月
        </Button>
        <Text className='t-title grow cal-title'>{monthLabel(month)}</Text>
        <Button className='btn' disabled={month >= addMonths(thisMonth, MONTHS_AHEAD)} onClick={() => go(1)} aria-label='下个月'>
          下月 ›
        </Button>
      </View>
      <QueryView query={query} loadingText='正在加载这个月的活动…'>
        <View className='cal' role='grid' aria-label={`${monthLabel(month)}活动日历`}>
          <View className='cal-week' role='row'>
            {WEEKDAY_HEADERS.map((w) => (
              <View key={w} className='cal-head t-small' role='columnheader'>
                {w}
              </View>
            ))}
          </View>
          {monthGrid(month).map((week) => (
            <View key={week[0].date} className='cal-week' role='row'>
              {week.map((d, weekday) => {
                const count = d.inMonth ? (byDay.get(d.date)?.length ?? 0) : 0;
                const on = d.date === day;
                const label = `${formatDate(d.date)}${d.date === today ? '（今天）' : ''}，${count ? `${count}场活动` : '没有活动'}`;
                return (
                  <View
                    key={d.date}
                    role='gridcell'
                    aria-label={label}
                    aria-selected={on ? 'true' : 'false'}
                    data-testid={d.inMonth ? `cal-day-${d.date}` : undefined}
                    className={`cal-day ${d.inMonth ? '' : 'cal-out'} ${count ? 'cal-has' : ''} ${on ? 'cal-on' : ''}`}
                    onClick={d.inMonth && count ? () => setChosen(d.date) : undefined}
                  >
                    {elder && <Text className='cal-weekday'>{d.inMonth ? `周${WEEKDAY_HEADERS[weekday]}` : ''}</Text>}
                    <Text className='cal-num'>{d.inMonth ? d.day : ''}</Text>
                    <Text className='cal-count'>{count ? `${count}场` : d.date === today ? '今天' : ''}</Text>
                  </View>
                );
              })}
            </View>
          ))}
        </View>
        <View className='section-title t-title'>{day ? `${formatDate(day)} 的活动（${dayEvents.length} 场）` : `${monthLabel(month)}没有可以报名的活动`}</View>
        {!day && <View className='t-small'>可以点“下月”看看，或换成“全区”</View>}
        {dayEvents.map((event) => (
          <EventCard key={event.id} event={event} home={event.communityId === home} />
        ))}
      </QueryView>
    </View>
  );
}
