import { GrantedRole, NO_ROLES, Roles } from '../../contract';
import { Actor, holds, leadsTeam } from '../../rules/permissions';
import { getById } from './collections';
import { rolesOfUserDoc, upgradeUserDoc, type UserDoc } from './docs';
import { AppError } from './errors';
import { CallContext } from './router';

/** A user document as stored in `users` (its _id is the OPENID): see docs.ts. */
export type { UserDoc };

export interface Caller extends Actor {
  user: UserDoc | null;
}

export function requireOpenid(ctx: CallContext): string {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED');
  return ctx.openid;
}

/** The caller: identity from WeChat, roles from their user document (none until they register). */
export async function loadActor(ctx: CallContext): Promise<Caller> {
  const openid = requireOpenid(ctx);
  const stored = await getById('users', openid);
  const user = stored ? upgradeUserDoc(stored) : null;
  const roles: Roles = user ? rolesOfUserDoc(user) : NO_ROLES;
  return { openid, ...roles, user };
}

/**
 * The caller of a read open to visitors: null for a visitor (no WeChat identity, e.g. a page opened
 * from 朋友圈 in single-page mode), who sees what is public only; nothing is created for them.
 */
export async function loadViewer(ctx: CallContext): Promise<Caller | null> {
  return ctx.openid ? loadActor(ctx) : null;
}

const NOT_ALLOWED: Record<GrantedRole, string> = {
  admin: '只有区管理员可以这样操作',
  staff: '只有社区工作者可以这样操作',
  leader: '只有服务队队长可以这样操作',
};

/** The caller, when they hold one of the kinds of role (any scope); FORBIDDEN otherwise. */
export async function requireRole(ctx: CallContext, ...roles: GrantedRole[]): Promise<Caller> {
  const caller = await loadActor(ctx);
  if (!roles.some((role) => holds(caller, role))) throw new AppError('FORBIDDEN', NOT_ALLOWED[roles[0]]);
  return caller;
}

/** The caller, when they lead the team; FORBIDDEN for anyone else, admins included. */
export async function requireTeamLeader(ctx: CallContext, teamId: string): Promise<Caller> {
  const actor = await loadActor(ctx);
  if (!leadsTeam(actor, teamId)) throw new AppError('FORBIDDEN', '只有本服务队的队长可以这样操作');
  return actor;
}
