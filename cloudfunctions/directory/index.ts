import { Community, directoryContract, Street } from '../../contract';
import { requireOpenid } from '../_shared/auth';
import { CommunityDoc, StreetDoc, toLngLat } from '../_shared/docs';
import { _ } from '../_shared/cloud';
import { getAll } from '../_shared/query';
import { createRouter } from '../_shared/router';

/**
 * `directory`: the district's streets and communities in use, for residents' pickers and filters
 * (deactivated ones are kept by the registry function; those stored before `active` existed count as in use).
 */
const IN_USE = { active: _.neq(false) };

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
});
