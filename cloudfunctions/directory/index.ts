import { Community, directoryContract, Street } from '../../contract';
import { requireOpenid } from '../_shared/auth';
import { CommunityDoc, StreetDoc, toLngLat } from '../_shared/docs';
import { getAll } from '../_shared/query';
import { createRouter } from '../_shared/router';

/** `directory`: the district's streets and communities, for pickers and filters. */

function toStreet(doc: StreetDoc): Street {
  return { id: doc._id, code: doc.code, name: doc.name };
}

function toCommunity(doc: CommunityDoc): Community {
  return { id: doc._id, code: doc.code, name: doc.name, streetId: doc.streetId, location: toLngLat(doc.location), households: doc.households };
}

export const main = createRouter('directory', directoryContract, {
  async listStreets(_input, ctx) {
    requireOpenid(ctx);
    return (await getAll<StreetDoc>('streets', {}, 'code')).map(toStreet);
  },

  async listCommunities(input, ctx) {
    requireOpenid(ctx);
    const docs = await getAll<CommunityDoc>('communities', input.streetId ? { streetId: input.streetId } : {}, 'code');
    return docs.map(toCommunity);
  },
});
