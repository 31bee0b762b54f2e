import type { CommunityRow, CompoundRow, RowsOf, StationRow, StreetRow, TeamRow } from '../imports/rows';
import { ImportSheet } from '../../contract';
import { collection, getById } from './collections';
import * as clock from './clock';
import { ImportRowDoc, StationDoc, upgradeUserDoc } from './docs';
import { AppError } from './errors';
import type { JobHandlers, JobStep } from './jobs';
import {
  findCommunityByCode,
  findCompoundByName,
  findStreetByCode,
  findTeamByName,
  saveCommunityInTx,
  saveCompoundInTx,
  saveStreetInTx,
  saveTeamInTx,
  SavedBy,
} from './registry';
import { saveStationInTx } from './stations';
import { withTransaction } from './transaction';

/**
 * Applying an import, a few rows per step (jobs.ts): each row is saved by the registry's own save
 * (registry.ts, stations.ts) in its own small transaction, as if typed in the app, and audited as
 * `imports.apply`. Idempotent: a new row looks its object up by its natural key again, so a step re-run
 * after a failure edits what the first run created instead of making a second; a saved row is saved
 * again to the same values, which writes nothing. A row refused when saved (someone changed the registry
 * since the preview) is recorded with the reason; the others go on.
 */

/** Rows one step saves: each is about a dozen calls (the parent's and the object's lookups, a transaction of five). */
const IMPORT_ROWS_PER_STEP = 2;

const ACTION = 'imports.apply';

/** The district's objects by natural key, as a step finds them (cached for the step). */
class Lookups {
  private cache = new Map<string, Promise<string | null>>();
  constructor(readonly districtId: string) {}
  private once(key: string, find: () => Promise<{ _id: string } | null>): Promise<string | null> {
    if (!this.cache.has(key))
      this.cache.set(
        key,
        find().then((doc) => doc?._id ?? null),
      );
    return this.cache.get(key)!;
  }
  street = (code: string) => this.once(`s/${code}`, () => findStreetByCode(code));
  community = (code: string) => this.once(`c/${code}`, () => findCommunityByCode(code));
  async requireStreet(code: string): Promise<string> {
    const id = await this.street(code);
    if (!id) throw new AppError('NOT_FOUND', `没有找到街道 ${code}`);
    return id;
  }
  async requireCommunity(code: string): Promise<string> {
    const id = await this.community(code);
    if (!id) throw new AppError('NOT_FOUND', `没有找到社区 ${code}`);
    return id;
  }
}

async function stationByName(name: string): Promise<StationDoc | null> {
  return (await collection('stations').where({ name }).limit(1).get())[0] ?? null;
}

/** Saves one row; its object is the one the preview matched, else the one its key finds now, else a new one. */
async function saveRow(row: ImportRowDoc, by: SavedBy, lookups: Lookups): Promise<void> {
  const save = SAVERS[row.sheet] as (fields: unknown, matched: string | null, by: SavedBy, lookups: Lookups) => Promise<unknown>;
  await save(row.fields, row.id, by, lookups);
}

type Saver<K extends ImportSheet> = (fields: RowsOf[K], matched: string | null, by: SavedBy, lookups: Lookups) => Promise<void>;

const SAVERS: { [K in ImportSheet]: Saver<K> } = {
  async streets(row: StreetRow, matched, by, lookups) {
    const id = matched ?? (await findStreetByCode(row.code))?._id;
    await withTransaction((tx) => saveStreetInTx(tx, by, { code: row.code, name: row.name, districtId: lookups.districtId }, id));
  },
  async communities(row: CommunityRow, matched, by, lookups) {
    const streetId = await lookups.requireStreet(row.street);
    const id = matched ?? (await findCommunityByCode(row.code))?._id;
    const fields = { code: row.code, name: row.name, streetId, location: { lng: row.lng, lat: row.lat }, households: row.households };
    const out = await withTransaction((tx) => saveCommunityInTx(tx, by, fields, id));
    await out.afterCommit();
  },
  async compounds(row: CompoundRow, matched, by, lookups) {
    const communityId = await lookups.requireCommunity(row.community);
    const id = matched ?? (await findCompoundByName(communityId, row.name))?._id;
    const fields = { name: row.name, communityId, location: { lng: row.lng, lat: row.lat }, households: row.households };
    await withTransaction((tx) => saveCompoundInTx(tx, by, fields, id));
  },
  async teams(row: TeamRow, matched, by, lookups) {
    const communityId = await lookups.requireCommunity(row.community);
    const id = matched ?? (await findTeamByName(communityId, row.name))?._id;
    const { community: _community, ...fields } = row;
    const out = await withTransaction((tx) => saveTeamInTx(tx, by, { ...fields, communityId }, id));
    await out.afterCommit();
  },
  async stations(row: StationRow, matched, by, lookups) {
    const [streetId, communityId] = await Promise.all([
      row.street ? lookups.requireStreet(row.street) : null,
      row.community ? lookups.requireCommunity(row.community) : null,
    ]);
    const existing = matched ? await getById('stations', matched) : await stationByName(row.name);
    const fields = {
      name: row.name,
      level: row.level,
      streetId,
      communityId,
      address: row.address,
      location: { lng: row.lng, lat: row.lat },
      phone: row.phone,
      services: row.services,
      openingHours: row.hours,
      // The workbook has no holidays: those kept in the app stay.
      exceptions: existing?.exceptions ?? [],
    };
    await withTransaction((tx) => saveStationInTx(tx, by, fields, existing?._id));
  },
};

/** One step: the next rows of the import's list, each saved or its failure recorded; the import marked applied after the last. */
export async function applyImportStep(job: Parameters<JobHandlers['applyImport']>[0]): Promise<JobStep> {
  const { importId, byOpenid } = job.params;
  const [found, stored] = await Promise.all([getById('imports', importId), getById('users', byOpenid)]);
  if (!found) return { cursor: job.cursor, done: true, processed: 0 };
  const user = stored ? upgradeUserDoc(stored) : null;
  const actor = { openid: byOpenid, ...(user?.roles ?? { admin: false, staffOf: [], leaderOf: [] }) };
  const by: SavedBy = { actor, at: clock.now(), action: ACTION };
  const lookups = new Lookups(found.districtId);
  const start = Number(job.cursor ?? 0);
  const batch = found.toApply.slice(start, start + IMPORT_ROWS_PER_STEP);
  // Each row's outcome by its own fields, so a step run again records the same, not twice as much.
  const recorded: Record<string, string | boolean | null> = {};
  for (const index of batch) {
    const row = found.rows[index];
    let failure: string | null = null;
    try {
      await saveRow(row, by, lookups);
    } catch (err) {
      // A refusal is the row's outcome; a crowd (BUSY) or a fault is the step's, which runs again.
      if (!(err instanceof AppError) || err.code === 'BUSY') throw err;
      failure = err.message;
    }
    recorded[`rows.${index}.applied`] = true;
    recorded[`rows.${index}.failure`] = failure;
  }
  const next = start + batch.length;
  const done = next >= found.toApply.length;
  await collection('imports')
    .doc(importId)
    .update({
      ...recorded,
      updatedAt: by.at,
      ...(done ? { state: 'applied' } : {}),
    });
  return { cursor: String(next), done, processed: batch.length };
}
