import type { Occurrence } from '../contract';

/**
 * The 服务 tab's order near home: a resident's own community's teams first, then the neighbouring
 * communities' teams, each group by its next service day (soonest first; teams without one last,
 * then by name), and every other team after them by name.
 */

export interface RankedTeam {
  id: string;
  name: string;
  nextOccurrence: Occurrence | null;
}

/** Sorts after every date: teams with no coming service day go last. */
const NO_SERVICE_DAY = '~';

/** A key that orders teams by their next service day, then start time, as plain strings compare. */
export function serviceDayKey(next: Occurrence | null): string {
  return next ? `${next.date} ${next.startTime}` : NO_SERVICE_DAY;
}

/** Where a team stands in its group: (service day key, name, id) — the id keeps equal names apart. */
export interface TeamPosition {
  day: string;
  name: string;
  id: string;
}

export function positionOf(team: RankedTeam): TeamPosition {
  return { day: serviceDayKey(team.nextOccurrence), name: team.name, id: team.id };
}

/** Code-unit order, as the database orders names and ids (not the locale's, which would put '~' first). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function comparePositions(a: TeamPosition, b: TeamPosition): number {
  return compareText(a.day, b.day) || compareText(a.name, b.name) || compareText(a.id, b.id);
}

/** The teams by next service day (soonest first, none last), then name. */
export function bySoonestServiceDay<T extends RankedTeam>(teams: T[]): T[] {
  return [...teams].sort((a, b) => comparePositions(positionOf(a), positionOf(b)));
}

/** The teams (already in order) that come after `position`: the next page of a group. */
export function teamsAfter<T extends RankedTeam>(ordered: T[], position: TeamPosition): T[] {
  return ordered.filter((team) => comparePositions(positionOf(team), position) > 0);
}
