import { api, ApiError } from '../../api/client';

export const NOT_A_LEADER = '您还不是服务队队长。需要时请联系区管理员开通。';

/** The team the caller leads; FORBIDDEN (with a plain message) when they lead none. */
export async function myTeamId(): Promise<string> {
  const me = await api.account.whoami({});
  const teamId = me.roles.leaderOf[0];
  if (!teamId) throw new ApiError('FORBIDDEN', NOT_A_LEADER);
  return teamId;
}
