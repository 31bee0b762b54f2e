import { TeamFields, TeamProfileFields } from '../../../contract';
import { chinaDate } from '../../../rules/china-time';
import { checkTeamFields, checkTeamProfile, LEADERS_MAX, mayEditTeamProfile } from '../../../rules/registry';
import { recordChange } from '../audit';
import { _ } from '../cloud';
import { collection } from '../collections';
import { isActiveDoc, leadersOfTeamDoc, TeamDoc, TeamLeader } from '../docs';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { Tx } from '../transaction';
import { allow, existingInTx, nothing, parentInTx, requireKeyFree, SavedBy, SaveOutcome, valid, NOT_FOUND, fieldsOf, stableJson } from './common';
import { findTeamByName } from './keys';

// ---- saving teams: their fields and leaders, and the profile their leaders edit --------------------

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
