import type { Contracts, ErrorCode, FunctionName, GrantedRole } from './index';

/**
 * Who may call each action and what it may answer, read from the functions' code (requireRole,
 * requireTeamLeader, the checks of rules/permissions.ts, their `AppError`s): docs/API.md is generated from
 * it, and test/functions/access.test.ts calls every action to hold the roles to the code. Typed against
 * the contracts, so an action added, renamed or removed fails to compile here until it is described.
 * (Not exported from ./index: the app and the functions never read it.)
 */

/**
 * The kinds of caller: `visitor`s without a WeChat identity (a page shared to 朋友圈 and opened there in
 * single-page mode), `anyone` with one (profile or not), `registered` people with a profile, and the
 * granted roles. Scopes (whose team, which community) are words in `scope`.
 */
export type Caller = 'visitor' | 'anyone' | 'registered' | GrantedRole;

export const CALLER_LABELS: Record<Caller, string> = {
  visitor: 'visitors not signed in (public data only)',
  anyone: 'anyone signed in',
  registered: 'anyone with a profile',
  leader: 'leaders',
  staff: 'staff',
  admin: 'admins',
};

export interface ActionAccess {
  /** The kinds of caller the action serves; anyone else is refused FORBIDDEN. */
  roles: readonly Caller[];
  /** How far each role reaches, when not everything: whose team, which community. */
  scope?: string;
  /** What the action answers beyond EVERY_ACTION_ERRORS. */
  errors: readonly ErrorCode[];
}

/**
 * What any action may answer: input refused by its schema or a cursor of another list (BAD_INPUT), the
 * database's limits reached or a transaction's retries run out (BUSY), an unexpected fault (INTERNAL).
 */
export const EVERY_ACTION_ERRORS: readonly ErrorCode[] = ['BAD_INPUT', 'BUSY', 'INTERNAL'];

export type Access = { [F in FunctionName]: { [A in keyof Contracts[F]]: ActionAccess } };

const ANYONE = ['anyone'] as const;
/** A shared page's read: its public data to visitors, and their own parts to anyone signed in. */
const VISITORS = ['visitor', 'anyone'] as const;
const KEEPERS = ['staff', 'admin'] as const;
const ADMIN = ['admin'] as const;
const LEADER = ['leader'] as const;
const SIGNED_IN: readonly ErrorCode[] = ['UNAUTHENTICATED'];
const GUARDED: readonly ErrorCode[] = ['UNAUTHENTICATED', 'FORBIDDEN'];
const TEAM_LEADER = "the team's leaders only (admins included)";
const EVENT_STAFF = "staff of the event's community; admins any";
const COMMUNITY_STAFF = 'staff of its community (of both, to move it); admins any';

export const access: Access = {
  account: {
    whoami: { roles: ANYONE, errors: SIGNED_IN },
    phoneFromWeChat: { roles: ANYONE, scope: 'their own number, as WeChat gives it', errors: SIGNED_IN },
    updateProfile: { roles: ANYONE, scope: 'their own profile', errors: [...SIGNED_IN, 'NOT_FOUND'] },
    grantRole: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND', 'FULL'] },
    revokeRole: { roles: KEEPERS, scope: "admins any role; staff the leaders of their communities' teams", errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    claimFirstAdmin: { roles: ['registered'], scope: 'with the setup code, once per environment', errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    listUsers: { roles: ADMIN, errors: GUARDED },
    searchPeople: { roles: KEEPERS, scope: 'admins anyone; staff the people registered in their communities', errors: GUARDED },
  },
  directory: {
    listStreets: { roles: ANYONE, errors: SIGNED_IN },
    listCommunities: { roles: ANYONE, errors: SIGNED_IN },
    nearestCompound: { roles: ANYONE, errors: SIGNED_IN },
  },
  service: {
    listTeams: { roles: ANYONE, errors: SIGNED_IN },
    getTeam: { roles: VISITORS, errors: ['NOT_FOUND'] },
    saveSchedule: { roles: LEADER, scope: TEAM_LEADER, errors: [...GUARDED, 'NOT_FOUND'] },
    cancelOccurrence: { roles: LEADER, scope: TEAM_LEADER, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT', 'CLOSED'] },
    moveOccurrence: { roles: LEADER, scope: TEAM_LEADER, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT', 'CLOSED'] },
  },
  events: {
    listUpcoming: { roles: ANYONE, errors: SIGNED_IN },
    listMonth: { roles: ANYONE, errors: SIGNED_IN },
    getEvent: { roles: VISITORS, scope: 'a draft only its staff and admins', errors: ['NOT_FOUND'] },
    signUp: { roles: ['registered'], errors: [...SIGNED_IN, 'NOT_FOUND', 'CONFLICT', 'FULL', 'CLOSED'] },
    changeSignUp: { roles: ANYONE, scope: 'their own sign-up', errors: [...SIGNED_IN, 'NOT_FOUND', 'CONFLICT', 'FULL', 'CLOSED'] },
    cancelSignUp: { roles: ANYONE, scope: 'their own sign-up', errors: [...SIGNED_IN, 'NOT_FOUND', 'CONFLICT', 'CLOSED'] },
    mySignUps: { roles: ANYONE, errors: SIGNED_IN },
    createEvent: { roles: KEEPERS, scope: 'staff of `communityId`; admins any', errors: [...GUARDED, 'NOT_FOUND'] },
    updateEvent: { roles: KEEPERS, scope: EVENT_STAFF, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT', 'CLOSED'] },
    publishEvent: { roles: KEEPERS, scope: EVENT_STAFF, errors: [...GUARDED, 'NOT_FOUND', 'CLOSED'] },
    cancelEvent: { roles: KEEPERS, scope: EVENT_STAFF, errors: [...GUARDED, 'NOT_FOUND'] },
    reviewSignUp: { roles: KEEPERS, scope: EVENT_STAFF, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    roster: { roles: KEEPERS, scope: EVENT_STAFF, errors: [...GUARDED, 'NOT_FOUND'] },
    checkIn: { roles: KEEPERS, scope: EVENT_STAFF, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT', 'CLOSED'] },
    communityEvents: { roles: KEEPERS, scope: 'staff their communities; admins any, `communityId` required', errors: GUARDED },
    exportRoster: { roles: KEEPERS, scope: EVENT_STAFF, errors: [...GUARDED, 'NOT_FOUND'] },
  },
  stations: {
    nearest: { roles: ANYONE, errors: SIGNED_IN },
    get: { roles: ANYONE, scope: 'an inactive station only the staff and admins who keep it', errors: [...SIGNED_IN, 'NOT_FOUND'] },
    listForStaff: { roles: KEEPERS, scope: 'staff their community; admins all, or `communityId`', errors: GUARDED },
    save: { roles: KEEPERS, scope: "staff their community's community- and compound-level stations; admins any", errors: [...GUARDED, 'NOT_FOUND'] },
    setActive: { roles: KEEPERS, scope: "staff their community's community- and compound-level stations; admins any", errors: [...GUARDED, 'NOT_FOUND'] },
    coverage: { roles: KEEPERS, scope: 'staff their community; admins a community, a street or the district', errors: [...GUARDED, 'NOT_FOUND'] },
  },
  booking: {
    day: { roles: VISITORS, errors: ['NOT_FOUND'] },
    book: { roles: ['registered'], errors: [...SIGNED_IN, 'NOT_FOUND', 'CONFLICT', 'FULL', 'CLOSED', 'LIMIT'] },
    cancel: { roles: ANYONE, scope: 'their own booking', errors: [...SIGNED_IN, 'NOT_FOUND', 'CONFLICT', 'CLOSED'] },
    mine: { roles: ANYONE, errors: SIGNED_IN },
    get: { roles: ANYONE, scope: "their own booking; the team's leaders and its community's staff theirs", errors: [...SIGNED_IN, 'NOT_FOUND'] },
    approvalQueue: { roles: KEEPERS, scope: 'staff their communities; admins all', errors: GUARDED },
    decide: { roles: KEEPERS, scope: "staff their communities' bookings; admins any (others answered not ok one by one)", errors: GUARDED },
    session: { roles: LEADER, scope: TEAM_LEADER, errors: [...GUARDED, 'NOT_FOUND'] },
    checkIn: { roles: LEADER, scope: TEAM_LEADER, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT', 'CLOSED'] },
    markNoShows: { roles: LEADER, scope: TEAM_LEADER, errors: [...GUARDED, 'NOT_FOUND', 'CLOSED'] },
    setCapacity: { roles: LEADER, scope: TEAM_LEADER, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT', 'CLOSED'] },
  },
  messages: {
    list: { roles: ANYONE, scope: 'their own messages', errors: SIGNED_IN },
    unreadCount: { roles: ANYONE, scope: 'their own messages', errors: SIGNED_IN },
    markRead: { roles: ANYONE, scope: 'their own messages', errors: SIGNED_IN },
  },
  registry: {
    listDistricts: { roles: KEEPERS, errors: GUARDED },
    listStreets: { roles: ADMIN, errors: GUARDED },
    listCommunities: { roles: KEEPERS, scope: "staff their own; admins all, or a street's", errors: GUARDED },
    listCompounds: { roles: KEEPERS, scope: "staff their communities'; admins any", errors: GUARDED },
    listTeams: { roles: KEEPERS, scope: "staff their communities'; admins any", errors: GUARDED },
    saveDistrict: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    saveStreet: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    saveCommunity: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    saveCompound: { roles: KEEPERS, scope: COMMUNITY_STAFF, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    saveTeam: { roles: KEEPERS, scope: COMMUNITY_STAFF, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    updateTeamProfile: {
      roles: ['leader', 'staff', 'admin'],
      scope: "the team's leaders, its community's staff; admins any",
      errors: [...GUARDED, 'NOT_FOUND'],
    },
    setDistrictActive: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    setStreetActive: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    setCommunityActive: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    setCompoundActive: { roles: KEEPERS, scope: COMMUNITY_STAFF, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    setTeamActive: { roles: KEEPERS, scope: COMMUNITY_STAFF, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
    listChanges: { roles: ADMIN, errors: GUARDED },
  },
  imports: {
    template: { roles: ADMIN, errors: GUARDED },
    exportRegistry: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND'] },
    preview: { roles: ADMIN, scope: 'their own upload', errors: [...GUARDED, 'NOT_FOUND', 'FILE_TOO_LARGE', 'FILE_NOT_XLSX', 'FILE_DAMAGED'] },
    rows: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND'] },
    apply: { roles: ADMIN, errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT'] },
  },
  invitations: {
    create: { roles: KEEPERS, scope: "admins any grant; staff leaders of their communities' teams", errors: [...GUARDED, 'NOT_FOUND'] },
    list: { roles: KEEPERS, scope: "admins all; staff their communities' leader invitations", errors: GUARDED },
    revoke: { roles: KEEPERS, scope: 'as `list`', errors: [...GUARDED, 'NOT_FOUND'] },
    preview: { roles: ANYONE, errors: [...SIGNED_IN, 'NOT_FOUND', 'LIMIT'] },
    accept: { roles: ['registered'], errors: [...GUARDED, 'NOT_FOUND', 'CONFLICT', 'FULL', 'CLOSED', 'LIMIT'] },
  },
};
