import Taro, { useRouter } from '@tarojs/taro';
import { SERVICE_CLASS_LABELS } from '../../../contract';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { OpenTheAppNote } from '../../components/OpenTheAppNote';
import { Screen } from '../../components/Screen';
import { TeamDetailView } from '../../components/TeamDetailView';
import { TitleRow } from '../../components/TitleRow';
import { useQuery } from '../../hooks/useQuery';
import { useShare } from '../../hooks/useShare';
import { inSinglePageMode } from '../../platform/singlePage';
import { shareTeam } from '../../share';

/**
 * A team: what it offers, who leads it, when and where it serves next; tap a day to book it. Opened from
 * 朋友圈 (single-page mode, which opens no other page) it shows the days and where to go to book.
 */
export default function TeamPage() {
  const { params } = useRouter();
  const visitor = inSinglePageMode();
  const teamId = params.id ?? '';
  const team = useQuery(() => api.service.getTeam({ teamId }), [teamId]);
  useShare(team.data && shareTeam(team.data));
  return (
    <Screen>
      <QueryView query={team}>
        {team.data && (
          <>
            <TitleRow tag={SERVICE_CLASS_LABELS[team.data.serviceClass]} title={team.data.name} large />
            <TeamDetailView
              team={team.data}
              onOpenDay={visitor ? undefined : (o) => Taro.navigateTo({ url: `/pages/service/day?teamId=${teamId}&date=${o.date}` })}
            />
            {visitor && team.data.upcoming.length > 0 && <OpenTheAppNote toDo='要预约服务' />}
          </>
        )}
      </QueryView>
    </Screen>
  );
}
