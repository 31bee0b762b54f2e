import { CommunityFields, CompoundFields, DistrictFields, RegistryKind, StreetFields, TeamFields, TeamProfileFields } from '../../contract';
import { chinaDate } from '../../rules/china-time';
import type { Actor } from '../../rules/permissions';
import {
  CHILDREN_OF,
  Checked,
  checkCommunityFields,
  checkCompoundFields,
  checkDistrictFields,
  checkStreetFields,
  checkTeamFields,
  checkTeamProfile,
  compoundPositionProblem,
  firstProblem,
  LEADERS_MAX,
  mayEditTeamProfile,
  maySave,
} from '../../rules/registry';
import { recordChange } from './audit';
import { _ } from './cloud';
import { collection, Fields, Stored } from './collections';
import {
  CommunityDoc,
  CompoundDoc,
  DistrictDoc,
  GeoPointDoc,
  geoPointDoc,
  isActiveDoc,
  leadersOfTeamDoc,
  StreetDoc,
  TeamDoc,
  TeamLeader,
  toLngLat,
} from './docs';
import { AppError } from './errors';
import { newId } from './ids';
import type { Tx } from './transaction';

/**
 * The registry's one implementation of saving: the `registry` function's actions and the Excel import
 * call these for each object (row), so the rules, the permissions, the natural keys and the audit entry
 * are the same whichever way a change comes in.
 *
 * Each `save…InTx` runs inside the caller's transaction (withTransaction) and keeps it small: the object
 * and its parent read by id, one write, one audit entry. It validates the fields (rules/registry.ts;
 * BAD_INPUT with the first problem), checks who may (FORBIDDEN), finds the parent (NOT_FOUND; an inactive
 * parent takes no new children: CONFLICT), refuses a second object with the same natural key (CONFLICT),
 * and writes nothing when the fields are what is stored already. It answers the stored document, what
 * was there before (null: created) and `afterCommit`: the copies elsewhere to bring in line once the
 * transaction has committed (a community's street on its compounds and stations, a team's name on its
 * coming bookings). Each is one update of many documents outside any transaction, idempotent: saving the
 * object again repeats it.
 *
 * Natural keys (how the import finds an existing object): a district, street or community by its code,
 * a compound or a team by its community and name. Codes and names are unique among active and
 * inactive objects alike (reactivate the old one rather than make a second).
 */

export interface SavedBy {
  actor: Actor;
  at: Date;
  /** The audit entry's action; `registry.save<Kind>` by default (the import passes its own). */
  action?: string;
}

export interface SaveOutcome<D> {
  doc: D;
  /** The document before (null: created now). */
  before: D | null;
  /** Whether anything was written (an edit to the same values writes nothing and records nothing). */
  changed: boolean;
  /** Run after the transaction commits: brings copies of the object's fields elsewhere in line. */
  afterCommit: () => Promise<void>;
}

const NOT_FOUND: Record<RegistryKind, string> = {
  districts: '没有找到这个区',
  streets: '没有找到这个街道',
  communities: '没有找到这个社区',
  compounds: '没有找到这个小区',
  teams: '没有找到这个服务队',
};

const NOT_ALLOWED: Record<RegistryKind, string> = {
  districts: '只有区管理员可以维护区的信息',
  streets: '只有区管理员可以维护街道',
  communities: '只有区管理员可以维护社区',
  compounds: '只有本社区的社区工作者或区管理员可以维护小区',
  teams: '只有本社区的社区工作者或区管理员可以维护服务队',
};

const nothing = async () => undefined;

function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new AppError('BAD_INPUT', firstProblem(checked.problems));
  return checked.value;
}

function allow(actor: Actor, kind: RegistryKind, communityIds: Array<string | null> = []): void {
  if (!maySave(actor, kind, communityIds)) throw new AppError('FORBIDDEN', NOT_ALLOWED[kind]);
}

async function existingInTx<K extends RegistryKind>(tx: Tx, kind: K, id: string | undefined): Promise<Stored<K> | null> {
  if (!id) return null;
  const doc = await tx.get(kind, id);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND[kind]);
  return doc;
}

/** The parent a new or moved object goes under: it exists, and is in use when the object is placed there now. */
async function parentInTx<K extends RegistryKind>(tx: Tx, kind: K, id: string, placedNow: boolean): Promise<Stored<K>> {
  const parent = await tx.get(kind, id);
  if (!parent) throw new AppError('NOT_FOUND', NOT_FOUND[kind]);
  if (placedNow && !isActiveDoc(parent)) throw new AppError('CONFLICT', `所选的${LABELS[kind]}已停用，请先启用它或另选一个`);
  return parent;
}

const LABELS: Record<RegistryKind, string> = { districts: '区', streets: '街道', communities: '社区', compounds: '小区', teams: '服务队' };

// ---- natural keys ---------------------------------------------------------------------------------

/** A district by its code, or null. */
export async function findDistrictByCode(code: string): Promise<DistrictDoc | null> {
  return (await collection('districts').where({ code }).limit(1).get())[0] ?? null;
}
/** A street by its code, or null. */
export async function findStreetByCode(code: string): Promise<StreetDoc | null> {
  return (await collection('streets').where({ code }).limit(1).get())[0] ?? null;
}
/** A community by its code, or null. */
export async function findCommunityByCode(code: string): Promise<CommunityDoc | null> {
  return (await collection('communities').where({ code }).limit(1).get())[0] ?? null;
}
/** A compound by its community and name, or null. */
export async function findCompoundByName(communityId: string, name: string): Promise<CompoundDoc | null> {
  return (await collection('compounds').where({ communityId, name }).limit(1).get())[0] ?? null;
}
/** A team by its community and name, or null. */
export async function findTeamByName(communityId: string, name: string): Promise<TeamDoc | null> {
  return (await collection('teams').where({ communityId, name }).limit(1).get())[0] ?? null;
}

/** Another object already holds the natural key: CONFLICT, saying whether it is stopped. */
function requireKeyFree(holder: { _id: string; active?: boolean } | null, id: string, what: string): void {
  if (!holder || holder._id === id) return;
  throw new AppError('CONFLICT', isActiveDoc(holder) ? `已经有${what}了，请换一个` : `已经有${what}（已停用），可以把它重新启用`);
}

// ---- saving ---------------------------------------------------------------------------------------

/** The fields of a document, for the audit entry (its id is the entry's target). */
function fieldsOf<D extends { _id: string }>(doc: D): Fields<D> {
  const { _id: _ignored, ...fields } = doc;
  return fields;
}

/** JSON with every object's keys in order: the database need not hand fields back in the order they were written. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const same = (a: object | null, b: object) => a !== null && stableJson(fieldsOf(a as { _id: string })) === stableJson(fieldsOf(b as { _id: string }));

/** Writes the document and its audit entry, unless it is what is stored already. */
async function writeInTx<K extends RegistryKind>(tx: Tx, kind: K, doc: Stored<K>, before: Stored<K> | null, by: SavedBy, action: string): Promise<boolean> {
  if (same(before, doc)) return false;
  await tx.set(kind, doc._id, fieldsOf(doc));
  await recordChange(tx, {
    actor: by.actor.openid,
    action: by.action ?? action,
    kind,
    target: doc._id,
    before: before ? fieldsOf(before) : null,
    after: fieldsOf(doc),
    at: by.at,
  });
  return true;
}

/** Stored positions read back through the SDK as its Point class: compared and written as GeoJSON. */
function asStored<D extends { location: GeoPointDoc }>(doc: D): D {
  return { ...doc, location: geoPointDoc(toLngLat(doc.location)) };
}

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

/**
 * The team's leaders after an edit of the district's list: those who hold the role (accepted an
 * invitation) stay as they are, in front; the listed ones without an account are replaced by `listed`,
 * less any whose phone a role holder already has.
 */
export function leadersAfterEdit(current: TeamLeader[], listed: Array<{ name: string; phone: string }>): TeamLeader[] {
  const holders = current.filter((leader) => leader.openid !== null);
  const taken = new Set(holders.map((leader) => leader.phone).filter(Boolean));
  return [
    ...holders,
    ...listed.filter((leader) => !leader.phone || !taken.has(leader.phone)).map((leader) => ({ name: leader.name, openid: null, phone: leader.phone || null })),
  ];
}

function teamChangeFollowUp(before: TeamDoc | null, doc: TeamDoc, at: Date): () => Promise<void> {
  if (!before || (before.name === doc.name && before.communityId === doc.communityId)) return nothing;
  return () => renameTeamCopies(doc._id, doc.name, doc.communityId, at);
}

/**
 * Bookings copy their team's name (and community, whose staff approve them). After a rename or a move,
 * residents' coming bookings (today's and later) show the new name and wait for the new community's
 * staff; past ones keep what they were made under. One update of many documents, by the bookings' index.
 */
export async function renameTeamCopies(teamId: string, teamName: string, communityId: string, at: Date): Promise<void> {
  await collection('bookings')
    .where({ teamId, date: _.gte(chinaDate(at)) })
    .update({ teamName, communityId });
}

/**
 * Creates or edits a team: admins and the staff of its community (of both, when it moves), in an active
 * community. Leaders: the district's list of names and phones; the accounts come by invitation
 * (roles.ts), and leaders holding one are kept as they are. The schedule is the leaders' (service).
 */
export async function saveTeamInTx(tx: Tx, by: SavedBy, fields: TeamFields, teamId?: string): Promise<SaveOutcome<TeamDoc>> {
  const value = valid(checkTeamFields(fields));
  const before = await existingInTx(tx, 'teams', teamId);
  allow(by.actor, 'teams', [before?.communityId ?? value.communityId, value.communityId]);
  await parentInTx(tx, 'communities', value.communityId, before?.communityId !== value.communityId);
  const id = teamId ?? newId();
  requireKeyFree(await findTeamByName(value.communityId, value.name), id, `叫“${value.name}”的服务队`);
  const leaders = leadersAfterEdit(before ? leadersOfTeamDoc(before) : [], value.leaders);
  if (leaders.length > LEADERS_MAX) throw new AppError('BAD_INPUT', `队长最多 ${LEADERS_MAX} 位`);
  const base = before ?? { schedule: null, createdAt: by.at, updatedAt: by.at };
  const doc: TeamDoc = {
    ...(base as TeamDoc),
    _id: id,
    name: value.name,
    serviceClass: value.serviceClass,
    communityId: value.communityId,
    description: value.description,
    services: value.services,
    leaders,
    contactPhone: value.contactPhone || null,
    active: before ? isActiveDoc(before) : true,
  };
  if (before !== null && stableJson(teamAuditFields(before)) === stableJson(teamAuditFields(doc))) {
    return { doc: before, before, changed: false, afterCommit: nothing };
  }
  const saved = { ...doc, updatedAt: by.at };
  const { _id } = saved;
  // An edit writes the registry's fields only: the schedule and its changes are the leaders' (service).
  if (before) {
    const { name, serviceClass, communityId, description, services, contactPhone, active, updatedAt } = saved;
    await tx.update('teams', _id, { name, serviceClass, communityId, description, services, leaders: saved.leaders, contactPhone, active, updatedAt });
  } else await tx.set('teams', _id, fieldsOf(saved));
  await recordChange(tx, {
    actor: by.actor.openid,
    action: by.action ?? 'registry.saveTeam',
    kind: 'teams',
    target: _id,
    before: before ? teamAuditFields(before) : null,
    after: teamAuditFields(saved),
    at: by.at,
  });
  return { doc: saved, before, changed: true, afterCommit: teamChangeFollowUp(before, saved, by.at) };
}

/** What the audit keeps of a team: its registry fields (the schedule and its changes are the leaders' business). */
function teamAuditFields(team: TeamDoc): object {
  return {
    name: team.name,
    serviceClass: team.serviceClass,
    communityId: team.communityId,
    description: team.description,
    services: team.services,
    contactPhone: team.contactPhone ?? null,
    leaders: leadersOfTeamDoc(team),
    active: isActiveDoc(team),
  };
}

/** A team's description and contact phone: its leaders, its community's staff, admins. */
export async function updateTeamProfileInTx(tx: Tx, by: SavedBy, teamId: string, fields: TeamProfileFields): Promise<SaveOutcome<TeamDoc>> {
  const value = valid(checkTeamProfile(fields));
  const before = await existingInTx(tx, 'teams', teamId);
  if (!before) throw new AppError('NOT_FOUND', NOT_FOUND.teams);
  if (!mayEditTeamProfile(by.actor, before)) throw new AppError('FORBIDDEN', '只有本服务队的队长、本社区的社区工作者或区管理员可以修改服务队介绍');
  const contactPhone = value.contactPhone || null;
  if (before.description === value.description && (before.contactPhone ?? null) === contactPhone) {
    return { doc: before, before, changed: false, afterCommit: nothing };
  }
  await tx.update('teams', teamId, { description: value.description, contactPhone, updatedAt: by.at });
  await recordChange(tx, {
    actor: by.actor.openid,
    action: by.action ?? 'registry.updateTeamProfile',
    kind: 'teams',
    target: teamId,
    before: { description: before.description, contactPhone: before.contactPhone ?? null },
    after: { description: value.description, contactPhone },
    at: by.at,
  });
  return { doc: { ...before, description: value.description, contactPhone, updatedAt: by.at }, before, changed: true, afterCommit: nothing };
}

// ---- deactivating and reactivating ----------------------------------------------------------------

type RegistryDoc = Stored<RegistryKind>;

/** The parent whose being in use a reactivation needs, by kind, and its id in a document of that kind. */
const PARENT_OF: Partial<Record<RegistryKind, { kind: RegistryKind; idOf: (doc: RegistryDoc) => string | null }>> = {
  streets: { kind: 'districts', idOf: (doc) => ('districtId' in doc ? doc.districtId : null) },
  communities: { kind: 'streets', idOf: (doc) => ('streetId' in doc ? doc.streetId : null) },
  compounds: { kind: 'communities', idOf: (doc) => ('communityId' in doc ? doc.communityId : null) },
  teams: { kind: 'communities', idOf: (doc) => ('communityId' in doc ? doc.communityId : null) },
};

async function activeChildren(kind: RegistryKind, id: string): Promise<string | null> {
  for (const child of CHILDREN_OF[kind] ?? []) {
    const total = await collection(child.kind)
      .where({ [child.field]: id, active: _.neq(false) })
      .count();
    if (total > 0) return `这里还有 ${total} 个在用的${child.label}，请先把它们停用或移到别处`;
  }
  return null;
}

/** Active bookings of a team's coming days: a team that stops must first tell those residents (its leaders cancel the days). */
async function comingBookings(teamId: string, at: Date): Promise<number> {
  return collection('bookings')
    .where({ teamId, date: _.gte(chinaDate(at)), status: _.in(['pending', 'confirmed', 'waitlisted']) })
    .count();
}

/**
 * Deactivates (a reason required) or reactivates an object; never deletes it. The same people as saving
 * it. A parent stops only once it has no active children (CONFLICT, saying how many), a team only once no
 * resident holds a booking of its coming days; a child starts again only under a parent in use. Asking
 * for the state it already has changes nothing. Audited as `registry.deactivate` / `registry.activate`.
 */
export async function setActiveInTx(
  tx: Tx,
  by: SavedBy,
  kind: RegistryKind,
  id: string,
  change: { active: boolean; reason: string },
): Promise<SaveOutcome<RegistryDoc>> {
  if (!change.active && !change.reason.trim()) throw new AppError('BAD_INPUT', '请填写停用原因');
  const doc = await existingInTx(tx, kind, id);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND[kind]);
  allow(by.actor, kind, 'communityId' in doc ? [doc.communityId] : []);
  const was = isActiveDoc(doc);
  if (was === change.active) return { doc: { ...doc, active: was }, before: doc, changed: false, afterCommit: nothing };
  if (!change.active) {
    const busy = await activeChildren(kind, id);
    if (busy) throw new AppError('CONFLICT', busy);
    if (kind === 'teams') {
      const bookings = await comingBookings(id, by.at);
      if (bookings > 0) throw new AppError('CONFLICT', `这个服务队还有 ${bookings} 个未到期的预约，请队长先取消这些服务日（居民会收到通知），再停用`);
    }
  } else {
    const parent = PARENT_OF[kind];
    const parentId = parent?.idOf(doc);
    if (parent && parentId) await parentInTx(tx, parent.kind, parentId, true);
  }
  if (kind === 'teams') await tx.update('teams', id, { active: change.active, updatedAt: by.at });
  else await tx.update(kind, id, { active: change.active });
  await recordChange(tx, {
    actor: by.actor.openid,
    action: by.action ?? (change.active ? 'registry.activate' : 'registry.deactivate'),
    kind,
    target: id,
    before: { active: was },
    after: { active: change.active },
    reason: change.reason.trim(),
    at: by.at,
  });
  return { doc: { ...doc, active: change.active }, before: doc, changed: true, afterCommit: nothing };
}
