import { Role } from '../../contract';
import { Actor, leadsTeam } from '../../rules/permissions';
import { getById } from './cloud';
import type { UserDoc } from './docs';
import { AppError } from './errors';
import { CallContext } from './router';

/** A user document as stored in `users` (its _id is the OPENID): see docs.ts. */
export type { UserDoc };

/** District admins named in the function's configuration, so a fresh environment has its first admin. */
export function bootstrapAdmins(): Set<string> {
  return new Set(
    (process.env.BOOTSTRAP_ADMIN_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export interface Caller {
  openid: string;
  user: UserDoc | null;
  role: Role;
}

export function requireOpenid(ctx: CallContext): string {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED');
  return ctx.openid;
}

export async function loadCaller(ctx: CallContext): Promise<Caller> {
  const openid = requireOpenid(ctx);
  const user = await getById<UserDoc>('users', openid);
  const role: Role = bootstrapAdmins().has(openid) ? 'admin' : (user?.role ?? 'resident');
  return { openid, user, role };
}

export async function requireRole(ctx: CallContext, ...roles: Role[]): Promise<Caller> {
  const caller = await loadCaller(ctx);
  if (!roles.includes(caller.role)) throw new AppError('FORBIDDEN');
  return caller;
}

/** The caller as the permission rules see them (rules/permissions.ts). */
export function actorOf(caller: Caller): Actor {
  return {
    openid: caller.openid,
    role: caller.role,
    staffCommunityId: caller.role === 'staff' ? (caller.user?.staffCommunityId ?? null) : null,
    leaderTeamId: caller.role === 'leader' ? (caller.user?.leaderTeamId ?? null) : null,
  };
}

export async function loadActor(ctx: CallContext): Promise<Actor & { user: UserDoc | null }> {
  const caller = await loadCaller(ctx);
  return { ...actorOf(caller), user: caller.user };
}

/** The caller, when they lead the team; FORBIDDEN for anyone else, admins included. */
export async function requireTeamLeader(ctx: CallContext, teamId: string): Promise<Actor & { user: UserDoc | null }> {
  const actor = await loadActor(ctx);
  if (!leadsTeam(actor, teamId)) throw new AppError('FORBIDDEN', '只有本服务队的队长可以这样操作');
  return actor;
}
