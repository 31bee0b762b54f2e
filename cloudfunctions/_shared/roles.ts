import { RoleGrant, Roles } from '../../contract';
import { roleKindsOf, withoutRole, withRole } from '../../rules/permissions';
import { recordChange } from './audit';
import { leadersOfTeamDoc, rolesOfUserDoc, TeamLeader, UserDoc } from './docs';
import { AppError } from './errors';
import type { Tx } from './transaction';
import { LEADERS_MAX } from '../../rules/registry';

/**
 * Giving and taking back a role, inside the caller's transaction, so a person's roles, a team's list of
 * leaders and the record of the change are written together (3 writes at most). Used by role grants,
 * invitations and revocations alike.
 */

export const TEAM_NOT_FOUND = '没有找到这个服务队';
export const COMMUNITY_NOT_FOUND = '没有找到这个社区';

/** Who changes the role, by which action, when; `reason` goes to the audit entry (e.g. the invitation used). */
export interface ChangeBy {
  openid: string;
  action: string;
  at: Date;
  reason?: string;
}

interface RoleChange {
  /** The person's roles after the change. */
  roles: Roles;
  changed: boolean;
}

/** Gives `grant` to the registered person `user`; their team's leaders list gains them. */
export async function grantInTx(tx: Tx, user: UserDoc, grant: RoleGrant, by: ChangeBy): Promise<RoleChange> {
  return changeRoles(tx, user, grant, withRole, by);
}

/** Takes `grant` back from `user`; their team's leaders list loses them. */
export async function revokeInTx(tx: Tx, user: UserDoc, grant: RoleGrant, by: ChangeBy): Promise<RoleChange> {
  return changeRoles(tx, user, grant, withoutRole, by);
}

async function changeRoles(tx: Tx, user: UserDoc, grant: RoleGrant, change: (roles: Roles, grant: RoleGrant) => Roles, by: ChangeBy): Promise<RoleChange> {
  const before = rolesOfUserDoc(user);
  const after = change(before, grant);
  const changed = JSON.stringify(before) !== JSON.stringify(after);
  if (grant.role === 'leader') {
    const team = await tx.get('teams', grant.teamId);
    if (!team) throw new AppError('NOT_FOUND', TEAM_NOT_FOUND);
    const leaders = leadersOfTeamDoc(team);
    const next = change === withRole ? withLeader(leaders, user) : leaders.filter((leader) => leader.openid !== user._id);
    if (next.length > LEADERS_MAX) throw new AppError('FULL', `这个服务队已经有 ${LEADERS_MAX} 位队长了，请先撤销一位再邀请`);
    if (JSON.stringify(next) !== JSON.stringify(leaders)) await tx.update('teams', team._id, { leaders: next, updatedAt: by.at });
  } else if (grant.role === 'staff' && change === withRole) {
    if (!(await tx.get('communities', grant.communityId))) throw new AppError('NOT_FOUND', COMMUNITY_NOT_FOUND);
  }
  if (!changed) return { roles: before, changed };
  await tx.update('users', user._id, { roles: after, roleKinds: roleKindsOf(after), updatedAt: by.at });
  await recordChange(tx, {
    actor: by.openid,
    action: by.action,
    kind: 'users',
    target: user._id,
    before: { roles: before },
    after: { roles: after },
    ...(by.reason ? { reason: by.reason } : {}),
    at: by.at,
  });
  return { roles: after, changed };
}

/**
 * The team's leaders with `user` among them: in the place the district's list kept for them (same phone,
 * nobody yet), else added at the end; named as they registered.
 */
export function withLeader(leaders: TeamLeader[], user: Pick<UserDoc, '_id' | 'name' | 'phone'>): TeamLeader[] {
  if (leaders.some((leader) => leader.openid === user._id)) return leaders;
  const placeKept = leaders.findIndex((leader) => leader.openid === null && leader.phone === user.phone);
  const entry: TeamLeader = { name: user.name, openid: user._id, phone: user.phone };
  return placeKept >= 0 ? leaders.map((leader, i) => (i === placeKept ? entry : leader)) : [...leaders, entry];
}
