import { CommunityFields, CompoundFields, DistrictFields, StreetFields } from '../../../contract';
import { checkCommunityFields, checkCompoundFields, checkDistrictFields, checkStreetFields, compoundPositionProblem } from '../../../rules/registry';
import { _ } from '../cloud';
import { collection } from '../collections';
import { CommunityDoc, CompoundDoc, DistrictDoc, geoPointDoc, isActiveDoc, StreetDoc, toLngLat } from '../docs';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { Tx } from '../transaction';
import { allow, asStored, existingInTx, nothing, parentInTx, requireKeyFree, SavedBy, SaveOutcome, valid, writeInTx } from './common';
import { findCommunityByCode, findCompoundByName, findDistrictByCode, findStreetByCode } from './keys';

// ---- saving the district's places: districts, streets, communities and compounds ----------------

/** Creates (no `districtId`) or edits a district. Admins only. */
export async function saveDistrictInTx(tx: Tx, by: SavedBy, fields: DistrictFields, districtId?: string): Promise<SaveOutcome<DistrictDoc>> {
  allow(by.actor, 'districts');
  const value = valid(checkDistrictFields(fields));
  const before = await existingInTx(tx, 'districts', districtId);
  const id = districtId ?? newId();
  requireKeyFree(await findDistrictByCode(value.code), id, `代码为 ${value.code} 的区`);
  const doc: DistrictDoc = { _id: id, code: value.code, name: value.name, active: before ? isActiveDoc(before) : true };
  const changed = await writeInTx(tx, 'districts', doc, before && { ...before, active: isActiveDoc(before) }, by, 'registry.saveDistrict');
  return { doc, before, changed, afterCommit: before ? nothing : () => adoptStreetsWithoutDistrict(doc._id) };
}

/**
 * Streets stored before districts existed name none: the first district registered takes them (one update;
 * once they have one, later districts find none to take).
 */
async function adoptStreetsWithoutDistrict(districtId: string): Promise<void> {
  await collection('streets')
    .where({ districtId: _.exists(false) })
    .update({ districtId });
}

/** Creates or edits a street (of an active district when created or moved). Admins only. */
export async function saveStreetInTx(tx: Tx, by: SavedBy, fields: StreetFields, streetId?: string): Promise<SaveOutcome<StreetDoc>> {
  allow(by.actor, 'streets');
  const value = valid(checkStreetFields(fields));
  const before = await existingInTx(tx, 'streets', streetId);
  await parentInTx(tx, 'districts', value.districtId, before?.districtId !== value.districtId);
  const id = streetId ?? newId();
  requireKeyFree(await findStreetByCode(value.code), id, `代码为 ${value.code} 的街道`);
  const doc: StreetDoc = { _id: id, code: value.code, name: value.name, districtId: value.districtId, active: before ? isActiveDoc(before) : true };
  const changed = await writeInTx(tx, 'streets', doc, before && { ...before, active: isActiveDoc(before) }, by, 'registry.saveStreet');
  return { doc, before, changed, afterCommit: nothing };
}

/**
 * Creates or edits a community (of an active street when created or moved). Admins only. Moving it to
 * another street moves its compounds and its stations there too, after the commit.
 */
export async function saveCommunityInTx(tx: Tx, by: SavedBy, fields: CommunityFields, communityId?: string): Promise<SaveOutcome<CommunityDoc>> {
  allow(by.actor, 'communities');
  const value = valid(checkCommunityFields(fields));
  const stored = await existingInTx(tx, 'communities', communityId);
  const before = stored && asStored({ ...stored, active: isActiveDoc(stored) });
  await parentInTx(tx, 'streets', value.streetId, before?.streetId !== value.streetId);
  const id = communityId ?? newId();
  requireKeyFree(await findCommunityByCode(value.code), id, `代码为 ${value.code} 的社区`);
  const doc: CommunityDoc = {
    _id: id,
    code: value.code,
    name: value.name,
    streetId: value.streetId,
    location: geoPointDoc(value.location),
    households: value.households,
    active: before?.active ?? true,
  };
  const changed = await writeInTx(tx, 'communities', doc, before, by, 'registry.saveCommunity');
  const moved = before !== null && before.streetId !== doc.streetId;
  return { doc, before, changed, afterCommit: moved ? () => moveCommunityCopies(doc._id, doc.streetId) : nothing };
}

/** A community's compounds and stations carry its street: brought in line after it moved (one update each). */
export async function moveCommunityCopies(communityId: string, streetId: string): Promise<void> {
  await collection('compounds').where({ communityId }).update({ streetId });
  await collection('stations').where({ communityId }).update({ streetId });
}

/**
 * Creates or edits a compound: admins, and the staff of its community (of both, when it moves). It takes
 * its community's street, and lies within 5 km of the community's centre.
 */
export async function saveCompoundInTx(tx: Tx, by: SavedBy, fields: CompoundFields, compoundId?: string): Promise<SaveOutcome<CompoundDoc>> {
  const value = valid(checkCompoundFields(fields));
  const stored = await existingInTx(tx, 'compounds', compoundId);
  const before = stored && asStored({ ...stored, active: isActiveDoc(stored) });
  allow(by.actor, 'compounds', [before?.communityId ?? value.communityId, value.communityId]);
  const community = await parentInTx(tx, 'communities', value.communityId, before?.communityId !== value.communityId);
  const far = compoundPositionProblem(value.location, toLngLat(community.location));
  if (far) throw new AppError('BAD_INPUT', far);
  const id = compoundId ?? newId();
  requireKeyFree(await findCompoundByName(value.communityId, value.name), id, `叫“${value.name}”的小区`);
  const doc: CompoundDoc = {
    _id: id,
    name: value.name,
    communityId: value.communityId,
    streetId: community.streetId,
    location: geoPointDoc(value.location),
    households: value.households,
    active: before?.active ?? true,
  };
  const changed = await writeInTx(tx, 'compounds', doc, before, by, 'registry.saveCompound');
  return { doc, before, changed, afterCommit: nothing };
}
