import { Text, View } from '@tarojs/components';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { TeamDetailView } from '../../components/TeamDetailView';
import { useQuery } from '../../hooks/useQuery';

/** 队长工作台: the leader's team, its fixed service day and the coming sessions. */
export default function LeaderWorkbench() {
  const team = useQuery(async () => {
    const me = await api.account.whoami({});
    const teamId = me.role === 'leader' ? me.user?.leaderTeamId : null;
    return teamId ? api.service.getTeam({ teamId }) : null;
  }, []);
  return (
    <Screen>
      <QueryView status={team.status} error={team.error} onRetry={team.reload} empty={team.data === null} emptyText='您还不是服务队队长。需要时请联系区管理员开通。'>
        {team.data && (
          <>
            <View className='t-small'>我带领的服务队</View>
            <Text className='t-h1'>{team.data.name}</Text>
            <TeamDetailView team={team.data} />
          </>
        )}
      </QueryView>
    </Screen>
  );
}
