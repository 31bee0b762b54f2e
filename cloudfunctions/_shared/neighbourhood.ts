import { NEIGHBOUR_RADIUS_M } from '../../contract';
import { _, db } from './cloud';
import { collection, getById } from './collections';
import { toLngLat } from './docs';
import { GET_LIMIT } from './query';

/** A resident's community and its neighbours: what the 服务 and 活动 tabs list first. */
export interface Neighbourhood {
  homeId: string;
  /** The other communities whose centre is within NEIGHBOUR_RADIUS_M of home's, nearest first. */
  neighbourIds: string[];
}

/** The community's neighbourhood, found by the communities' 2dsphere index (2 reads); null when there is no such community. */
export async function neighbourhoodOf(homeCommunityId: string): Promise<Neighbourhood | null> {
  const home = await getById('communities', homeCommunityId);
  if (!home) return null;
  const { lng, lat } = toLngLat(home.location);
  const near = await collection('communities')
    .where({ location: _.geoNear({ geometry: db.Geo.Point(lng, lat), maxDistance: NEIGHBOUR_RADIUS_M }) })
    .field({ _id: true })
    .limit(GET_LIMIT)
    .get();
  return { homeId: home._id, neighbourIds: near.map((c) => c._id).filter((id) => id !== home._id) };
}

/** The community the caller named (chosen on this device), else the one in their profile. */
export async function homeCommunityOf(openid: string, named: string | undefined): Promise<string | null> {
  if (named) return named;
  return (await getById('users', openid))?.communityId ?? null;
}
