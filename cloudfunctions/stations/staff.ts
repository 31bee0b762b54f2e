import { z } from 'zod';
import { Coverage, LngLat, stationsContract } from '../../contract';
import { coverageOf, CoveragePlace, NEAREST_REACH_METRES, StationPoint } from '../../rules/coverage';
import { straightMetres } from '../../rules/geo';
import { Actor, isStaffOrAdmin, keepsStation, keepsStationsOf, servesCommunity } from '../../rules/permissions';
import { loadActor } from '../_shared/auth';
import { _, db } from '../_shared/cloud';
import { collection, getById } from '../_shared/collections';
import { CommunityDoc, CompoundDoc, isActiveDoc, toLngLat } from '../_shared/docs';
import { recordChange } from '../_shared/audit';
import { AppError } from '../_shared/errors';
import { decodeCursorAs, pageFrom } from '../_shared/paging';
import { after, allOf, GET_LIMIT, getAll } from '../_shared/query';
import { CallContext, Handlers } from '../_shared/router';
import { NOT_KEEPER, saveStationInTx, STATION_NOT_FOUND } from '../_shared/stations';
import { withTransaction } from '../_shared/transaction';
import { toStation } from './common';

/** Community staff and district admins keep the stations (create, edit, deactivate) and see the 15-minute circle's coverage. */

type StaffActions = 'listForStaff' | 'save' | 'setActive' | 'coverage';

const COMMUNITY_NOT_FOUND = '没有找到这个社区';

/** Staff and admins; FORBIDDEN for residents and leaders. */
async function requireKeeper(ctx: CallContext): Promise<Actor> {
  const actor = await loadActor(ctx);
  if (!isStaffOrAdmin(actor)) throw new AppError('FORBIDDEN', NOT_KEEPER);
  return actor;
}

/** The community a staff member asks about is one of their own (the first by default); admins may ask about any or none. */
function communityInScope(actor: Actor, communityId: string | undefined): string | undefined {
  if (actor.admin) return communityId;
  if (communityId === undefined) return actor.staffOf[0];
  if (!servesCommunity(actor, communityId)) throw new AppError('FORBIDDEN', '只能查看本社区的服务站');
  return communityId;
}

const listCursorSchema = z.strictObject({ name: z.string(), id: z.string() });

/** The communities of the area and the places where their residents live: compounds, or the community as a whole. */
async function placesOf(scope: { communityId?: string; streetId?: string }): Promise<CoveragePlace[]> {
  let communities: CommunityDoc[];
  let compounds: CompoundDoc[];
  if (scope.communityId) {
    const community = await getById('communities', scope.communityId);
    if (!community) throw new AppError('NOT_FOUND', COMMUNITY_NOT_FOUND);
    communities = [community];
    compounds = await getAll('compounds', { communityId: scope.communityId }, 'name');
  } else if (scope.streetId) {
    if (!(await getById('streets', scope.streetId))) throw new AppError('NOT_FOUND', '没有找到这个街道');
    [communities, compounds] = await Promise.all([
      getAll('communities', { streetId: scope.streetId }, 'name'),
      getAll('compounds', { streetId: scope.streetId }, 'name'),
    ]);
  } else {
    [communities, compounds] = await Promise.all([getAll('communities', {}, 'name'), getAll('compounds', {}, 'name')]);
  }
  // Deactivated communities and compounds are no longer places where residents live.
  communities = communities.filter(isActiveDoc);
  compounds = compounds.filter(isActiveDoc);
  const names = new Map(communities.map((c) => [c._id, c.name]));
  const withCompounds = new Set(compounds.map((c) => c.communityId));
  return [
    ...compounds
      .filter((c) => names.has(c.communityId))
      .map((c) => ({
        kind: 'compound' as const,
        id: c._id,
        name: c.name,
        communityId: c.communityId,
        communityName: names.get(c.communityId)!,
        households: c.households,
        location: toLngLat(c.location),
      })),
    ...communities
      .filter((c) => !withCompounds.has(c._id))
      .map((c) => ({
        kind: 'community' as const,
        id: c._id,
        name: c.name,
        communityId: c._id,
        communityName: c.name,
        households: c.households,
        location: toLngLat(c.location),
      })),
  ];
}

/** Pages of nearest-first reads allowed: a district has dozens of stations, far below this. */
const MAX_STATION_PAGES = 20;

/**
 * Every active station that could be the nearest of some place. Rather than one geo query per place
 * (hundreds across the district, against a database quota of 30 queries a second), one $nearSphere query
 * on the stations' 2dsphere index reads the active stations within the area's radius plus the reach
 * around its centre: by the triangle inequality that holds every station within the reach of any place.
 * Stations are few, so the nearest of each place is then found here (rules/coverage.ts).
 */
async function activeStationsAround(places: CoveragePlace[]): Promise<StationPoint[]> {
  const centre: LngLat = {
    lng: places.reduce((sum, p) => sum + p.location.lng, 0) / places.length,
    lat: places.reduce((sum, p) => sum + p.location.lat, 0) / places.length,
  };
  // One metre more: the database's distances and ours may differ in the last digits.
  const radius = Math.max(...places.map((p) => straightMetres(centre, p.location))) + NEAREST_REACH_METRES + 1;
  const near = { location: _.geoNear({ geometry: db.Geo.Point(centre.lng, centre.lat), maxDistance: radius }), active: true };
  const stations: StationPoint[] = [];
  for (let page = 0; page < MAX_STATION_PAGES; page++) {
    const docs = await collection('stations')
      .where(near)
      .skip(page * GET_LIMIT)
      .limit(GET_LIMIT)
      .get();
    stations.push(...docs.map((d) => ({ id: d._id, name: d.name, location: toLngLat(d.location) })));
    if (docs.length < GET_LIMIT) return stations;
  }
  throw new Error(`more than ${MAX_STATION_PAGES * GET_LIMIT} active stations around the area`);
}

export const staffHandlers: Pick<Handlers<typeof stationsContract>, StaffActions> = {
  /** By name, then id; staff see their community's stations, admins every station or one community's. */
  async listForStaff(input, ctx) {
    const actor = await requireKeeper(ctx);
    const communityId = communityInScope(actor, input.communityId);
    const conditions: object[] = [];
    if (communityId !== undefined) conditions.push({ communityId });
    if (!input.includeInactive) conditions.push({ active: true });
    if (input.cursor) {
      const last = decodeCursorAs(input.cursor, listCursorSchema);
      conditions.push(after('name', last.name, last.id));
    }
    const docs = await collection('stations')
      .where(allOf(conditions))
      .orderBy('name', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.pageSize + 1)
      .get();
    return pageFrom(docs, input.pageSize, toStation, (doc) => ({ name: doc.name, id: doc._id }));
  },

  async save({ stationId, ...fields }, ctx) {
    const actor = await requireKeeper(ctx);
    const { doc } = await withTransaction((tx) => saveStationInTx(tx, { actor, at: ctx.now }, fields, stationId));
    return toStation(doc);
  },

  async setActive(input, ctx) {
    const actor = await requireKeeper(ctx);
    if (!input.active && !input.reason) throw new AppError('BAD_INPUT', '请填写停用原因');
    const saved = await withTransaction(async (tx) => {
      const station = await tx.get('stations', input.stationId);
      if (!station) throw new AppError('NOT_FOUND', STATION_NOT_FOUND);
      if (!keepsStation(actor, station)) throw new AppError('FORBIDDEN', '这个服务站不归您维护');
      if (station.active === input.active) return station;
      await tx.update('stations', station._id, { active: input.active });
      await recordChange(tx, {
        actor: actor.openid,
        action: input.active ? 'stations.activate' : 'stations.deactivate',
        kind: 'stations',
        target: station._id,
        before: { active: station.active },
        after: { active: input.active },
        reason: input.reason,
        at: ctx.now,
      });
      return { ...station, active: input.active };
    });
    return toStation(saved);
  },

  async coverage(input, ctx) {
    const actor = await requireKeeper(ctx);
    if (input.communityId && input.streetId) throw new AppError('BAD_INPUT', '请只选择一个街道或一个社区');
    if (!actor.admin && input.streetId) throw new AppError('FORBIDDEN', '社区工作者只能查看本社区的覆盖情况');
    const communityId = communityInScope(actor, input.communityId);
    if (!keepsStationsOf(actor, communityId ?? null)) throw new AppError('FORBIDDEN', '社区工作者只能查看本社区的覆盖情况');
    const places = await placesOf({ communityId, streetId: input.streetId });
    if (places.length === 0) return { households: 0, coveredHouseholds: 0, uncovered: [], areasChecked: 0 } satisfies Coverage;
    return coverageOf(places, await activeStationsAround(places));
  },
};
