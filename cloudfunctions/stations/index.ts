import { z } from 'zod';
import { Station, STATION_LEVELS, stationLevelSchema, stationsContract } from '../../contract';
import { requireOpenid } from '../_shared/auth';
import { db, getList } from '../_shared/cloud';
import { StationDoc, toLngLat } from '../_shared/docs';
import { decodeCursorAs, invalidCursor, pageFrom } from '../_shared/paging';
import { after, allOf } from '../_shared/query';
import { createRouter } from '../_shared/router';

/** `stations`: the party-and-mass service stations, for the 服务站 tab. */

const stationCursorSchema = z.strictObject({ level: stationLevelSchema, name: z.string(), id: z.string() });

function toStation(doc: StationDoc): Station {
  return {
    id: doc._id,
    name: doc.name,
    level: doc.level,
    streetId: doc.streetId,
    communityId: doc.communityId,
    address: doc.address,
    location: toLngLat(doc.location),
    phone: doc.phone,
    services: doc.services,
    openingHours: doc.openingHours,
    active: doc.active,
  };
}

export const main = createRouter('stations', stationsContract, {
  /**
   * Ordered by level (district, street, community, compound), then name. The level order is not the
   * alphabetical one, so each level is read in turn by (name, _id): at most four reads a page.
   */
  async list(input, ctx) {
    requireOpenid(ctx);
    const last = input.cursor ? decodeCursorAs(input.cursor, stationCursorSchema) : undefined;
    const levels = input.level ? [input.level] : [...STATION_LEVELS];
    const firstLevel = last ? levels.indexOf(last.level) : 0;
    // A cursor of another level filter does not belong to this list.
    if (firstLevel < 0) throw invalidCursor();
    const docs: StationDoc[] = [];
    for (const level of levels.slice(firstLevel)) {
      const wanted = input.pageSize + 1 - docs.length;
      if (wanted <= 0) break;
      const conditions: object[] = [{ active: true, level }];
      if (input.communityId) conditions.push({ communityId: input.communityId });
      if (last && last.level === level) conditions.push(after('name', last.name, last.id));
      docs.push(
        ...(await getList<StationDoc>(db.collection('stations').where(allOf(conditions)).orderBy('name', 'asc').orderBy('_id', 'asc').limit(wanted))),
      );
    }
    return pageFrom(docs, input.pageSize, toStation, (doc) => ({ level: doc.level, name: doc.name, id: doc._id }));
  },
});
