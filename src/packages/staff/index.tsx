import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { api } from '../../api/client';
import { EventCard } from '../../components/EventCard';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { TeamCard } from '../../components/TeamCard';
import { useQuery } from '../../hooks/useQuery';

/** 社区工作台: the staff member's community, its service teams and its coming events. */
export default function StaffWorkbench() {
  const overview = useQuery(async () => {
    const me = await api.account.whoami({});
    const communityId = me.role === 'staff' ? me.user?.staffCommunityId : null;
    if (!communityId) return null;
    const [communities, teams, events] = await Promise.all([
      api.directory.listCommunities({}),
      api.service.listTeams({ communityId, pageSize: 50 }),
      api.events.listUpcoming({ communityId, pageSize: 20 }),
    ]);
    return { community: communities.find((c) => c.id === communityId), teams: teams.items, events: events.items };
  }, []);
  // How many wait for approval: the first page's length ("50+" beyond it).
  const pending = useQuery(async () => {
    const page = await api.booking.approvalQueue({ pageSize: 50 });
    return page.nextCursor ? '50+' : page.items.length || 0;
  }, []);
  useDidShow(() => pending.status !== 'loading' && pending.refresh());
  const data = overview.data;
  return (
    <Screen>
      <QueryView status={overview.status} error={overview.error} onRetry={overview.reload} empty={data === null} emptyText='您还不是社区工作者。需要时请联系区管理员开通。'>
        {data && (
          <>
            <Text className='t-h1'>{data.community?.name ?? '我的社区'}</Text>
            {data.community && <View className='t-small'>{data.community.households} 户居民</View>}
            <View className='card row section-title' role='button' data-testid='approvals-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/approvals' })}>
              <Text className='t-title grow'>待审核预约</Text>
              {pending.data !== undefined && <Text className={`tag ${pending.data ? 'tag-accent' : ''}`}>{pending.data ? `${pending.data} 个待审核` : '没有待审核'}</Text>}
              <Text className='t-small'>›</Text>
            </View>
            <View className='card row section-title' role='button' data-testid='events-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/events' })}>
              <Text className='t-title grow'>社区活动</Text>
              <Text className='t-small'>新建、发布、名单与签到 ›</Text>
            </View>
            <View className='card row' role='button' data-testid='stations-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/stations' })}>
              <Text className='t-title grow'>服务站管理</Text>
              <Text className='t-small'>新建、编辑、停用 ›</Text>
            </View>
            <View className='card row' role='button' data-testid='coverage-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/coverage' })}>
              <Text className='t-title grow'>15分钟服务圈覆盖</Text>
              <Text className='t-small'>哪些小区还走不到 ›</Text>
            </View>
            <View className='t-title section-title'>本社区服务队（{data.teams.length}）</View>
            {data.teams.length ? data.teams.map((t) => <TeamCard key={t.id} team={t} />) : <View className='card t-small'>本社区还没有服务队</View>}
            <View className='t-title section-title'>近期活动（{data.events.length}）</View>
            {data.events.length ? data.events.map((e) => <EventCard key={e.id} event={e} />) : <View className='card t-small'>近期没有活动</View>}
          </>
        )}
      </QueryView>
    </Screen>
  );
}
