import { ImportSheet } from '../../contract';
import { ReadRow } from '../../rules/import-plan';
import { _ } from '../_shared/cloud';
import { getById } from '../_shared/collections';
import { DistrictDoc, leadersOfTeamDoc, toLngLat } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { getAll } from '../_shared/query';
import { Parents, RowsOf } from './rows';

/**
 * The district's objects as rows of the workbook, each with its stored id, by sheet and natural key; and
 * the keys other districts hold (codes and station names are unique in the whole environment).
 */
export type Stored = { [K in ImportSheet]: Map<string, { id: string; fields: RowsOf[K] }> } & {
  elsewhere: Record<'streets' | 'communities' | 'stations', Set<string>>;
};

export async function loadDistrict(districtId: string): Promise<DistrictDoc> {
  const district = await getById('districts', districtId);
  if (!district) throw new AppError('NOT_FOUND', '没有找到这个区');
  return district;
}

/** Everything the district holds, as rows: five collections read whole (a district has a few hundred objects). */
export async function storedRows(districtId: string): Promise<Stored> {
  const allStreets = await getAll('streets', {}, 'code');
  const streetDocs = allStreets.filter((s) => s.districtId === districtId);
  const streetCode = new Map(streetDocs.map((s) => [s._id, s.code]));
  const allCommunities = await getAll('communities', {}, 'code');
  const communityDocs = allCommunities.filter((c) => streetCode.has(c.streetId));
  const communityCode = new Map(communityDocs.map((c) => [c._id, c.code]));
  const communityIds = [...communityCode.keys()];
  const inDistrict = communityIds.length ? { communityId: _.in(communityIds) } : { communityId: '' };
  const [compoundDocs, teamDocs, stationDocs] = await Promise.all([
    getAll('compounds', inDistrict, 'name'),
    getAll('teams', {}, 'name'),
    getAll('stations', {}, 'name'),
  ]);
  const stored: Stored = {
    streets: new Map(),
    communities: new Map(),
    compounds: new Map(),
    teams: new Map(),
    stations: new Map(),
    elsewhere: {
      streets: new Set(allStreets.filter((s) => s.districtId !== districtId).map((s) => s.code)),
      communities: new Set(allCommunities.filter((c) => !streetCode.has(c.streetId)).map((c) => c.code)),
      stations: new Set(stationDocs.filter((s) => !streetCode.has(s.streetId)).map((s) => s.name)),
    },
  };
  for (const s of streetDocs) stored.streets.set(s.code, { id: s._id, fields: { code: s.code, name: s.name } });
  for (const c of communityDocs) {
    const { lng, lat } = toLngLat(c.location);
    stored.communities.set(c.code, {
      id: c._id,
      fields: { code: c.code, name: c.name, street: streetCode.get(c.streetId)!, lng, lat, households: c.households },
    });
  }
  for (const k of compoundDocs) {
    const community = communityCode.get(k.communityId)!;
    const { lng, lat } = toLngLat(k.location);
    stored.compounds.set(`${community}/${k.name}`, { id: k._id, fields: { community, name: k.name, lng, lat, households: k.households } });
  }
  for (const t of teamDocs) {
    const community = communityCode.get(t.communityId);
    if (!community) continue;
    const leaders = leadersOfTeamDoc(t).map((l) => ({ name: l.name, phone: l.phone ?? '' }));
    const fields = {
      community,
      name: t.name,
      serviceClass: t.serviceClass,
      services: t.services,
      description: t.description,
      contactPhone: t.contactPhone ?? '',
      leaders,
    };
    stored.teams.set(`${community}/${t.name}`, { id: t._id, fields });
  }
  for (const s of stationDocs) {
    if (!streetCode.has(s.streetId)) continue;
    const { lng, lat } = toLngLat(s.location);
    const above = s.level === 'district' || s.level === 'street';
    stored.stations.set(s.name, {
      id: s._id,
      fields: {
        name: s.name,
        level: s.level,
        street: above ? streetCode.get(s.streetId)! : '',
        community: s.communityId ? (communityCode.get(s.communityId) ?? '') : '',
        address: s.address,
        lng,
        lat,
        phone: s.phone,
        services: s.services,
        hours: s.openingHours,
      },
    });
  }
  return stored;
}

/**
 * Parents by code or name: the stored ones and the file's own rows (read before their children). A refused
 * row's code still names its parent (so a child says that row has errors instead of "not found").
 */
export function parentsOf(stored: Stored, fileRows: { streets: ReadRow<RowsOf['streets']>[]; communities: ReadRow<RowsOf['communities']>[] }): Parents {
  const streets = new Map<string, string>();
  const communities = new Map<string, { code: string; location: { lng: number; lat: number } }>();
  const refused = new Map<string, number>();
  const addStreet = (f: RowsOf['streets']) => streets.set(f.name, f.code).set(f.code, f.code);
  const addCommunity = (f: RowsOf['communities']) => {
    const entry = { code: f.code, location: { lng: f.lng, lat: f.lat } };
    communities.set(f.name, entry).set(f.code, entry);
  };
  for (const { fields } of stored.streets.values()) addStreet(fields);
  for (const { fields } of stored.communities.values()) addCommunity(fields);
  for (const [sheet, rows] of [
    ['streets', fileRows.streets],
    ['communities', fileRows.communities],
  ] as const) {
    for (const row of rows) {
      if (row.fields) {
        if (sheet === 'streets') addStreet(row.fields as RowsOf['streets']);
        else addCommunity(row.fields as RowsOf['communities']);
      } else if (row.key !== null && !refused.has(`${sheet}/${row.key}`)) {
        refused.set(`${sheet}/${row.key}`, row.row);
        if (sheet === 'streets') streets.set(row.key, row.key);
        else communities.set(row.key, { code: row.key, location: { lng: NaN, lat: NaN } });
      }
    }
  }
  return {
    street: (ref) => streets.get(ref) ?? null,
    community: (ref) => communities.get(ref) ?? null,
    refusedRow: (sheet, code) => refused.get(`${sheet}/${code}`) ?? null,
  };
}
