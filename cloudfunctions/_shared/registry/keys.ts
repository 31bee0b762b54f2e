import { collection } from '../collections';
import { CommunityDoc, CompoundDoc, DistrictDoc, StreetDoc, TeamDoc } from '../docs';

// ---- natural keys ---------------------------------------------------------------------------------

/** A district by its code, or null. */
export async function findDistrictByCode(code: string): Promise<DistrictDoc | null> {
  return (await collection('districts').where({ code }).limit(1).get())[0] ?? null;
}
/** A street by its code, or null. */
export async function findStreetByCode(code: string): Promise<StreetDoc | null> {
  return (await collection('streets').where({ code }).limit(1).get())[0] ?? null;
}
/** A community by its code, or null. */
export async function findCommunityByCode(code: string): Promise<CommunityDoc | null> {
  return (await collection('communities').where({ code }).limit(1).get())[0] ?? null;
}
/** A compound by its community and name, or null. */
export async function findCompoundByName(communityId: string, name: string): Promise<CompoundDoc | null> {
  return (await collection('compounds').where({ communityId, name }).limit(1).get())[0] ?? null;
}
/** A team by its community and name, or null. */
export async function findTeamByName(communityId: string, name: string): Promise<TeamDoc | null> {
  return (await collection('teams').where({ communityId, name }).limit(1).get())[0] ?? null;
}
