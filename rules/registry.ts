import type { LngLat } from '../contract';
import type { CommunityFields, CompoundFields, DistrictFields, ListedLeader, RegistryKind, StreetFields, TeamFields, TeamProfileFields } from '../contract';
import { contactPhoneProblem, SERVICE_CLASSES } from '../contract';
import { straightMetres } from './geo';
import { Actor, leadsTeam, servesCommunity } from './permissions';

/**
 * The registry's rules: what a district, street, community, compound or team may hold, and who may change
 * what. Plain functions shared by the `registry` function, the app's forms and the Excel import, so there
 * is one statement of them. A check answers the fields as they will be stored (text trimmed, runs of
 * spaces made one) or the problems by field, in the user's words.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Partial<Record<string, string>> };

/** The first problem of a refused check, for a one-line refusal. */
export function firstProblem(problems: Partial<Record<string, string>>): string {
  return Object.values(problems).find(Boolean) ?? '填写的信息有误，请检查后再试';
}

/** Text as stored: full-width letters and digits folded, runs of spaces one space, ends trimmed. */
export function tidy(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export const NAME_MAX = 30;
export const CODE_PATTERN = /^[A-Za-z0-9-]{1,20}$/;
/** Mainland mobile numbers (the invitation matches a leader by it). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const COMMUNITY_HOUSEHOLDS_MAX = 100_000;
export const COMPOUND_HOUSEHOLDS_MAX = 20_000;
export const DESCRIPTION_MAX = 500;
export const SERVICES_MAX = 20;
export const SERVICE_MAX = 20;
export const LEADERS_MAX = 10;
/** How far from its community's centre a compound may lie: beyond it, a mistyped or swapped position. */
export const COMPOUND_FROM_COMMUNITY_MAX_METRES = 5000;

function nameProblem(name: string, what: string): string | null {
  if (!name) return `请填写${what}名称`;
  if ([...name].length > NAME_MAX) return `${what}名称最多 ${NAME_MAX} 个字`;
  if (/[\p{Cc}\p{Cf}]/u.test(name)) return `${what}名称里有无法识别的字符`;
  return null;
}

function codeProblem(code: string, what: string): string | null {
  if (!code) return `请填写${what}代码`;
  return CODE_PATTERN.test(code) ? null : `${what}代码只能是 1–20 位数字或字母，例如 370611001`;
}

function householdsProblem(households: number, max: number): string | null {
  if (!Number.isInteger(households)) return '户数要填整数';
  if (households < 0) return '户数不能是负数';
  return households > max ? `户数最多 ${max}` : null;
}

/** A compound (or a community's thing with a position) within reach of its community's centre. */
export function compoundPositionProblem(location: LngLat, communityCentre: LngLat): string | null {
  return straightMetres(location, communityCentre) <= COMPOUND_FROM_COMMUNITY_MAX_METRES
    ? null
    : `位置离所属社区超过 ${COMPOUND_FROM_COMMUNITY_MAX_METRES / 1000} 公里，请检查位置是否选对`;
}

function result<T>(value: T, problems: Record<string, string | null>): Checked<T> {
  const found = Object.fromEntries(Object.entries(problems).filter(([, p]) => p !== null)) as Record<string, string>;
  return Object.keys(found).length ? { ok: false, problems: found } : { ok: true, value };
}

export function checkDistrictFields(raw: DistrictFields): Checked<DistrictFields> {
  const value = { code: tidy(raw.code), name: tidy(raw.name) };
  return result(value, { code: codeProblem(value.code, '区'), name: nameProblem(value.name, '区') });
}

export function checkStreetFields(raw: StreetFields): Checked<StreetFields> {
  const value = { code: tidy(raw.code), name: tidy(raw.name), districtId: raw.districtId };
  return result(value, {
    code: codeProblem(value.code, '街道'),
    name: nameProblem(value.name, '街道'),
    districtId: value.districtId ? null : '请选择所属的区',
  });
}

export function checkCommunityFields(raw: CommunityFields): Checked<CommunityFields> {
  const value = { ...raw, code: tidy(raw.code), name: tidy(raw.name) };
  return result(value, {
    code: codeProblem(value.code, '社区'),
    name: nameProblem(value.name, '社区'),
    streetId: value.streetId ? null : '请选择所属街道',
    households: householdsProblem(value.households, COMMUNITY_HOUSEHOLDS_MAX),
  });
}

/** The compound's own fields; its position against its community is compoundPositionProblem. */
export function checkCompoundFields(raw: CompoundFields): Checked<CompoundFields> {
  const value = { ...raw, name: tidy(raw.name) };
  return result(value, {
    name: nameProblem(value.name, '小区'),
    communityId: value.communityId ? null : '请选择所属社区',
    households: householdsProblem(value.households, COMPOUND_HOUSEHOLDS_MAX),
  });
}

function descriptionProblem(description: string): string | null {
  return [...description].length > DESCRIPTION_MAX ? `介绍最多 ${DESCRIPTION_MAX} 个字` : null;
}

/** The listed leaders: a name each, a mobile number or none, no number twice. */
function leadersProblem(leaders: ListedLeader[]): string | null {
  if (leaders.length > LEADERS_MAX) return `队长最多 ${LEADERS_MAX} 位`;
  for (const [i, leader] of leaders.entries()) {
    const which = leaders.length > 1 ? `第 ${i + 1} 位队长的` : '队长的';
    if (!leader.name) return `请填写${which}姓名`;
    if ([...leader.name].length > 20) return `${which}姓名最多 20 个字`;
    if (leader.phone && !MOBILE_PATTERN.test(leader.phone)) return `${which}手机号应为 11 位手机号`;
  }
  const phones = leaders.map((l) => l.phone).filter(Boolean);
  return new Set(phones).size === phones.length ? null : '同一个手机号填了两次';
}

export function checkTeamFields(raw: TeamFields): Checked<TeamFields> {
  const services = Array.from(new Set(raw.services.map(tidy).filter(Boolean)));
  const value: TeamFields = {
    ...raw,
    name: tidy(raw.name),
    description: raw.description.trim(),
    services,
    contactPhone: tidy(raw.contactPhone).replace(/\s/g, ''),
    leaders: raw.leaders.map((l) => ({ name: tidy(l.name), phone: tidy(l.phone).replace(/\s/g, '') })).filter((l) => l.name || l.phone),
  };
  return result(value, {
    name: nameProblem(value.name, '服务队'),
    serviceClass: (SERVICE_CLASSES as readonly string[]).includes(value.serviceClass) ? null : '请选择服务类别',
    communityId: value.communityId ? null : '请选择所属社区',
    description: descriptionProblem(value.description),
    services: !services.length
      ? '请至少填写一项服务内容'
      : services.length > SERVICES_MAX
        ? `服务内容最多 ${SERVICES_MAX} 项`
        : services.some((s) => [...s].length > SERVICE_MAX)
          ? `每项服务内容最多 ${SERVICE_MAX} 个字`
          : null,
    contactPhone: contactPhoneProblem(value.contactPhone),
    leaders: leadersProblem(value.leaders),
  });
}

export function checkTeamProfile(raw: TeamProfileFields): Checked<TeamProfileFields> {
  const value = { description: raw.description.trim(), contactPhone: tidy(raw.contactPhone).replace(/\s/g, '') };
  return result(value, { description: descriptionProblem(value.description), contactPhone: contactPhoneProblem(value.contactPhone) });
}

// ---- who may change what --------------------------------------------------------------------------

/**
 * Who may save (create, edit, deactivate) an object of the registry. Districts, streets and communities:
 * district admins only. Compounds and teams: admins, and the staff of the community they belong to, both
 * as it is and as it would be (`communityIds`: the community before and after), so staff cannot move one
 * out of their communities or into another's.
 */
export function maySave(actor: Actor, kind: RegistryKind, communityIds: Array<string | null> = []): boolean {
  if (actor.admin) return true;
  if (kind !== 'compounds' && kind !== 'teams') return false;
  return communityIds.length > 0 && communityIds.every((id) => servesCommunity(actor, id));
}

/** A team's profile (description and contact phone): its own leaders, its community's staff, admins. */
export function mayEditTeamProfile(actor: Actor, team: { _id: string; communityId: string }): boolean {
  return leadsTeam(actor, team._id) || maySave(actor, 'teams', [team.communityId]);
}

/** Who sees a community's registry lists (its compounds and teams, inactive ones and leaders' phones). */
export function seesRegistryOf(actor: Actor, communityId: string): boolean {
  return actor.admin || servesCommunity(actor, communityId);
}

/** What a deactivation needs first: a parent keeps no active children (move or deactivate them first). */
export const CHILDREN_OF: Partial<Record<RegistryKind, Array<{ kind: RegistryKind; field: string; label: string }>>> = {
  districts: [{ kind: 'streets', field: 'districtId', label: '街道' }],
  streets: [{ kind: 'communities', field: 'streetId', label: '社区' }],
  communities: [
    { kind: 'compounds', field: 'communityId', label: '小区' },
    { kind: 'teams', field: 'communityId', label: '服务队' },
  ],
};
