import type { Contracts } from '../contract';

/**
 * The most database calls (reads, writes, transaction starts and ends) one invocation of each action
 * may make: WeChat Cloud counts each call against the plan's quota and its 30 QPS. The local cloud
 * fails an invocation over its budget when LOCALCLOUD_CALL_BUDGETS=1 (the tests and `npm start`), so
 * every test that calls an action checks its budget. Work that grows with the data is paged or fanned
 * out (jobs), so each budget is a constant. `npm run report:calls` lists what each action made in the
 * tests (docs/PERFORMANCE.md).
 */
type ActionBudgets = { [F in keyof Contracts]: { [A in keyof Contracts[F]]: number } };
/** The timer-triggered functions: a run is bounded by its time budget and its pages. */
type TimerBudgets = { reminders: number; outbox: number };

// A transaction costs its start and commit besides its reads and writes; a page of a list one read.
const ACTIONS: ActionBudgets = {
  // A role change: the caller, then a transaction of the person, their team, three writes.
  // searchPeople: the caller, one page, and the names of the page's roles' teams and communities.
  account: { whoami: 4, phoneFromWeChat: 0, updateProfile: 8, grantRole: 11, revokeRole: 12, claimFirstAdmin: 9, listUsers: 5, searchPeople: 5 },
  // accept: the caller's misses, then one transaction of the invitation, the person, the inviter, the
  // team and four writes (a role change and the use); an unknown code adds the miss written.
  invitations: { create: 8, list: 3, revoke: 6, preview: 4, accept: 14 },
  directory: { listStreets: 2, listCommunities: 2, nearestCompound: 2 },
  service: {
    // Near home: the community and its neighbours (2), their teams (2, more past 100 neighbours' teams), the rest, the names.
    listTeams: 6,
    getTeam: 3,
    // The change, the job recorded, then at most six steps (jobs.ts actionRunLimits) of one transaction
    // ending up to five bookings each (34 calls), or moving up to three to the new day (30 calls), and the
    // job's write. Measured: a day of ten bookings moved in 75 calls (4 steps).
    saveSchedule: 240,
    cancelOccurrence: 230,
    moveOccurrence: 230,
  },
  events: {
    listUpcoming: 6,
    listMonth: 6,
    getEvent: 5,
    // Waitlisted households let in when one leaves or shrinks: at most as many as the places it freed.
    signUp: 10,
    changeSignUp: 20,
    cancelSignUp: 20,
    mySignUps: 3,
    // The station the event is held at, when it names one.
    createEvent: 9,
    // Raising the places lets the waitlist in, in the same transaction.
    updateEvent: 20,
    publishEvent: 8,
    // The cancellation and its job in one transaction, then at most six steps of seven calls (100 sign-ups each).
    cancelEvent: 60,
    // A rejection lets waitlisted households in.
    reviewSignUp: 16,
    roster: 6,
    // Every sign-up of an event of at most 2,000 places, a page of 100 at a time.
    exportRoster: 40,
    checkIn: 10,
    communityEvents: 6,
  },
  stations: { nearest: 2, get: 4, listForStaff: 3, save: 7, setActive: 7, coverage: 5 },
  booking: {
    day: 4,
    // A slot's first booking also creates the slot and marks the team (12).
    book: 12,
    // One waitlisted resident promoted with the place given back.
    cancel: 16,
    mine: 3,
    get: 4,
    approvalQueue: 3,
    decide: 16,
    session: 4,
    checkIn: 10,
    markNoShows: 10,
    setCapacity: 12,
  },
  messages: { list: 2, unreadCount: 1, markRead: 2 },
  // A save: the caller, the natural key's query, then a transaction of the object, its parent, one write and
  // its audit entry; a move brings copies in line after it (a community's compounds and stations, a team's
  // coming bookings: one update each). Deactivating first counts the children still in use.
  // Reading the district's registry whole (five collections, a page of 100 each); applying: the import and
  // its job in one transaction, then at most six steps of two rows of about fifteen calls each.
  imports: { template: 2, exportRegistry: 20, preview: 22, rows: 2, apply: 220 },
  registry: {
    listDistricts: 3,
    listStreets: 3,
    listCommunities: 3,
    listCompounds: 2,
    listTeams: 2,
    saveDistrict: 9,
    saveStreet: 9,
    saveCommunity: 11,
    saveCompound: 9,
    saveTeam: 10,
    updateTeamProfile: 6,
    setDistrictActive: 8,
    setStreetActive: 8,
    setCommunityActive: 9,
    setCompoundActive: 8,
    setTeamActive: 9,
    listChanges: 3,
  },
};

const TIMERS: TimerBudgets = {
  // REMINDERS_PER_RUN (150) reminders of six calls each, and their pages.
  reminders: 920,
  // JOB_STEPS_PER_RUN (20) steps of at most 35 calls, then SENDS_PER_RUN (300) sends of two calls each, and their pages.
  outbox: 1350,
};

/** Budgets by `function.action`, and by name for the timer functions. */
export const CALL_BUDGETS: Record<string, number> = {
  ...Object.fromEntries(Object.entries(ACTIONS).flatMap(([fn, actions]) => Object.entries(actions).map(([action, budget]) => [`${fn}.${action}`, budget]))),
  ...TIMERS,
};
