import { api, ApiError } from '../../api/client';
import { currentTeam } from '../../stores/scope';

export const NOT_A_LEADER = '您还不是服务队队长。需要时请联系区管理员开通。';

/** The team the caller leads (the one chosen on the workbench, when they lead several); FORBIDDEN (with a plain message) when they lead none. */
export async function myTeamId(): Promise<string> {
  const me = await api.account.whoami({});
  const teamId = currentTeam(me.roles.leaderOf);
  if (!teamId) throw new ApiError('FORBIDDEN', NOT_A_LEADER);
  return teamId;
}
