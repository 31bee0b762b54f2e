import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { api } from '../../api/client';
import { useQuery } from '../../hooks/useQuery';
import { ScheduleEditor } from './ScheduleEditor';
import { myTeamId } from './team';

/** 编辑固定服务日: every field of the team's schedule, a live preview of the next six days, and save. */
export default function ScheduleEditorPage() {
  const team = useQuery(async () => api.service.getTeam({ teamId: await myTeamId() }), []);
  return (
    <Screen>
      <QueryView query={team}>{team.data && <ScheduleEditor team={team.data} />}</QueryView>
    </Screen>
  );
}
