import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { TeamCard } from '../../components/TeamCard';
import { useQuery } from '../../hooks/useQuery';
import { EventLines } from './EventLines';
import { chosenCommunityStore, currentOf } from '../../stores/scope';
import { ScopeChooser } from '../../components/ScopeChooser';

/** How many of the community's events the home shows: the full list is one tap away. */
const HOME_EVENTS = 5;

/** 社区工作台: the staff member's community, its service teams and its events (drafts too, those not yet ended first). */
export default function StaffWorkbench() {
  const chosen = chosenCommunityStore.use();
  const overview = useQuery(async () => {
    const me = await api.account.whoami({});
    const communityId = currentOf(me.roles.staffOf, chosen);
    if (!communityId) return null;
    const [communities, teams, events] = await Promise.all([
      api.directory.listCommunities({}),
      api.service.listTeams({ communityId, pageSize: 50 }),
      // Drafts too: the home is where staff come back to one they have not published yet.
      api.events.communityEvents({ communityId, pageSize: HOME_EVENTS }),
    ]);
    return { community: communities.find((c) => c.id === communityId), teams: teams.items, events: events.items, held: me.user?.held ?? [] };
  }, [chosen]);
  // How many wait for approval: the first page's length ("50+" beyond it).
  const pending = useQuery(async () => {
    const page = await api.booking.approvalQueue({ pageSize: 50 });
    return page.nextCursor ? '50+' : page.items.length || 0;
  }, []);
  // Back from approving, publishing or editing: what the home shows may have changed.
  useDidShow(() => {
    if (pending.status !== 'loading') pending.refresh();
    if (overview.status === 'ready') overview.refresh();
  });
  const data = overview.data;
  const openEvents = () => Taro.navigateTo({ url: '/packages/staff/events' });
  return (
    <Screen>
      <QueryView query={overview} empty={data === null} emptyText='您还不是社区工作者。需要时请联系区管理员开通。'>
        {data && (
          <>
            {data.community && <ScopeChooser held={data.held} role='staff' value={data.community.id} onChange={chosenCommunityStore.set} />}
            <Text className='t-h1'>{data.community?.name ?? '我的社区'}</Text>
            {data.community && <View className='t-small'>{data.community.households} 户居民</View>}
            <View
              className='card row section-title'
              role='button'
              data-testid='approvals-entry'
              onClick={() => Taro.navigateTo({ url: '/packages/staff/approvals' })}
            >
              <Text className='t-title grow'>待审核预约</Text>
              {pending.data !== undefined && (
                <Text className={`tag ${pending.data ? 'tag-accent' : ''}`}>{pending.data ? `${pending.data} 个待审核` : '没有待审核'}</Text>
              )}
              <Text className='t-small'>›</Text>
            </View>
            <View className='card row section-title' role='button' data-testid='events-entry' onClick={openEvents}>
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
            <View className='card row' role='button' data-testid='compounds-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/compounds' })}>
              <Text className='t-title grow'>本社区小区</Text>
              <Text className='t-small'>新建、编辑、停用 ›</Text>
            </View>
            <View className='card row' role='button' data-testid='teams-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/teams' })}>
              <Text className='t-title grow'>本社区服务队管理</Text>
              <Text className='t-small'>新建、编辑、队长名单 ›</Text>
            </View>
            <View className='card row' role='button' data-testid='invitations-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/invitations' })}>
              <Text className='t-title grow'>邀请队长</Text>
              <Text className='t-small'>邀请码和二维码 ›</Text>
            </View>
            <View className='card row' role='button' data-testid='people-entry' onClick={() => Taro.navigateTo({ url: '/packages/admin/people' })}>
              <Text className='t-title grow'>人员与角色</Text>
              <Text className='t-small'>查找居民、撤销队长 ›</Text>
            </View>
            <View className='t-title section-title'>本社区服务队（{data.teams.length}）</View>
            {data.teams.length ? data.teams.map((t) => <TeamCard key={t.id} team={t} />) : <View className='card t-small'>本社区还没有服务队</View>}
            <View className='t-title section-title'>本社区活动</View>
            {data.events.length ? (
              data.events.map((e) => (
                <View
                  key={e.id}
                  className='card'
                  role='button'
                  data-testid='home-event'
                  onClick={() => Taro.navigateTo({ url: e.status === 'draft' ? `/packages/staff/event-edit?id=${e.id}` : `/packages/staff/roster?id=${e.id}` })}
                >
                  <EventLines event={e} state={e.state} />
                  <View className='t-small'>{e.status === 'draft' ? '编辑、发布 ›' : '名单与签到 ›'}</View>
                </View>
              ))
            ) : (
              <View className='card t-small'>本社区还没有活动，可以在“社区活动”里新建</View>
            )}
            <Button className='btn btn-block' data-testid='all-events' onClick={openEvents}>
              查看全部活动 ›
            </Button>
          </>
        )}
      </QueryView>
    </Screen>
  );
}
