import { Community, directoryContract, Street } from '../../contract';
import { requireOpenid } from '../_shared/auth';
import { CommunityDoc, StreetDoc, toLngLat } from '../_shared/docs';
import { _, db } from '../_shared/cloud';
import { collection } from '../_shared/collections';
import { getAll } from '../_shared/query';
import { createRouter } from '../_shared/router';
import { straightMetres } from '../../rules/geo';

/**
 * `directory`: the district's streets and communities in use, for residents' pickers and filters
 * (deactivated ones are kept by the registry function; those stored before `active` existed count as in use).
 */
const IN_USE = { active: _.neq(false) };

/** Farther than this from every compound, the resident is not in the district: no guess. */
export const NEAREST_COMPOUND_MAX_M = 3000;

function toStreet(doc: StreetDoc): Street {
  return { id: doc._id, code: doc.code, name: doc.name };
}

function toCommunity(doc: CommunityDoc): Community {
  return { id: doc._id, code: doc.code, name: doc.name, streetId: doc.streetId, location: toLngLat(doc.location), households: doc.households };
}

export const main = createRouter('directory', directoryContract, {
  async listStreets(_input, ctx) {
    requireOpenid(ctx);
    return (await getAll('streets', IN_USE, 'code')).map(toStreet);
  },

  async listCommunities(input, ctx) {
    requireOpenid(ctx);
    const docs = await getAll('communities', input.streetId ? { streetId: input.streetId, ...IN_USE } : IN_USE, 'code');
    return docs.map(toCommunity);
  },

  async nearestCompound(input, ctx) {
    requireOpenid(ctx);
    const { lng, lat } = input.position;
    const [nearest] = await collection('compounds')
      .where({ location: _.geoNear({ geometry: db.Geo.Point(lng, lat), maxDistance: NEAREST_COMPOUND_MAX_M }), ...IN_USE })
      .limit(1)
      .get();
    if (!nearest) return null;
    return {
      compoundName: nearest.name,
      communityId: nearest.communityId,
      straightMetres: Math.round(straightMetres(input.position, toLngLat(nearest.location))),
    };
  },
});
