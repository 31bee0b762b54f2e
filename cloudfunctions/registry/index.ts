import { z } from 'zod';
import { Compound, District, RegistryCommunity, registryContract, RegistryKind, RegistryStreet, RegistryTeam } from '../../contract';
import { Actor, isStaffOrAdmin } from '../../rules/permissions';
import { seesRegistryOf } from '../../rules/registry';
import { loadActor } from '../_shared/auth';
import { collection } from '../_shared/collections';
import { CommunityDoc, CompoundDoc, DistrictDoc, isActiveDoc, leadersOfTeamDoc, StreetDoc, TeamDoc, toLngLat } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { decodeCursorAs, pageFrom } from '../_shared/paging';
import { after, allOf, getAll, getByIds } from '../_shared/query';
import {
  saveCommunityInTx,
  saveCompoundInTx,
  saveDistrictInTx,
  SavedBy,
  SaveOutcome,
  saveStreetInTx,
  saveTeamInTx,
  setActiveInTx,
  updateTeamProfileInTx,
} from '../_shared/registry';
import { CallContext, createRouter } from '../_shared/router';
import { Tx, withTransaction } from '../_shared/transaction';
import { maskPhone } from '../../rules/privacy';
import { changeHandlers } from './changes';

/**
 * `registry`: the district's registry kept from the app (辖区管理): districts, streets and communities by
 * admins; compounds and teams by admins and their community's staff; a team's description and contact
 * phone by its leaders too. The rules and the writes are `_shared/registry/` (shared with the import).
 */

function toDistrict(doc: DistrictDoc): District {
  return { id: doc._id, code: doc.code, name: doc.name, active: isActiveDoc(doc) };
}
function toStreet(doc: StreetDoc): RegistryStreet {
  return { id: doc._id, code: doc.code, name: doc.name, districtId: doc.districtId ?? '', active: isActiveDoc(doc) };
}
function toCommunity(doc: CommunityDoc): RegistryCommunity {
  return {
    id: doc._id,
    code: doc.code,
    name: doc.name,
    streetId: doc.streetId,
    location: toLngLat(doc.location),
    households: doc.households,
    active: isActiveDoc(doc),
  };
}
function toCompound(doc: CompoundDoc): Compound {
  return {
    id: doc._id,
    name: doc.name,
    communityId: doc.communityId,
    streetId: doc.streetId,
    location: toLngLat(doc.location),
    households: doc.households,
    active: isActiveDoc(doc),
  };
}
/** Leaders' phones whole to those who keep the team's community (they keep the list); masked to its leaders. */
function toTeam(doc: TeamDoc, actor: Actor): RegistryTeam {
  const whole = seesRegistryOf(actor, doc.communityId);
  return {
    id: doc._id,
    name: doc.name,
    serviceClass: doc.serviceClass,
    communityId: doc.communityId,
    description: doc.description,
    services: doc.services,
    contactPhone: doc.contactPhone ?? null,
    leaders: leadersOfTeamDoc(doc).map((l) => ({ name: l.name, phone: l.phone && !whole ? maskPhone(l.phone) : l.phone, hasAccount: l.openid !== null })),
    active: isActiveDoc(doc),
  };
}

/** Staff and admins; FORBIDDEN for everyone else. */
async function requireKeeper(ctx: CallContext): Promise<Actor> {
  const actor = await loadActor(ctx);
  if (!isStaffOrAdmin(actor)) throw new AppError('FORBIDDEN', '只有社区工作者或区管理员可以维护辖区信息');
  return actor;
}

async function requireAdmin(ctx: CallContext): Promise<Actor> {
  const actor = await loadActor(ctx);
  if (!actor.admin) throw new AppError('FORBIDDEN', '只有区管理员可以这样操作');
  return actor;
}

function requireSees(actor: Actor, communityId: string): void {
  if (!seesRegistryOf(actor, communityId)) throw new AppError('FORBIDDEN', '只能查看本社区的小区和服务队');
}

/** One save in its own transaction, then the copies brought in line once it committed. */
async function save<D>(ctx: CallContext, actor: Actor, body: (tx: Tx, by: SavedBy) => Promise<SaveOutcome<D>>): Promise<D> {
  const by: SavedBy = { actor, at: ctx.now };
  const outcome = await withTransaction((tx) => body(tx, by));
  await outcome.afterCommit();
  return outcome.doc;
}

async function setActive<D>(ctx: CallContext, kind: RegistryKind, id: string, change: { active: boolean; reason: string }): Promise<{ doc: D; actor: Actor }> {
  const actor = await requireKeeper(ctx);
  const doc = await save(ctx, actor, (tx, by) => setActiveInTx(tx, by, kind, id, change));
  return { doc: doc as D, actor };
}

const nameCursorSchema = z.strictObject({ name: z.string(), id: z.string() });

/** One page of a community's compounds or teams by name (its `community_name` index), inactive ones too. */
async function pageByName<C extends 'compounds' | 'teams'>(name: C, communityId: string, cursor: string | undefined, pageSize: number) {
  const conditions: object[] = [{ communityId }];
  if (cursor) {
    const last = decodeCursorAs(cursor, nameCursorSchema);
    conditions.push(after('name', last.name, last.id));
  }
  return collection(name)
    .where(allOf(conditions))
    .orderBy('name', 'asc')
    .orderBy('_id', 'asc')
    .limit(pageSize + 1)
    .get();
}

export const main = createRouter('registry', registryContract, {
  async listDistricts(_input, ctx) {
    await requireKeeper(ctx);
    return (await getAll('districts', {}, 'code')).map(toDistrict);
  },

  async listStreets(input, ctx) {
    await requireAdmin(ctx);
    return (await getAll('streets', input.districtId ? { districtId: input.districtId } : {}, 'code')).map(toStreet);
  },

  async listCommunities(input, ctx) {
    const actor = await requireKeeper(ctx);
    if (actor.admin) return (await getAll('communities', input.streetId ? { streetId: input.streetId } : {}, 'code')).map(toCommunity);
    // Staff: their own communities.
    const own = await getByIds('communities', actor.staffOf);
    return Array.from(own.values())
      .filter((c) => !input.streetId || c.streetId === input.streetId)
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map(toCommunity);
  },

  async listCompounds(input, ctx) {
    const actor = await requireKeeper(ctx);
    requireSees(actor, input.communityId);
    const docs = await pageByName('compounds', input.communityId, input.cursor, input.pageSize);
    return pageFrom(docs, input.pageSize, toCompound, (last) => ({ name: last.name, id: last._id }));
  },

  async listTeams(input, ctx) {
    const actor = await requireKeeper(ctx);
    requireSees(actor, input.communityId);
    const docs = await pageByName('teams', input.communityId, input.cursor, input.pageSize);
    return pageFrom(
      docs,
      input.pageSize,
      (doc) => toTeam(doc, actor),
      (last) => ({ name: last.name, id: last._id }),
    );
  },

  async saveDistrict({ districtId, ...fields }, ctx) {
    const actor = await requireAdmin(ctx);
    return toDistrict(await save(ctx, actor, (tx, by) => saveDistrictInTx(tx, by, fields, districtId)));
  },

  async saveStreet({ streetId, ...fields }, ctx) {
    const actor = await requireAdmin(ctx);
    return toStreet(await save(ctx, actor, (tx, by) => saveStreetInTx(tx, by, fields, streetId)));
  },

  async saveCommunity({ communityId, ...fields }, ctx) {
    const actor = await requireAdmin(ctx);
    return toCommunity(await save(ctx, actor, (tx, by) => saveCommunityInTx(tx, by, fields, communityId)));
  },

  async saveCompound({ compoundId, ...fields }, ctx) {
    const actor = await requireKeeper(ctx);
    return toCompound(await save(ctx, actor, (tx, by) => saveCompoundInTx(tx, by, fields, compoundId)));
  },

  async saveTeam({ teamId, ...fields }, ctx) {
    const actor = await requireKeeper(ctx);
    return toTeam(await save(ctx, actor, (tx, by) => saveTeamInTx(tx, by, fields, teamId)), actor);
  },

  async updateTeamProfile({ teamId, ...fields }, ctx) {
    const actor = await loadActor(ctx);
    return toTeam(await save(ctx, actor, (tx, by) => updateTeamProfileInTx(tx, by, teamId, fields)), actor);
  },

  async setDistrictActive({ districtId, ...change }, ctx) {
    return toDistrict((await setActive<DistrictDoc>(ctx, 'districts', districtId, change)).doc);
  },
  async setStreetActive({ streetId, ...change }, ctx) {
    return toStreet((await setActive<StreetDoc>(ctx, 'streets', streetId, change)).doc);
  },
  async setCommunityActive({ communityId, ...change }, ctx) {
    return toCommunity((await setActive<CommunityDoc>(ctx, 'communities', communityId, change)).doc);
  },
  async setCompoundActive({ compoundId, ...change }, ctx) {
    return toCompound((await setActive<CompoundDoc>(ctx, 'compounds', compoundId, change)).doc);
  },
  async setTeamActive({ teamId, ...change }, ctx) {
    const { doc, actor } = await setActive<TeamDoc>(ctx, 'teams', teamId, change);
    return toTeam(doc, actor);
  },

  ...changeHandlers,
});
