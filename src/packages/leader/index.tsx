import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Occurrence, TeamDetail } from '../../../contract';
import { addDays, chinaClock } from '../../../rules/china-time';
import { occurrences } from '../../../rules/recurrence';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { TeamDetailView } from '../../components/TeamDetailView';
import { formatOccurrence } from '../../format';
import { useNow } from '../../hooks/useNow';
import { useQuery } from '../../hooks/useQuery';
import { DayChange, DayChangeForm } from './DayChangeForm';
import { todayInChina } from './scheduleDraft';
import { chosenTeamStore, currentOf } from '../../stores/scope';
import { ScopeChooser } from '../../components/ScopeChooser';

const sessionUrl = (teamId: string, date: string) => `/packages/leader/session?teamId=${teamId}&date=${date}`;

/**
 * 队长工作台: the leader's team, its fixed service day (edit it), the coming days (their lists,
 * cancel or move one) and the days just served (their lists, to mark no-shows).
 */
export default function LeaderWorkbench() {
  const chosen = chosenTeamStore.use();
  const me = useQuery(() => api.account.whoami({}), []);
  const team = useQuery(async () => {
    const teamId = currentOf((await api.account.whoami({})).roles.leaderOf, chosen);
    return teamId ? api.service.getTeam({ teamId }) : null;
  }, [chosen]);
  const [changing, setChanging] = useState<{ date: string; kind: DayChange } | null>(null);
  // Back from the schedule editor or a session: what changed there.
  useDidShow(() => team.status === 'ready' && team.refresh());
  const t = team.data;

  const dayActions = (o: Occurrence) =>
    t &&
    (changing?.date === o.date ? (
      <DayChangeForm teamId={t.id} occurrence={o} kind={changing.kind} onDone={(changed) => (setChanging(null), changed && team.refresh())} />
    ) : (
      <View className='row wrap gap' style='margin-top: 12px'>
        <Button className='btn' onClick={() => Taro.navigateTo({ url: sessionUrl(t.id, o.date) })}>
          查看名单
        </Button>
        <Button className='btn' onClick={() => setChanging({ date: o.date, kind: 'cancel' })}>
          取消这天
        </Button>
        <Button className='btn' onClick={() => setChanging({ date: o.date, kind: 'move' })}>
          改期
        </Button>
      </View>
    ));

  return (
    <Screen>
      <QueryView query={team} empty={t === null} emptyText='您还不是服务队队长。需要时请联系区管理员开通。'>
        {t && (
          <>
            {me.data?.user && <ScopeChooser held={me.data.user.held} role='leader' value={t.id} onChange={chosenTeamStore.set} />}
            <View className='t-small'>我带领的服务队</View>
            <Text className='t-h1'>{t.name}</Text>
            <View className='card row' role='button' data-testid='profile-entry' onClick={() => Taro.navigateTo({ url: '/packages/leader/profile' })}>
              <Text className='t-title grow'>服务队介绍和联系电话</Text>
              <Text className='t-small'>修改 ›</Text>
            </View>
            <TeamDetailView team={t} dayActions={dayActions} />
            <RecentDays team={t} />
            <Button className='btn btn-primary btn-block' onClick={() => Taro.navigateTo({ url: '/packages/leader/schedule' })}>
              {t.schedule ? '编辑固定服务日' : '发布固定服务日'}
            </Button>
          </>
        )}
      </QueryView>
    </Screen>
  );
}

/** The last few days served (by the schedule), for their lists: late check-ins and no-shows. */
function RecentDays({ team }: { team: TeamDetail }) {
  const now = useNow();
  if (!team.schedule) return null;
  const today = todayInChina(now);
  const clock = chinaClock(now);
  const past = occurrences(team.schedule, addDays(today, -28), today)
    .filter((o) => o.date < today || o.endTime <= clock)
    .slice(-3)
    .reverse();
  if (!past.length) return null;
  return (
    <>
      <View className='t-title section-title'>最近服务过的日子</View>
      {past.map((o) => (
        <View key={o.date} className='card row' data-testid='past-day' onClick={() => Taro.navigateTo({ url: sessionUrl(team.id, o.date) })}>
          <Text className='grow'>{formatOccurrence(o)}</Text>
          <Text className='tag'>名单 ›</Text>
        </View>
      ))}
    </>
  );
}
