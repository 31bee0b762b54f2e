import { createResidents as createResidentsOf } from '../helpers/booking-fixtures';
import { expectOk } from '../helpers/cloud';
import { eventInput as eventInputOf, household, laterToday, useEventsCloud } from '../helpers/events-fixtures';

/**
 * Community events through the function host, as the app calls them: staff create, publish, change and
 * cancel 幸福集市 and 百家宴; residents sign up (households with headcounts and dishes, market visitors and
 * stalls), change and cancel; staff review stalls, see the roster and check people in — and the races
 * that must never exceed places, dish caps or stall counts.
 */

const COMMUNITY = 'c-events';
const OTHER_COMMUNITY = 'c-elsewhere';
const STAFF = 'ev-staff-here';
const OTHER_STAFF = 'ev-staff-there';
const ADMIN = 'ev-admin';
const HOUR = 3600_000;

const { db, call } = useEventsCloud({
  communities: { [COMMUNITY]: '活动社区', [OTHER_COMMUNITY]: '别的社区' },
  staff: { [STAFF]: COMMUNITY, [OTHER_STAFF]: OTHER_COMMUNITY },
  admin: ADMIN,
});
const ok = expectOk;
const createResidents = (prefix: string, n: number) => createResidentsOf(db, prefix, n, COMMUNITY);
const eventInput = (type: 'market' | 'banquet', extra: Record<string, unknown> = {}, startsIn?: number, deadlineIn?: number) =>
  eventInputOf(COMMUNITY, type, extra, startsIn, deadlineIn);

/** A published event, made by staff as the app would. */
async function publishedEvent(type: 'market' | 'banquet', extra: Record<string, unknown> = {}, startsIn?: number, deadlineIn?: number): Promise<string> {
  const draft = ok(await call('createEvent', eventInput(type, extra, startsIn, deadlineIn), STAFF));
  ok(await call('publishEvent', { eventId: draft.id }, STAFF));
  return draft.id;
}

async function state(eventId: string) {
  const { data: ledger } = (await db.collection('event_ledgers').doc(eventId).get()) as { data: any };
  const { data: event } = (await db.collection('events').doc(eventId).get()) as { data: any };
  const signUps: any[] = [];
  for (;;) {
    const { data: page } = (await db.collection('sign_ups').where({ eventId }).orderBy('_id', 'asc').skip(signUps.length).limit(100).get()) as { data: any[] };
    signUps.push(...page);
    if (page.length < 100) return { ledger, event, signUps };
  }
}

/** The ledger agrees with the sign-ups: people and kinds held are the holding sign-ups' sums, within caps; the waitlist is the waiting ones. */
function expectConsistent({ ledger, event, signUps }: { ledger: any; event: any; signUps: any[] }) {
  const holding = signUps.filter((s) => ['confirmed', 'pending', 'attended'].includes(s.status));
  expect(ledger.held).toBe(holding.reduce((n, s) => n + s.headcount, 0));
  expect(ledger.held).toBeLessThanOrEqual(ledger.capacity);
  expect(event.taken).toBe(ledger.held);
  const kinds: Record<string, number> = {};
  for (const s of holding) {
    const kind = s.dish?.kind ?? s.stall?.kind;
    if (kind) kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  for (const [kind, pool] of Object.entries<any>(ledger.pools)) {
    expect({ kind, held: pool.held }).toEqual({ kind, held: kinds[kind] ?? 0 });
    expect(pool.held).toBeLessThanOrEqual(pool.cap);
  }
  expect([...ledger.waitlist].sort()).toEqual(
    signUps
      .filter((s) => s.status === 'waitlisted')
      .map((s) => s._id)
      .sort(),
  );
  const active = signUps.filter((s) => ['confirmed', 'pending', 'waitlisted'].includes(s.status));
  expect(Object.values(ledger.holders).sort()).toEqual(active.map((s) => s._id).sort());
}

describe('staff run events', () => {
  test('staff of the community create a draft, residents cannot see it until it is published', async () => {
    const [resident] = await createResidents('ev-draft', 1);
    expect(await call('createEvent', eventInput('banquet'), resident)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('createEvent', eventInput('banquet'), OTHER_STAFF)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('createEvent', eventInput('banquet', { communityId: 'no-such' }), ADMIN)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('createEvent', eventInput('banquet', { stallCaps: { food: 2 } }), STAFF)).toMatchObject({ code: 'BAD_INPUT' });
    const bad = eventInput('banquet');
    expect(await call('createEvent', { ...bad, deadline: new Date(Date.parse(bad.startAt) + HOUR).toISOString() }, STAFF)).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('报名截止'),
    });
    expect(await call('createEvent', { ...bad, endAt: bad.startAt }, STAFF)).toMatchObject({ code: 'BAD_INPUT' });

    const draft = ok(await call('createEvent', eventInput('banquet', { dishCaps: { cold: 2, hot: 1 }, maxHeadcount: 4 }), STAFF));
    expect(draft).toMatchObject({ status: 'draft', capacity: 20, placesLeft: 20, maxHeadcount: 4, open: false, stalls: null, mine: [] });
    expect(draft.dishes).toEqual({
      cold: { cap: 2, taken: 0, left: 2 },
      hot: { cap: 1, taken: 0, left: 1 },
      staple: { cap: 0, taken: 0, left: 0 },
      soup: { cap: 0, taken: 0, left: 0 },
      dessert: { cap: 0, taken: 0, left: 0 },
    });
    expect(await call('getEvent', { eventId: draft.id }, resident)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('signUp', household(draft.id, 2, 'cold'), resident)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('publishEvent', { eventId: draft.id }, OTHER_STAFF)).toMatchObject({ code: 'FORBIDDEN' });
    expect(ok(await call('publishEvent', { eventId: draft.id }, ADMIN))).toMatchObject({ status: 'published', open: true });
    // Publishing again answers as it stands.
    expect(ok(await call('publishEvent', { eventId: draft.id }, STAFF)).status).toBe('published');
    expect(ok(await call('getEvent', { eventId: draft.id }, resident)).status).toBe('published');
    const listed = ok(await call('listUpcoming', { communityId: COMMUNITY }, resident)).items.map((e: any) => e.id);
    expect(listed).toContain(draft.id);
  });

  test('updateEvent changes fields; places and caps never below what is taken; raising lets the waitlist in', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 4, dishCaps: { hot: 2, cold: 2 } });
    const [a, b, c] = await createResidents('ev-update', 3);
    ok(await call('signUp', household(eventId, 3, 'hot'), a));
    const waiting = ok(await call('signUp', household(eventId, 2, 'cold', { joinWaitlist: true }), b));
    expect(waiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await call('updateEvent', { eventId, capacity: 2 }, STAFF)).toMatchObject({ code: 'CONFLICT', message: '已经有 3 人报名，名额不能少于 3' });
    expect(await call('updateEvent', { eventId, dishCaps: { hot: 0, cold: 2 } }, STAFF)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('热菜'),
    });
    expect(await call('updateEvent', { eventId, stallCaps: { food: 1 } }, STAFF)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('updateEvent', { eventId, capacity: 10 }, c)).toMatchObject({ code: 'FORBIDDEN' });
    const raised = ok(await call('updateEvent', { eventId, capacity: 6, title: '新名字' }, STAFF));
    expect(raised).toMatchObject({ title: '新名字', capacity: 6, placesLeft: 1, waitlisted: 0 });
    expect(ok(await call('getEvent', { eventId }, b)).mine[0]).toMatchObject({ id: waiting.id, status: 'confirmed' });
    const { data: told } = (await db.collection('messages').where({ openid: b }).get()) as { data: any[] };
    expect(told.map((m) => m.title)).toContain('候补成功：报名成功');
    expectConsistent(await state(eventId));
  });

  test("the organiser's phone: optional, a number residents can dial, shown to them with the event", async () => {
    const eventId = await publishedEvent('market', { contactPhone: '0535-6373527' });
    const [resident] = await createResidents('ev-phone', 1);
    expect(ok(await call('getEvent', { eventId }, resident)).contactPhone).toBe('0535-6373527');
    expect(await call('updateEvent', { eventId, contactPhone: '6373527' }, STAFF)).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('联系电话格式不正确'),
    });
    expect(ok(await call('updateEvent', { eventId, contactPhone: ' 13805351001 ' }, STAFF)).contactPhone).toBe('13805351001');
    expect(ok(await call('updateEvent', { eventId, contactPhone: '' }, STAFF)).contactPhone).toBeNull();
    expect(ok(await call('getEvent', { eventId: await publishedEvent('banquet') }, resident)).contactPhone).toBeNull();
  });
});

describe('banquet households', () => {
  test('a household signs up with its headcount and dish: places count people, the dish its kind', async () => {
    const eventId = await publishedEvent('banquet', { dishCaps: { cold: 2, hot: 1 }, maxHeadcount: 5 });
    const [me, other, third] = await createResidents('ev-house', 3);
    expect(await call('signUp', household(eventId, 2, 'hot'), 'no-profile')).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('填写姓名') });
    expect(await call('signUp', household(eventId, 2, 'hot'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call('signUp', household(eventId, 0, 'hot'), me)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('signUp', { ...household(eventId, 2, 'hot'), dish: { kind: 'pizza', name: 'x' } }, me)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('signUp', household(eventId, 6, 'hot'), me)).toMatchObject({ code: 'BAD_INPUT', message: '每户最多报 5 人' });
    expect(await call('signUp', { eventId, kind: 'visitor', headcount: 2 }, me)).toMatchObject({ code: 'BAD_INPUT', message: '百家宴不能这样报名' });
    expect(await call('signUp', household('no-such-event', 2, 'hot'), me)).toMatchObject({ code: 'NOT_FOUND' });

    const mine = ok(await call('signUp', household(eventId, 4, 'hot', { subscribe: true }), me));
    expect(mine).toMatchObject({
      status: 'confirmed',
      kind: 'household',
      headcount: 4,
      dish: { kind: 'hot', name: 'hot菜' },
      canChange: true,
      phone: '13900000000',
    });
    expect(mine.entryCode).toMatch(/^XFJY1:[2-9A-HJ-NP-Z]{8}$/);
    expect(await call('signUp', household(eventId, 1, 'cold'), me)).toMatchObject({ code: 'CONFLICT' });
    // The hot dishes are enough; a kind not wanted has no room either.
    expect(await call('signUp', household(eventId, 2, 'hot'), other)).toMatchObject({ code: 'FULL', message: '热菜已经够了，请换一类菜' });
    expect(await call('signUp', household(eventId, 2, 'soup'), other)).toMatchObject({ code: 'FULL', message: '汤已经够了，请换一类菜' });
    ok(await call('signUp', household(eventId, 2, 'cold'), other));
    const detail = ok(await call('getEvent', { eventId }, me));
    expect(detail).toMatchObject({ placesLeft: 14, open: true, dishes: { hot: { cap: 1, taken: 1, left: 0 }, cold: { cap: 2, taken: 1, left: 1 } } });
    expect(detail.mine.map((s: any) => s.id)).toEqual([mine.id]);
    // Someone else sees the event, not the others' sign-ups.
    expect(ok(await call('getEvent', { eventId }, third)).mine).toEqual([]);
    expectConsistent(await state(eventId));
  });

  test('changing headcount or dish before the deadline: kept only if it fits, all or nothing', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 8, dishCaps: { cold: 2, hot: 1, staple: 2 } });
    const [a, b, c] = await createResidents('ev-change', 3);
    const sa = ok(await call('signUp', household(eventId, 3, 'hot'), a));
    const sb = ok(await call('signUp', household(eventId, 3, 'cold'), b));
    const sc = ok(await call('signUp', household(eventId, 4, 'staple', { joinWaitlist: true }), c));
    expect(sc).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await call('changeSignUp', { signUpId: sa.id }, a)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('changeSignUp', { signUpId: sa.id, headcount: 2 }, b)).toMatchObject({ code: 'NOT_FOUND' });
    // Growing beyond the places left is refused; the sign-up stays as it was.
    expect(await call('changeSignUp', { signUpId: sa.id, headcount: 6 }, a)).toMatchObject({ code: 'FULL', message: expect.stringContaining('只剩 5 个') });
    expect(ok(await call('changeSignUp', { signUpId: sa.id, headcount: 5 }, a))).toMatchObject({ headcount: 5, status: 'confirmed' });
    // Another kind that is full is refused; the cold dish is kept.
    expect(await call('changeSignUp', { signUpId: sb.id, dish: { kind: 'hot', name: '红烧肉' } }, b)).toMatchObject({
      code: 'FULL',
      message: '热菜已经够了，请换一类菜',
    });
    // Shrinking frees places: the waiting household comes in at once and is told.
    const shrunk = ok(await call('changeSignUp', { signUpId: sa.id, headcount: 1, dish: { kind: 'cold', name: '拍黄瓜' } }, a));
    expect(shrunk).toMatchObject({ headcount: 1, dish: { kind: 'cold', name: '拍黄瓜' } });
    expect(ok(await call('getEvent', { eventId }, c)).mine[0]).toMatchObject({ id: sc.id, status: 'confirmed', waitlistPosition: null });
    const { data: doc } = (await db.collection('sign_ups').doc(sa.id).get()) as { data: any };
    expect(doc.history.map((h: any) => h.change).filter(Boolean)).toEqual(['3人·hot菜 → 5人·hot菜', '5人·hot菜 → 1人·拍黄瓜']);
    expectConsistent(await state(eventId));
  });

  test('cancelling gives the places and the dish back to the waitlist, first that fits, in order', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 6, dishCaps: { hot: 3, cold: 3 } });
    const [a, b, c, d] = await createResidents('ev-cancel', 4);
    const sa = ok(await call('signUp', household(eventId, 4, 'hot'), a));
    ok(await call('signUp', household(eventId, 2, 'hot'), b));
    const sc = ok(await call('signUp', household(eventId, 5, 'cold', { joinWaitlist: true }), c));
    const sd = ok(await call('signUp', household(eventId, 3, 'cold', { joinWaitlist: true }), d));
    expect([sc.waitlistPosition, sd.waitlistPosition]).toEqual([1, 2]);
    expect(await call('cancelSignUp', { signUpId: sa.id }, b)).toMatchObject({ code: 'NOT_FOUND' });
    const cancelled = ok(await call('cancelSignUp', { signUpId: sa.id, reason: '家里有事' }, a));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'resident', reason: '家里有事' }, entryCode: null, canChange: false });
    expect(await call('cancelSignUp', { signUpId: sa.id }, a)).toMatchObject({ code: 'CONFLICT' });
    // Four places free: the household of five still waits first in line; the household of three comes in.
    expect(ok(await call('getEvent', { eventId }, c)).mine[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(ok(await call('getEvent', { eventId }, d)).mine[0]).toMatchObject({ status: 'confirmed' });
    const { data: told } = (await db.collection('messages').where({ openid: d }).get()) as { data: any[] };
    expect(told[0]).toMatchObject({ title: '候补成功：报名成功', read: false });
    expectConsistent(await state(eventId));
  });

  test('after the deadline nothing is signed up, changed or cancelled', async () => {
    const open = await publishedEvent('banquet', {}, 3 * HOUR, HOUR);
    const [me] = await createResidents('ev-deadline', 1);
    const mine = ok(await call('signUp', household(open, 2, 'hot'), me));
    await db
      .collection('events')
      .doc(open)
      .update({ data: { deadline: new Date(Date.now() - 1000) } });
    expect(await call('signUp', household(open, 2, 'hot'), (await createResidents('ev-deadline-late', 1))[0])).toMatchObject({
      code: 'CLOSED',
      message: expect.stringContaining('截止'),
    });
    expect(await call('changeSignUp', { signUpId: mine.id, headcount: 3 }, me)).toMatchObject({ code: 'CLOSED' });
    expect(await call('cancelSignUp', { signUpId: mine.id }, me)).toMatchObject({ code: 'CLOSED' });
    expect(ok(await call('getEvent', { eventId: open }, me))).toMatchObject({ open: false, mine: [{ id: mine.id, canChange: false }] });
  });
});

describe('market visitors and stalls', () => {
  test('visitors come with a headcount; stalls wait for staff approval, holding their kind', async () => {
    const eventId = await publishedEvent('market', { capacity: 10, stallCaps: { handicraft: 1, repair: 2 } });
    const [v, s1, s2, s3] = await createResidents('ev-market', 4);
    expect(await call('signUp', household(eventId, 2, 'hot'), v)).toMatchObject({ code: 'BAD_INPUT', message: '幸福集市不能这样报名' });
    expect(ok(await call('signUp', { eventId, kind: 'visitor', headcount: 3 }, v))).toMatchObject({
      status: 'confirmed',
      headcount: 3,
      dish: null,
      stall: null,
    });
    const stall = { kind: 'handicraft', description: '手工编织' };
    expect(await call('signUp', { eventId, kind: 'stall', stall: { kind: 'handicraft', description: '' } }, s1)).toMatchObject({ code: 'BAD_INPUT' });
    const pending = ok(await call('signUp', { eventId, kind: 'stall', stall }, s1));
    expect(pending).toMatchObject({ status: 'pending', headcount: 0, stall, entryCode: null });
    // A visitor may also keep a stall.
    const visitorStall = ok(await call('signUp', { eventId, kind: 'stall', stall: { kind: 'repair', description: '修小家电' } }, v));
    expect(visitorStall.status).toBe('pending');
    expect(await call('signUp', { eventId, kind: 'stall', stall }, s2)).toMatchObject({ code: 'FULL', message: '手工类摊位已满' });
    expect(await call('signUp', { eventId, kind: 'stall', stall: { kind: 'food', description: '煎饼' } }, s2)).toMatchObject({
      code: 'FULL',
      message: '美食类摊位已满',
    });
    expect(ok(await call('getEvent', { eventId }, v)).mine.map((m: any) => m.kind)).toEqual(['visitor', 'stall']);

    expect(await call('reviewSignUp', { signUpId: pending.id, approve: true }, OTHER_STAFF)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('reviewSignUp', { signUpId: pending.id, approve: false }, STAFF)).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('原因'),
    });
    const rejected = ok(await call('reviewSignUp', { signUpId: pending.id, approve: false, reason: '同类摊位太多' }, STAFF));
    expect(rejected).toMatchObject({ status: 'rejected', decision: { approved: false, by: '李社工', reason: '同类摊位太多' } });
    expect(await call('reviewSignUp', { signUpId: pending.id, approve: true }, STAFF)).toMatchObject({ code: 'CONFLICT' });
    // The rejection gave the handicraft stall back.
    const next = ok(await call('signUp', { eventId, kind: 'stall', stall }, s2));
    const approved = ok(await call('reviewSignUp', { signUpId: next.id, approve: true }, ADMIN));
    expect(approved).toMatchObject({ status: 'confirmed', decision: { approved: true, by: '王管理' } });
    expect(ok(await call('getEvent', { eventId }, s2)).mine[0].entryCode).toMatch(/^XFJY1:/);
    const { data: told } = (await db.collection('messages').where({ openid: s1 }).get()) as { data: any[] };
    expect(told[0]).toMatchObject({ title: '摊位申请未通过', body: expect.stringContaining('同类摊位太多') });
    expect(await call('reviewSignUp', { signUpId: ok(await call('getEvent', { eventId }, v)).mine[0].id, approve: true }, STAFF)).toMatchObject({
      code: 'CONFLICT',
      message: '这个报名不用审核（报名成功）',
    });
    expect(ok(await call('getEvent', { eventId }, s3)).stalls).toMatchObject({
      handicraft: { cap: 1, taken: 1, left: 0 },
      repair: { cap: 2, taken: 1, left: 1 },
    });
    expectConsistent(await state(eventId));
  });
});

describe('roster, check-in and cancelling an event', () => {
  test('the roster shows everyone with phones whole to staff only; check-in by code or tap, on the day', async () => {
    const startsIn = laterToday();
    const eventId = await publishedEvent('market', { capacity: 10, stallCaps: { food: 2 } }, startsIn, startsIn / 2);
    const [a, b, c] = await createResidents('ev-roster', 3);
    const sa = ok(await call('signUp', { eventId, kind: 'visitor', headcount: 2 }, a));
    const sb = ok(await call('signUp', { eventId, kind: 'stall', stall: { kind: 'food', description: '烙饼' } }, b));
    expect(await call('roster', { eventId }, a)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('roster', { eventId }, OTHER_STAFF)).toMatchObject({ code: 'FORBIDDEN' });
    const roster = ok(await call('roster', { eventId }, STAFF));
    expect(roster.totals).toEqual({ people: 2, signUps: 1, waitlisted: 0, stalls: 1, attended: 0 });
    expect(roster.signUps.map((s: any) => [s.id, s.phone])).toEqual([
      [sa.id, '13900000000'],
      [sb.id, '13900000001'],
    ]);
    expect(roster.signUps[0].entryCode).toBeNull();

    expect(await call('checkIn', { eventId, code: 'XFJY1:ZZZZZZZZ' }, STAFF)).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('签到码无效'),
    });
    expect(await call('checkIn', { eventId, code: sa.entryCode }, a)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('checkIn', { eventId }, STAFF)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('checkIn', { eventId, signUpId: sb.id }, STAFF)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('审核') });
    const attended = ok(await call('checkIn', { eventId, code: sa.entryCode.slice('XFJY1:'.length).toLowerCase() }, STAFF));
    expect(attended).toMatchObject({ id: sa.id, status: 'attended' });
    expect(ok(await call('checkIn', { eventId, code: sa.entryCode }, STAFF)).status).toBe('attended');
    // Attended keeps its places; the resident is no longer an active holder.
    expect(ok(await call('getEvent', { eventId }, a))).toMatchObject({ placesLeft: 8, mine: [] });
    expect(ok(await call('roster', { eventId }, ADMIN)).totals).toMatchObject({ people: 2, attended: 1 });
    // Another day's event is not checked in today.
    const later = await publishedEvent('banquet', {}, 72 * HOUR);
    const sc = ok(await call('signUp', household(later, 1, 'hot'), c));
    expect(await call('checkIn', { eventId: later, signUpId: sc.id }, STAFF)).toMatchObject({ code: 'CLOSED', message: '只能在活动当天签到' });
    expect(await call('checkIn', { eventId, signUpId: sc.id }, STAFF)).toMatchObject({ code: 'NOT_FOUND' });
    expectConsistent(await state(eventId));
  });

  test('cancelling an event ends every active sign-up and tells each resident; the record stays', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 3 });
    const [a, b] = await createResidents('ev-cancel-event', 2);
    const sa = ok(await call('signUp', household(eventId, 3, 'hot', { subscribe: true }), a));
    const sb = ok(await call('signUp', household(eventId, 2, 'cold', { joinWaitlist: true }), b));
    expect(await call('cancelEvent', { eventId, reason: '' }, STAFF)).toMatchObject({ code: 'BAD_INPUT' });
    expect(await call('cancelEvent', { eventId, reason: '下雨' }, a)).toMatchObject({ code: 'FORBIDDEN' });
    expect(ok(await call('cancelEvent', { eventId, reason: '下雨' }, STAFF))).toEqual({ cancelledSignUps: 2, allTold: true });
    expect(ok(await call('cancelEvent', { eventId, reason: '下雨' }, STAFF))).toEqual({ cancelledSignUps: 2, allTold: true });
    for (const [who, s] of [
      [a, sa],
      [b, sb],
    ] as const) {
      const { data: told } = (await db.collection('messages').where({ openid: who }).get()) as { data: any[] };
      expect(told.map((m) => m.body)).toContainEqual(expect.stringContaining('已取消：下雨'));
      const { data: doc } = (await db.collection('sign_ups').doc(s.id).get()) as { data: any };
      expect(doc).toMatchObject({ status: 'cancelled', cancellation: { by: 'staff', reason: '下雨' } });
      expect(doc.history.map((h: any) => h.status)).toEqual([s.status, 'cancelled']);
    }
    const { data: outbox } = (await db.collection('outbox').where({ openid: a }).get()) as { data: any[] };
    expect(outbox).toHaveLength(1);
    expect(ok(await call('getEvent', { eventId }, a))).toMatchObject({ status: 'cancelled', notice: '活动已取消：下雨', open: false, placesLeft: 3 });
    expect(await call('signUp', household(eventId, 1, 'hot'), a)).toMatchObject({ code: 'CLOSED', message: '活动已取消：下雨' });
    expect(await call('updateEvent', { eventId, capacity: 5 }, STAFF)).toMatchObject({ code: 'CLOSED' });
    expect(ok(await call('listUpcoming', { communityId: COMMUNITY }, a)).items.map((e: any) => e.id)).not.toContain(eventId);
    expectConsistent(await state(eventId));
  });

  test('mySignUps pages through the caller’s own sign-ups, soonest first', async () => {
    const [me] = await createResidents('ev-mine', 1);
    const ids: string[] = [];
    for (const hours of [30, 50, 70]) ids.push(ok(await call('signUp', household(await publishedEvent('banquet', {}, hours * HOUR, HOUR), 1, 'hot'), me)).id);
    const first = ok(await call('mySignUps', { scope: 'upcoming', pageSize: 2 }, me));
    expect(first.items.map((s: any) => s.id)).toEqual(ids.slice(0, 2));
    const second = ok(await call('mySignUps', { scope: 'upcoming', pageSize: 2, cursor: first.nextCursor }, me));
    expect(second).toMatchObject({ items: [{ id: ids[2] }], nextCursor: null });
    expect(ok(await call('mySignUps', { scope: 'past' }, me)).items).toEqual([]);
    expect(await call('mySignUps', { scope: 'upcoming', cursor: 'bm90LWEtY3Vyc29y' }, me)).toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('races: places, dishes and stalls are never exceeded', () => {
  test('80 households racing for 30 places hold at most 30 people; the ledger agrees with every sign-up', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 30, maxHeadcount: 4 });
    const residents = await createResidents('ev-race', 80);
    const outcomes = await Promise.all(
      residents.map((r, i) =>
        call('signUp', household(eventId, 1 + (i % 4), ['hot', 'cold', 'staple', 'soup', 'dessert'][i % 5], { joinWaitlist: i % 2 === 0 }), r),
      ),
    );
    const held = outcomes.filter((o) => o.ok && o.data.status === 'confirmed');
    const people = held.reduce((n, o) => n + (o as { data: any }).data.headcount, 0);
    expect(people).toBeLessThanOrEqual(30);
    // Full up to what no remaining household could use.
    expect(people).toBeGreaterThanOrEqual(27);
    expect(outcomes.every((o) => o.ok || o.code === 'FULL')).toBe(true);
    const s = await state(eventId);
    expect(s.ledger.held).toBe(people);
    expectConsistent(s);
  }, 120_000);

  test('households racing for the last dish of a kind: exactly the cap is taken', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 200, dishCaps: { hot: 3, cold: 10 } });
    const residents = await createResidents('ev-dish', 40);
    const outcomes = await Promise.all(residents.map((r) => call('signUp', household(eventId, 2, 'hot'), r)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok && o.code === 'FULL' && o.message === '热菜已经够了，请换一类菜')).toHaveLength(37);
    expectConsistent(await state(eventId));
  }, 120_000);

  test('concurrent headcount and dish changes racing new sign-ups never exceed places or caps', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 24, dishCaps: { hot: 4, cold: 4, staple: 4, soup: 4, dessert: 4 }, maxHeadcount: 6 });
    const first = await createResidents('ev-churn-a', 8);
    const held: any[] = [];
    for (const [i, r] of first.entries()) held.push(ok(await call('signUp', household(eventId, 2, ['hot', 'cold'][i % 2]), r)));
    const newcomers = await createResidents('ev-churn-b', 20);
    const outcomes = await Promise.all([
      ...held.map((s, i) =>
        call('changeSignUp', { signUpId: s.id, headcount: 2 + (i % 4), dish: { kind: ['hot', 'cold', 'staple'][i % 3], name: '换菜' } }, first[i]),
      ),
      ...held.slice(0, 3).map((s, i) => call('cancelSignUp', { signUpId: s.id }, first[i])),
      ...newcomers.map((r, i) => call('signUp', household(eventId, 1 + (i % 3), ['hot', 'soup', 'staple'][i % 3], { joinWaitlist: i % 2 === 0 }), r)),
    ]);
    expect(outcomes.every((o) => o.ok || ['FULL', 'CONFLICT'].includes(o.code))).toBe(true);
    expectConsistent(await state(eventId));
  }, 120_000);

  test('households switching at once to the last dish of a kind, and one household tapping fast: one wins each', async () => {
    const eventId = await publishedEvent('banquet', { capacity: 40, dishCaps: { hot: 2, cold: 10 }, maxHeadcount: 6 });
    const residents = await createResidents('ev-switch', 8);
    const signUps: any[] = [];
    signUps.push(ok(await call('signUp', household(eventId, 2, 'hot'), residents[0])));
    for (const r of residents.slice(1)) signUps.push(ok(await call('signUp', household(eventId, 2, 'cold'), r)));
    const switches = await Promise.all(
      signUps.slice(1).map((s, i) => call('changeSignUp', { signUpId: s.id, dish: { kind: 'hot', name: '红烧肉' } }, residents[i + 1])),
    );
    expect(switches.filter((o) => o.ok)).toHaveLength(1);
    expect(switches.filter((o) => !o.ok && o.code === 'FULL')).toHaveLength(6);
    // One household changing its headcount many times at once ends with one of them, counted once.
    const taps = await Promise.all([3, 4, 5, 6, 1].map((headcount) => call('changeSignUp', { signUpId: signUps[0].id, headcount }, residents[0])));
    expect(taps.every((t) => t.ok)).toBe(true);
    const s = await state(eventId);
    expect(s.signUps.filter((x) => x.dish.kind === 'hot')).toHaveLength(2);
    expectConsistent(s);
  }, 120_000);

  test('applicants racing for the last stall of a kind: exactly the count is held', async () => {
    const eventId = await publishedEvent('market', { capacity: 50, stallCaps: { food: 2 } });
    const residents = await createResidents('ev-stall-race', 25);
    const outcomes = await Promise.all(residents.map((r) => call('signUp', { eventId, kind: 'stall', stall: { kind: 'food', description: '煎饼果子' } }, r)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expectConsistent(await state(eventId));
  }, 120_000);
});
