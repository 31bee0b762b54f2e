import { z } from 'zod';
import { LngLat, NearbyStation, stationsContract } from '../../contract';
import { nextEffectiveOccurrences } from '../../rules/booking';
import { walkingMetres, walkingMinutes, withinCircle } from '../../rules/geo';
import { openStateAt } from '../../rules/opening-hours';
import { keepsStation } from '../../rules/permissions';
import { loadActor, requireOpenid } from '../_shared/auth';
import { _, db } from '../_shared/cloud';
import { aggregated, collection, getById } from '../_shared/collections';
import { StationDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { notEndedBy, toSummary } from '../_shared/event-summary';
import { decodeCursorAs, encodeCursor } from '../_shared/paging';
import { allOf, GET_LIMIT, getByIds, keywordPattern } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { toStation } from './common';

/** What residents ask of the stations: the nearest ones, and one station's page. */

type ResidentActions = 'nearest' | 'get';

const STATION_NOT_FOUND = '没有找到这个服务站';
/** Service days shown per team on a station's page. */
export const NEXT_DATES_SHOWN = 3;
/** Events shown on a station's page, soonest first. */
export const EVENTS_SHOWN = 20;

// ---- nearest ----------------------------------------------------------------------------------------

/** The field $geoNear writes its straight-line distance (metres) into. */
const DISTANCE = 'straightMetres';
type NearDoc = StationDoc & { [DISTANCE]: number };

/** The last station shown: the next page is everything after it in (distance, _id) order. */
const nearestCursorSchema = z.strictObject({ d: z.number().min(0), id: z.string().min(1).max(64) });
type NearestCursor = z.infer<typeof nearestCursorSchema>;

/**
 * One $geoNear aggregate on the stations' 2dsphere index (`location_geo`): active stations matching the
 * filters, nearest first, after the cursor. `minDistance` (inclusive) skips what earlier pages showed
 * nearer than the cursor; the $match drops those at the cursor's very distance up to its id. With
 * `onlyAt`, just the stations at exactly that distance, in id order.
 */
async function nearPage(from: LngLat, query: object, last: NearestCursor | undefined, limit: number, onlyAt?: number): Promise<NearDoc[]> {
  const minDistance = onlyAt ?? last?.d;
  let pipeline = collection('stations')
    .aggregate()
    .geoNear({
      near: db.Geo.Point(from.lng, from.lat),
      spherical: true,
      key: 'location',
      distanceField: DISTANCE,
      query,
      ...(minDistance !== undefined ? { minDistance } : {}),
      ...(onlyAt !== undefined ? { maxDistance: onlyAt } : {}),
    });
  if (last) pipeline = pipeline.match(_.or([{ [DISTANCE]: _.gt(last.d) }, { _id: _.gt(last.id) }]));
  if (onlyAt !== undefined) pipeline = pipeline.sort({ _id: 1 });
  return aggregated<NearDoc>(pipeline.limit(limit));
}

const byDistanceThenId = (a: NearDoc, b: NearDoc) => a[DISTANCE] - b[DISTANCE] || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/**
 * A page of `pageSize` in (distance, _id) order. The database orders by distance only, so stations at
 * the same distance (one building) may come in any order: when such a group straddles the page's end,
 * the page stops before it and the next page reads it whole. Only when one group alone fills more than
 * a page (a dozen stations in one building) is a second aggregate needed, for that group in id order.
 */
async function nearestPage(from: LngLat, query: object, last: NearestCursor | undefined, pageSize: number): Promise<{ shown: NearDoc[]; more: boolean }> {
  const wanted = pageSize + 1;
  const fetched = (await nearPage(from, query, last, wanted)).sort(byDistanceThenId);
  if (fetched.length < wanted) return { shown: fetched, more: false };
  const edge = fetched[wanted - 1][DISTANCE];
  const nearer = fetched.filter((doc) => doc[DISTANCE] < edge);
  if (nearer.length) return { shown: nearer.slice(0, pageSize), more: true };
  const group = await nearPage(from, query, last, wanted, edge);
  return { shown: group.slice(0, pageSize), more: true };
}

function toNearby(doc: NearDoc, now: Date): NearbyStation {
  const walking = walkingMetres(doc[DISTANCE]);
  return {
    ...toStation(doc),
    straightMetres: doc[DISTANCE],
    walkingMetres: walking,
    walkingMinutes: walkingMinutes(walking),
    withinCircle: withinCircle(walking),
    openState: openStateAt(doc.openingHours, doc.exceptions, now),
  };
}

// ---- a station's page -------------------------------------------------------------------------------

/** Teams whose fixed service day is held at the station and still has days ahead, soonest first. */
async function teamsAt(stationId: string, now: Date) {
  const docs = await collection('teams').where({ 'schedule.place.stationId': stationId }).orderBy('name', 'asc').limit(GET_LIMIT).get();
  return docs
    .flatMap((team) => {
      const dates = team.schedule ? nextEffectiveOccurrences(team.schedule, team.changes ?? [], now, NEXT_DATES_SHOWN).map((o) => o.date) : [];
      return dates.length ? [{ id: team._id, name: team.name, serviceClass: team.serviceClass, nextDates: dates }] : [];
    })
    .sort((a, b) => (a.nextDates[0] < b.nextDates[0] ? -1 : a.nextDates[0] > b.nextDates[0] ? 1 : 0));
}

/** Published events held at the station that have not ended, soonest first. */
async function eventsAt(stationId: string, now: Date) {
  const docs = await collection('events')
    .where(allOf([{ 'place.stationId': stationId, status: 'published' }, ...notEndedBy(now)]))
    .orderBy('startAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(EVENTS_SHOWN)
    .get();
  const communities = await getByIds(
    'communities',
    docs.map((doc) => doc.communityId),
  );
  return docs.map((doc) => toSummary(doc, communities.get(doc.communityId)?.name ?? ''));
}

export const residentHandlers: Pick<Handlers<typeof stationsContract>, ResidentActions> = {
  /** Nearest first from a GCJ-02 point, with walking distance, minutes, the 15-minute mark and open-now. */
  async nearest(input, ctx) {
    requireOpenid(ctx);
    const last = input.cursor ? decodeCursorAs(input.cursor, nearestCursorSchema) : undefined;
    const query: Record<string, unknown> = { active: true };
    if (input.level) query.level = input.level;
    // An array field equal to a value matches when the array contains it.
    if (input.service) query.services = input.service;
    if (input.keyword) query.name = keywordPattern(input.keyword);
    const { shown, more } = await nearestPage(input.from, query, last, input.pageSize);
    const end = shown[shown.length - 1];
    return {
      items: shown.map((doc) => toNearby(doc, ctx.now)),
      nextCursor: more && end ? encodeCursor({ d: end[DISTANCE], id: end._id }) : null,
    };
  },

  /** Inactive stations are NOT_FOUND except for the staff and admins who keep them. */
  async get({ stationId }, ctx) {
    requireOpenid(ctx);
    const doc = await getById('stations', stationId);
    if (!doc || (!doc.active && !keepsStation(await loadActor(ctx), doc))) throw new AppError('NOT_FOUND', STATION_NOT_FOUND);
    const [teams, events] = await Promise.all([teamsAt(stationId, ctx.now), eventsAt(stationId, ctx.now)]);
    return { station: toStation(doc), openState: openStateAt(doc.openingHours, doc.exceptions, ctx.now), teams, events };
  },
};
