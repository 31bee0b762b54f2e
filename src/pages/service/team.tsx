import Taro, { useRouter } from '@tarojs/taro';
import { SERVICE_CLASS_LABELS } from '../../../contract';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { TeamDetailView } from '../../components/TeamDetailView';
import { TitleRow } from '../../components/TitleRow';
import { useQuery } from '../../hooks/useQuery';
import { useShare } from '../../hooks/useShare';
import { shareTeam } from '../../share';

/** A team: what it offers, who leads it, when and where it serves next; tap a day to book it. */
export default function TeamPage() {
  const { params } = useRouter();
  const teamId = params.id ?? '';
  const team = useQuery(() => api.service.getTeam({ teamId }), [teamId]);
  useShare(team.data && shareTeam(team.data));
  return (
    <Screen>
      <QueryView query={team}>
        {team.data && (
          <>
            <TitleRow tag={SERVICE_CLASS_LABELS[team.data.serviceClass]} title={team.data.name} large />
            <TeamDetailView team={team.data} onOpenDay={(o) => Taro.navigateTo({ url: `/pages/service/day?teamId=${teamId}&date=${o.date}` })} />
          </>
        )}
      </QueryView>
    </Screen>
  );
}
