import type { LngLat } from '../contract';
import type { Coverage, CoverageArea } from '../contract';
import { straightMetres, walkingMetres, walkingMinutes, withinCircle } from './geo';

/**
 * The 15-minute circle's coverage: each place where residents live (a compound, or a community with no
 * compounds on record, as a whole) against the nearest active station. A place is covered when that
 * station is within 15 minutes on foot (rules/geo.ts). The nearest station is named up to
 * NEAREST_REACH_METRES away in a straight line, so the places left out show how far they are.
 */
export const NEAREST_REACH_METRES = 5000;

export type CoveragePlace = Omit<CoverageArea, 'nearest' | 'covered'>;
export interface StationPoint {
  id: string;
  name: string;
  location: LngLat;
}

/** The nearest station within NEAREST_REACH_METRES and its straight-line distance, or null. */
function nearestOf(from: LngLat, stations: StationPoint[]): { station: StationPoint; straight: number } | null {
  let best: { station: StationPoint; straight: number } | null = null;
  for (const station of stations) {
    const straight = straightMetres(from, station.location);
    // Equal distances go to the smaller id, so the answer does not depend on the order read.
    if (straight <= NEAREST_REACH_METRES && (!best || straight < best.straight || (straight === best.straight && station.id < best.station.id))) {
      best = { station, straight };
    }
  }
  return best;
}

/** Most households first; then by name and id, so equal places keep one order. */
export function byHouseholds(a: CoveragePlace, b: CoveragePlace): number {
  if (a.households !== b.households) return b.households - a.households;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function coverageOf(places: CoveragePlace[], stations: StationPoint[]): Coverage {
  let households = 0;
  let coveredHouseholds = 0;
  const uncovered: CoverageArea[] = [];
  for (const place of places) {
    const best = nearestOf(place.location, stations);
    const walking = best ? walkingMetres(best.straight) : Infinity;
    const covered = withinCircle(walking);
    households += place.households;
    if (covered) coveredHouseholds += place.households;
    else {
      const nearest = best && { id: best.station.id, name: best.station.name, walkingMetres: Math.round(walking), walkingMinutes: walkingMinutes(walking) };
      uncovered.push({ ...place, nearest, covered });
    }
  }
  return { households, coveredHouseholds, uncovered: uncovered.sort(byHouseholds), areasChecked: places.length };
}
