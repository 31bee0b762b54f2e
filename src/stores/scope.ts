import { createStore } from './store';

/**
 * Which of their teams a leader, and which of their communities a staff member, is working on: a
 * person may hold several, and the workbenches show one at a time (the first until they choose).
 */
export const chosenTeamStore = createStore<string | null>(null);
export const chosenCommunityStore = createStore<string | null>(null);

/** The chosen one when it is still held, else the first held (undefined: none held). */
export function currentOf(held: string[], chosen: string | null): string | undefined {
  return chosen !== null && held.includes(chosen) ? chosen : held[0];
}

export const currentTeam = (leaderOf: string[]) => currentOf(leaderOf, chosenTeamStore.get());
export const currentCommunity = (staffOf: string[]) => currentOf(staffOf, chosenCommunityStore.get());
