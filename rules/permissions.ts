import type { GrantedRole, RoleGrant, Roles } from '../contract';
import type { StationLevel } from '../contract';

/**
 * Who may do what, as plain predicates over the caller's roles and their scopes. The functions load the
 * caller (roles from the users collection, identity from WeChat) and ask these. A person may hold several
 * roles at once: leader of some teams, staff of some communities, district admin.
 */
export interface Actor extends Roles {
  openid: string;
}

/** Whether the actor holds a kind of role at all (any team, any community). */
export function holds(actor: Roles, role: GrantedRole): boolean {
  return role === 'admin' ? actor.admin : role === 'staff' ? actor.staffOf.length > 0 : actor.leaderOf.length > 0;
}

/** Only the team's own leaders manage its schedule, its sessions and check-ins. */
export function leadsTeam(actor: Actor, teamId: string): boolean {
  return actor.leaderOf.includes(teamId);
}

/** Whether the actor serves the community as staff (admins are not staff of every community). */
export function servesCommunity(actor: Actor, communityId: string | null): boolean {
  return communityId !== null && actor.staffOf.includes(communityId);
}

/** Staff of the community, and district admins, approve its bookings and stall applications and run its events. */
export function approvesFor(actor: Actor, communityId: string): boolean {
  return actor.admin || servesCommunity(actor, communityId);
}

/** Staff of any community and district admins: those who see a workbench of approvals, events and stations. */
export function isStaffOrAdmin(actor: Actor): boolean {
  return actor.admin || actor.staffOf.length > 0;
}

/** A phone number is shown whole only to its owner, the team's leaders and those who approve for its community. */
export function seesFullPhone(actor: Actor, booking: { openid: string; teamId: string; communityId: string }): boolean {
  return actor.openid === booking.openid || leadsTeam(actor, booking.teamId) || approvesFor(actor, booking.communityId);
}

/** Staff see and keep the stations of their own communities only; district admins those of any place. */
export function keepsStationsOf(actor: Actor, communityId: string | null): boolean {
  return actor.admin || servesCommunity(actor, communityId);
}

/**
 * Staff keep (create, edit, deactivate) the community- and compound-level stations of their own communities;
 * admins keep any station at any level. Editing checks the station as it is and as it would be, so a
 * staff member cannot move a station out of their community.
 */
export function keepsStation(actor: Actor, station: { level: StationLevel; communityId: string | null }): boolean {
  if (actor.admin) return true;
  return (station.level === 'community' || station.level === 'compound') && keepsStationsOf(actor, station.communityId);
}

/** Who keeps a community's registry (its compounds and teams): its staff and district admins. */
export const keepsRegistryOf = keepsStationsOf;

/**
 * Who may give (by invitation) or take back a role: district admins any role; community staff the
 * leadership of their own communities' teams (the team's community is passed as `teamCommunityId`).
 */
export function managesRole(actor: Actor, role: GrantedRole, scope: { communityId?: string | null; teamCommunityId?: string | null }): boolean {
  if (actor.admin) return true;
  return role === 'leader' && servesCommunity(actor, scope.teamCommunityId ?? null);
}

/** The roles a person holds with one more given; giving what they already hold changes nothing. */
export function withRole(roles: Roles, grant: RoleGrant): Roles {
  if (grant.role === 'admin') return { ...roles, admin: true };
  if (grant.role === 'staff') return { ...roles, staffOf: addOnce(roles.staffOf, grant.communityId) };
  return { ...roles, leaderOf: addOnce(roles.leaderOf, grant.teamId) };
}

/** The roles a person holds with one taken back; taking back what they do not hold changes nothing. */
export function withoutRole(roles: Roles, grant: RoleGrant): Roles {
  if (grant.role === 'admin') return { ...roles, admin: false };
  if (grant.role === 'staff') return { ...roles, staffOf: roles.staffOf.filter((id) => id !== grant.communityId) };
  return { ...roles, leaderOf: roles.leaderOf.filter((id) => id !== grant.teamId) };
}

/** The kinds of role held, for listing people by role ('resident' when they hold none). */
export function roleKindsOf(roles: Roles): Array<'resident' | GrantedRole> {
  const kinds: GrantedRole[] = [];
  if (roles.admin) kinds.push('admin');
  if (roles.staffOf.length) kinds.push('staff');
  if (roles.leaderOf.length) kinds.push('leader');
  return kinds.length ? kinds : ['resident'];
}

function addOnce(list: string[], id: string): string[] {
  return list.includes(id) ? list : [...list, id];
}
