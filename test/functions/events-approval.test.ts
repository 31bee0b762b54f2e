import { createResidents as createResidentsOf } from '../helpers/booking-fixtures';
import { expectOk as ok } from '../helpers/cloud';
import { eventInput as eventInputOf, household, useEventsCloud } from '../helpers/events-fixtures';

/**
 * Events whose visitors need approval, and events held at a station, through the function host as the
 * app calls them: market visitors and banquet households start pending, holding their places, until
 * the event's staff approve or reject them (generalised from stall review); the flag applies to
 * sign-ups getting places from then on; a station place must be an open station of the community or
 * its street, standing where the station does, and the event then shows on the station's page.
 */

const COMMUNITY = 'c-approve';
const OTHER_COMMUNITY = 'c-approve-other';
const STREET = 's1'; // the street useEventsCloud puts every community on
const STAFF = 'ap-staff-here';
const OTHER_STAFF = 'ap-staff-there';
const ADMIN = 'ap-admin';

const { db, call, callFunction } = useEventsCloud({
  communities: { [COMMUNITY]: '审核社区', [OTHER_COMMUNITY]: '隔壁社区' },
  staff: { [STAFF]: COMMUNITY, [OTHER_STAFF]: OTHER_COMMUNITY },
  admin: ADMIN,
});
const createResidents = (prefix: string, n: number) => createResidentsOf(db, prefix, n, COMMUNITY);
const eventInput = (type: 'market' | 'banquet', extra: Record<string, unknown> = {}) => eventInputOf(COMMUNITY, type, extra);

async function publishedEvent(type: 'market' | 'banquet', extra: Record<string, unknown> = {}): Promise<string> {
  const draft = ok(await call('createEvent', eventInput(type, extra), STAFF));
  ok(await call('publishEvent', { eventId: draft.id }, STAFF));
  return draft.id;
}

const mine = async (eventId: string, openid: string) => ok(await call('getEvent', { eventId }, openid)).mine;
const messagesOf = async (openid: string) => ((await db.collection('messages').where({ openid }).get()) as { data: any[] }).data;
const outboxOf = async (openid: string) => ((await db.collection('outbox').where({ openid }).get()) as { data: any[] }).data;
const ledgerOf = async (eventId: string) => ((await db.collection('event_ledgers').doc(eventId).get()) as { data: any }).data;

describe('visitors who need approval', () => {
  test('market visitors hold their places while pending; staff of the community approve, or reject with a reason, and the resident is told', async () => {
    const eventId = await publishedEvent('market', { capacity: 5, visitorsNeedApproval: true, stallCaps: { food: 1 } });
    expect(ok(await call('getEvent', { eventId }, STAFF))).toMatchObject({ visitorsNeedApproval: true, placesLeft: 5 });
    const [a, b, c, d] = await createResidents('ap-market', 4);

    const sa = ok(await call('signUp', { eventId, kind: 'visitor', headcount: 3, subscribe: true }, a));
    expect(sa).toMatchObject({ status: 'pending', headcount: 3, entryCode: null, canChange: true, decision: null });
    const sb = ok(await call('signUp', { eventId, kind: 'visitor', headcount: 2 }, b));
    expect(sb.status).toBe('pending');
    // Pending sign-ups hold their places: the market is full.
    expect(ok(await call('getEvent', { eventId }, c))).toMatchObject({ placesLeft: 0 });
    expect(await call('signUp', { eventId, kind: 'visitor', headcount: 1 }, c)).toMatchObject({ code: 'FULL' });
    expect(ok(await call('signUp', { eventId, kind: 'visitor', headcount: 1, joinWaitlist: true }, c))).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect(ok(await call('signUp', { eventId, kind: 'stall', stall: { kind: 'food', description: '煎饼' } }, d)).status).toBe('pending');

    // Only the event's staff (and admins) review.
    expect(await call('reviewSignUp', { signUpId: sa.id, approve: true }, d)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('reviewSignUp', { signUpId: sa.id, approve: true }, OTHER_STAFF)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('reviewSignUp', { signUpId: 'no-such-sign-up', approve: true }, STAFF)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('reviewSignUp', { signUpId: sa.id, approve: false }, STAFF)).toMatchObject({ code: 'BAD_INPUT', message: '请填写不通过的原因' });

    const rejected = ok(await call('reviewSignUp', { signUpId: sa.id, approve: false, reason: '本次只限本小区居民' }, STAFF));
    expect(rejected).toMatchObject({ status: 'rejected', decision: { approved: false, by: '李社工', reason: '本次只限本小区居民' } });
    expect(await call('reviewSignUp', { signUpId: sa.id, approve: true }, STAFF)).toMatchObject({ code: 'CONFLICT', message: '这个报名已经处理过了' });
    expect((await messagesOf(a)).map((m) => [m.title, m.body])).toEqual([['报名未通过', '十二月幸福集市 的报名未通过：本次只限本小区居民']]);
    // a asked for subscribe messages, so one is queued, opening the event.
    expect((await outboxOf(a)).map((o) => [o.data.thing1, o.page])).toEqual([['报名未通过', `pages/events/detail?id=${eventId}`]]);

    // The three places went to the waitlist: c has them now, pending approval as every visitor here.
    expect(await mine(eventId, c)).toMatchObject([{ status: 'pending', waitlistPosition: null, entryCode: null }]);
    expect((await messagesOf(c)).map((m) => m.title)).toEqual(['候补成功：等待社区审核']);

    const approved = ok(await call('reviewSignUp', { signUpId: sb.id, approve: true }, ADMIN));
    expect(approved).toMatchObject({ status: 'confirmed', decision: { approved: true, by: '王管理' } });
    expect((await mine(eventId, b))[0].entryCode).toMatch(/^XFJY1:/);
    expect((await messagesOf(b)).map((m) => [m.title, m.body])).toEqual([['报名已通过', '十二月幸福集市 的报名已通过，活动当天请出示签到码（2 人）。']]);
    expect(await outboxOf(b)).toEqual([]);

    const roster = ok(await call('roster', { eventId }, STAFF));
    expect(roster.signUps.filter((s: any) => s.status === 'pending').map((s: any) => [s.kind, s.name])).toEqual([
      ['visitor', '居民2'],
      ['stall', '居民3'],
    ]);
    expect(roster.totals).toMatchObject({ people: 3, signUps: 2, waitlisted: 0, stalls: 1 });
    const ledger = await ledgerOf(eventId);
    expect(ledger).toMatchObject({ held: 3, waitlist: [], pools: expect.objectContaining({ food: { cap: 1, held: 1 } }) });
  });

  test('banquet households wait for approval too; a rejection frees their places and their dish for the waitlist', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 4, dishCaps: { hot: 1, cold: 2 }, visitorsNeedApproval: true });
    const [a, b, c] = await createResidents('ap-banquet', 3);
    const sa = ok(await call('signUp', household(eventId, 3, 'hot'), a));
    expect(sa).toMatchObject({ status: 'pending', dish: { kind: 'hot' } });
    const sc = ok(await call('signUp', household(eventId, 1, 'cold'), c));
    expect(sc.status).toBe('pending');
    // No place and no hot dish left: b waits.
    expect(await call('signUp', household(eventId, 2, 'hot'), b)).toMatchObject({ code: 'FULL' });
    const sb = ok(await call('signUp', household(eventId, 2, 'hot', { joinWaitlist: true }), b));
    expect(sb.status).toBe('waitlisted');
    expect(ok(await call('getEvent', { eventId }, b)).dishes.hot).toEqual({ cap: 1, taken: 1, left: 0 });

    expect(await call('reviewSignUp', { signUpId: sa.id, approve: false, reason: '热菜已经够了' }, OTHER_STAFF)).toMatchObject({ code: 'FORBIDDEN' });
    ok(await call('reviewSignUp', { signUpId: sa.id, approve: false, reason: '热菜已经够了' }, STAFF));
    expect(await mine(eventId, b)).toMatchObject([{ id: sb.id, status: 'pending', headcount: 2 }]);
    ok(await call('reviewSignUp', { signUpId: sc.id, approve: true }, STAFF));
    expect(await mine(eventId, c)).toMatchObject([{ status: 'confirmed' }]);

    const detail = ok(await call('getEvent', { eventId }, a));
    expect(detail).toMatchObject({ placesLeft: 1, waitlisted: 0, mine: [] });
    expect(detail.dishes).toMatchObject({ hot: { taken: 1, left: 0 }, cold: { taken: 1, left: 1 } });
    expect((await messagesOf(a)).map((m) => m.title)).toEqual(['报名未通过']);
    expect((await messagesOf(b)).map((m) => m.title)).toEqual(['候补成功：等待社区审核']);
    expect((await messagesOf(c)).map((m) => m.title)).toEqual(['报名已通过']);
  });

  test('changing the flag applies to sign-ups getting places from then on; those holding places keep their state', async () => {
    const eventId = await publishedEvent('market', { capacity: 3, maxHeadcount: 4, stallCaps: { food: 2 } });
    const [a, b, c, d] = await createResidents('ap-switch', 4);
    const sa = ok(await call('signUp', { eventId, kind: 'visitor', headcount: 2 }, a));
    expect(sa.status).toBe('confirmed');
    const sb = ok(await call('signUp', { eventId, kind: 'visitor', headcount: 2, joinWaitlist: true }, b));
    expect(sb.status).toBe('waitlisted');

    // Only the flag is sent: the other fields stay as they were (no defaults fill them in).
    const turnedOn = ok(await call('updateEvent', { eventId, visitorsNeedApproval: true }, STAFF));
    expect(turnedOn).toMatchObject({ visitorsNeedApproval: true, maxHeadcount: 4, stalls: expect.objectContaining({ food: { cap: 2, taken: 0, left: 2 } }) });
    expect(await mine(eventId, a)).toMatchObject([{ status: 'confirmed' }]);

    // a leaves: b is promoted into places that now need approval.
    ok(await call('cancelSignUp', { signUpId: sa.id }, a));
    expect(await mine(eventId, b)).toMatchObject([{ status: 'pending' }]);
    expect(ok(await call('signUp', { eventId, kind: 'visitor', headcount: 1 }, c)).status).toBe('pending');

    const turnedOff = ok(await call('updateEvent', { eventId, visitorsNeedApproval: false }, STAFF));
    expect(turnedOff.visitorsNeedApproval).toBe(false);
    // Pending ones still wait for a decision; new ones are confirmed at once.
    expect(await mine(eventId, b)).toMatchObject([{ status: 'pending' }]);
    expect(await mine(eventId, c)).toMatchObject([{ status: 'pending' }]);
    ok(await call('cancelSignUp', { signUpId: (await mine(eventId, c))[0].id }, c));
    expect(ok(await call('signUp', { eventId, kind: 'visitor', headcount: 1 }, d)).status).toBe('confirmed');
  });

  test('events made before the flag (no field stored) take visitors at once', async () => {
    const eventId = await publishedEvent('market');
    const { _id, visitorsNeedApproval, ...before } = ((await db.collection('events').doc(eventId).get()) as { data: any }).data;
    expect(visitorsNeedApproval).toBe(false);
    await db.collection('events').doc(eventId).set({ data: before });
    const [a] = await createResidents('ap-old', 1);
    expect(ok(await call('getEvent', { eventId }, a)).visitorsNeedApproval).toBe(false);
    expect(ok(await call('signUp', { eventId, kind: 'visitor', headcount: 1 }, a)).status).toBe('confirmed');
  });
});

describe('an event held at a station', () => {
  const at = { lng: 121.2612, lat: 37.5021 };
  const station = (id: string, fields: Record<string, unknown> = {}) => ({
    _id: id,
    name: `服务站${id}`,
    level: 'community',
    streetId: STREET,
    communityId: COMMUNITY,
    address: `福山区${id}路 1 号`,
    location: db.Geo.Point(at.lng, at.lat),
    phone: '0535-1234567',
    services: ['理发'],
    openingHours: {},
    exceptions: [],
    active: true,
    ...fields,
  });
  const placeAt = (stationId: string, location: unknown = at) => ({ address: '服务站一楼活动室', location, stationId });

  beforeAll(async () => {
    await db.collection('stations').add({
      data: [
        station('ap-st-here'),
        station('ap-st-shown'),
        station('ap-st-closed', { active: false }),
        station('ap-st-there', { communityId: OTHER_COMMUNITY }),
        station('ap-st-street', { level: 'street', communityId: null }),
        station('ap-st-far-street', { level: 'street', communityId: null, streetId: 's-elsewhere' }),
      ],
    } as never);
  });

  test('the place must be an open station of the community or of its street, standing where the station does', async () => {
    const create = (place: unknown, openid = STAFF) => call('createEvent', eventInput('market', { place }), openid);
    expect(await create(placeAt('ap-st-none'))).toMatchObject({ code: 'BAD_INPUT', message: '没有找到所选的服务站，请重新选择活动地点' });
    expect(await create(placeAt('ap-st-closed'))).toMatchObject({ code: 'BAD_INPUT', message: '服务站ap-st-closed已停用，请另选活动地点' });
    expect(await create(placeAt('ap-st-there'))).toMatchObject({ code: 'BAD_INPUT', message: '服务站ap-st-there不是本社区或本街道的服务站，请另选活动地点' });
    expect(await create(placeAt('ap-st-far-street'))).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('不是本社区或本街道的服务站') });
    expect(await create(placeAt('ap-st-here', { lng: 121.27, lat: 37.5021 }))).toMatchObject({
      code: 'BAD_INPUT',
      message: '活动地点的位置要和服务站ap-st-here的位置一致，请重新选择服务站',
    });
    // Every place has a position, a station's included (the contract refuses it before the station is read).
    expect(await create(placeAt('ap-st-here', null))).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('请在地图上选定活动地点') });

    const here = ok(await create(placeAt('ap-st-here')));
    expect(here.place).toEqual(placeAt('ap-st-here'));
    // A street station serves every community of its street.
    expect(ok(await create(placeAt('ap-st-street'))).place.stationId).toBe('ap-st-street');

    // Moving an event is checked the same way; an address with a position needs no station.
    expect(await call('updateEvent', { eventId: here.id, place: placeAt('ap-st-there') }, STAFF)).toMatchObject({ code: 'BAD_INPUT' });
    const moved = ok(
      await call('updateEvent', { eventId: here.id, place: { address: '社区广场', location: { lng: 121.26, lat: 37.5 }, stationId: null } }, STAFF),
    );
    expect(moved.place).toEqual({ address: '社区广场', location: { lng: 121.26, lat: 37.5 }, stationId: null });

    // An event already at a station that has closed since may still be edited without moving it.
    const stays = ok(await create(placeAt('ap-st-here')));
    await db
      .collection('stations')
      .doc('ap-st-here')
      .update({ data: { active: false } });
    expect(ok(await call('updateEvent', { eventId: stays.id, title: '改了名字的集市', place: placeAt('ap-st-here') }, STAFF)).title).toBe('改了名字的集市');
    expect(await call('updateEvent', { eventId: moved.id, place: placeAt('ap-st-here') }, STAFF)).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('已停用'),
    });
  });

  test("a published event at a station shows on the station's page; drafts and events elsewhere do not", async () => {
    const [resident] = await createResidents('ap-station', 1);
    const shown = await publishedEvent('banquet', { title: '服务站里的百家宴', place: placeAt('ap-st-shown') });
    ok(await call('createEvent', eventInput('market', { title: '还是草稿的集市', place: placeAt('ap-st-shown') }), STAFF));
    await publishedEvent('market', { title: '广场上的集市' });

    const page = ok(await callFunction('stations', 'get', { stationId: 'ap-st-shown' }, resident));
    expect(page.events.map((e: any) => [e.id, e.title, e.communityName, e.place.stationId])).toEqual([[shown, '服务站里的百家宴', '审核社区', 'ap-st-shown']]);
  });
});
