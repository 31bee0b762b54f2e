import { ActionAnswer, TestCloud, callAction, startCloud, useCloudFromThisProcess } from './cloud';
import { msLeftToday } from './clock';
import { lateBound } from './late-bound';
import { storedRoles } from './roles';

/** What the function tests of community events share: their cloud with communities, staff and an admin, and an event's fields. */
type Sdk = typeof import('wx-server-sdk');
type Db = ReturnType<Sdk['database']>;

const HOUR = 3600_000;

export interface EventsPeople {
  /** Community ids and their names. */
  communities: Record<string, string>;
  /** Staff OPENIDs and the community each keeps. */
  staff: Record<string, string>;
  /** The district admin's OPENID. */
  admin: string;
}

/**
 * One local cloud for a test file of the events function: before its tests, started, this process's
 * SDK pointed at it and the communities, their staff and the admin written; after them, stopped.
 * Call at the top of the file. `db` is the SDK's database once the cloud is there; `call` calls an
 * events action as the app does, `callFunction` an action of another function (e.g. `stations`);
 * `url` is the cloud's. `env`: the cloud's own settings (e.g. LOCALCLOUD_PROFILE).
 */
export function useEventsCloud(
  people: EventsPeople,
  env: Record<string, string> = {},
): {
  db: Db;
  url: () => string;
  call: (action: string, input: unknown, openid?: string) => Promise<ActionAnswer>;
  callFunction: (fn: string, action: string, input: unknown, openid?: string) => Promise<ActionAnswer>;
} {
  let cloud: TestCloud | undefined;
  let database: Db | undefined;
  beforeAll(async () => {
    cloud = await startCloud({ env });
    useCloudFromThisProcess(cloud);
    const sdk = require('wx-server-sdk') as Sdk;
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
    database = sdk.database();
    for (const [id, name] of Object.entries(people.communities)) {
      await database
        .collection('communities')
        .doc(id)
        .set({ data: { code: id, name, streetId: 's1', location: database.Geo.Point(121.26, 37.5), households: 100 } });
    }
    const now = new Date();
    const user = (openid: string, role: 'staff' | 'admin', communityId: string | null) => ({
      _id: openid,
      name: role === 'admin' ? '王管理' : '李社工',
      phone: '13700000000',
      communityId,
      ...storedRoles(role === 'admin' ? { admin: true } : { staffOf: communityId ? [communityId] : [] }),
      createdAt: now,
      updatedAt: now,
    });
    const staff = Object.entries(people.staff).map(([openid, communityId]) => user(openid, 'staff', communityId));
    await database.collection('users').add({ data: [...staff, user(people.admin, 'admin', null)] } as never);
  }, 60_000);
  afterAll(() => cloud?.stop());

  const db = lateBound(() => database, 'the database of the events tests');
  const callFunction = (fn: string, action: string, input: unknown, openid?: string) => {
    if (!cloud) throw new Error('the cloud of the events tests is there only inside a test');
    return callAction(cloud.url, fn, action, input, openid);
  };
  const call = (action: string, input: unknown, openid?: string) => callFunction('events', action, input, openid);
  const url = () => {
    if (!cloud) throw new Error('the cloud of the events tests is there only inside a test');
    return cloud.url;
  };
  return { db, url, call, callFunction };
}

/** createEvent's fields for `communityId`, starting `startsIn` ms from now (negative: in the past), two hours long, sign-up closing `deadlineIn` ms from now (at the latest at the start). */
export function eventInput(communityId: string, type: 'market' | 'banquet', extra: Record<string, unknown> = {}, startsIn = 48 * HOUR, deadlineIn = 24 * HOUR) {
  const now = Date.now();
  return {
    communityId,
    type,
    title: type === 'banquet' ? '十二月百家宴' : '十二月幸福集市',
    description: '测试活动',
    place: { address: '社区文化广场', location: { lng: 121.26, lat: 37.5 }, stationId: null },
    startAt: new Date(now + startsIn).toISOString(),
    endAt: new Date(now + startsIn + 2 * HOUR).toISOString(),
    deadline: new Date(now + Math.min(deadlineIn, startsIn)).toISOString(),
    capacity: 20,
    ...extra,
  };
}

/**
 * How soon an event may start and still be today in China (check-in is on the day only): `max` ms,
 * or half of what is left of today, so that a suite run at 23:50 still has its event today.
 */
export function laterToday(max = 10 * 60_000): number {
  return Math.min(max, Math.floor(msLeftToday() / 2));
}

/** A household's sign-up to a 百家宴 with one dish of `kind`. */
export const household = (eventId: string, headcount: number, kind: string, extra: object = {}) => ({
  eventId,
  kind: 'household',
  headcount,
  dish: { kind, name: `${kind}菜` },
  ...extra,
});
