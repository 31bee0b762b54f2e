import type { Role } from '../contract/account';
import type { StationLevel } from '../contract/stations';

/**
 * Who may do what, as plain predicates over the caller's role and scope. The functions load the caller
 * (role from the users collection, identity from WeChat) and ask these.
 */
export interface Actor {
  openid: string;
  role: Role;
  staffCommunityId: string | null;
  leaderTeamId: string | null;
}

/** Only the team's own leader manages its schedule, its sessions and check-ins. */
export function leadsTeam(actor: Actor, teamId: string): boolean {
  return actor.role === 'leader' && actor.leaderTeamId === teamId;
}

/** Staff of the community, and district admins, approve its bookings and stall applications and run its events. */
export function approvesFor(actor: Actor, communityId: string): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && actor.staffCommunityId === communityId);
}

/** A phone number is shown whole only to its owner, the team's leader and those who approve for its community. */
export function seesFullPhone(actor: Actor, booking: { openid: string; teamId: string; communityId: string }): boolean {
  return actor.openid === booking.openid || leadsTeam(actor, booking.teamId) || approvesFor(actor, booking.communityId);
}

/** Staff see and keep the stations of their own community only; district admins those of any place. */
export function keepsStationsOf(actor: Actor, communityId: string | null): boolean {
  return actor.role === 'admin' || (actor.role === 'staff' && communityId !== null && actor.staffCommunityId === communityId);
}

/**
 * Staff keep (create, edit, deactivate) the community- and compound-level stations of their own community;
 * admins keep any station at any level. Editing checks the station as it is and as it would be, so a
 * staff member cannot move a station out of their community.
 */
export function keepsStation(actor: Actor, station: { level: StationLevel; communityId: string | null }): boolean {
  if (actor.role === 'admin') return true;
  return (station.level === 'community' || station.level === 'compound') && keepsStationsOf(actor, station.communityId);
}
