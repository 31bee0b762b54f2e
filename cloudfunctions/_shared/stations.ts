import { StationFields } from '../../contract';
import { keepsStation } from '../../rules/permissions';
import { exceptionsProblem, locationProblem, openingHoursProblem, stationScopeProblem } from '../../rules/station-checks';
import { recordChange } from './audit';
import { getById } from './collections';
import { geoPointDoc, StationDoc, toLngLat } from './docs';
import { AppError } from './errors';
import { newId } from './ids';
import type { SavedBy } from './registry';
import type { Tx } from './transaction';

/**
 * The one way a station is saved: by the `stations` function's `save` and by the Excel import, so the
 * checks (scope, hours, position), who may, and the audit entry are the same whichever way it comes in.
 */

export const NOT_KEEPER = '只有本社区的社区工作者或区管理员可以维护服务站';
export const STATION_NOT_FOUND = '没有找到这个服务站';
const COMMUNITY_NOT_FOUND = '没有找到这个社区';

/**
 * The stored document for the fields asked: the level's scope checked and completed (community and
 * compound stations take their community's street), hours checked, position near the community. BAD_INPUT or NOT_FOUND
 * in the user's words.
 */
async function stationDocOf(id: string, input: StationFields, active: boolean): Promise<StationDoc> {
  const problem = stationScopeProblem(input) ?? openingHoursProblem(input.openingHours) ?? exceptionsProblem(input.exceptions);
  if (problem) throw new AppError('BAD_INPUT', problem);
  let streetId: string;
  if (input.communityId !== null) {
    const community = await getById('communities', input.communityId);
    if (!community) throw new AppError('NOT_FOUND', COMMUNITY_NOT_FOUND);
    if (input.streetId !== null && input.streetId !== community.streetId) throw new AppError('BAD_INPUT', '所选街道和社区所在的街道不一致');
    const farAway = locationProblem(input.location, toLngLat(community.location));
    if (farAway) throw new AppError('BAD_INPUT', farAway);
    streetId = community.streetId;
  } else {
    streetId = input.streetId!;
    if (!(await getById('streets', streetId))) throw new AppError('NOT_FOUND', '没有找到这个街道');
  }
  return {
    _id: id,
    name: input.name,
    level: input.level,
    streetId,
    communityId: input.communityId,
    address: input.address,
    location: geoPointDoc(input.location),
    phone: input.phone,
    services: Array.from(new Set(input.services)),
    openingHours: input.openingHours,
    exceptions: [...input.exceptions].sort((a, b) => (a.date < b.date ? -1 : 1)),
    active,
  };
}

/** Audit entries keep a station's fields without its id (the entry's target). */
function auditFields({ _id: _ignored, ...fields }: StationDoc): Omit<StationDoc, '_id'> {
  return fields;
}

/**
 * Creates (no `stationId`) or edits a station inside the caller's transaction: staff keep their own
 * community's community- and compound-level stations, admins any (checked as the station is and as it
 * would be). Answers the stored document and what was there before (null: created).
 */
export async function saveStationInTx(tx: Tx, by: SavedBy, fields: StationFields, stationId?: string): Promise<{ doc: StationDoc; before: StationDoc | null }> {
  const { actor } = by;
  if (!keepsStation(actor, fields)) throw new AppError('FORBIDDEN', actor.staffOf.length ? '社区工作者只能维护本社区的社区级和小区级服务站' : NOT_KEEPER);
  const existing = stationId ? await tx.get('stations', stationId) : null;
  if (stationId && !existing) throw new AppError('NOT_FOUND', STATION_NOT_FOUND);
  if (existing && !keepsStation(actor, existing)) throw new AppError('FORBIDDEN', '这个服务站不归您维护');
  const doc = await stationDocOf(stationId ?? newId(), fields, existing?.active ?? true);
  await tx.set('stations', doc._id, auditFields(doc));
  // Every change is kept with who made it and when, beside the station, in the same transaction.
  await recordChange(tx, {
    actor: actor.openid,
    action: by.action ?? (existing ? 'stations.update' : 'stations.create'),
    kind: 'stations',
    target: doc._id,
    before: existing ? auditFields(existing) : null,
    after: auditFields(doc),
    at: by.at,
  });
  return { doc, before: existing };
}
