import { chinaDate, chinaInstant } from '../../rules/china-time';
import { createResidents as createResidentsOf } from '../helpers/booking-fixtures';
import { expectOk } from '../helpers/cloud';
import { eventInput as eventInputOf, useEventsCloud } from '../helpers/events-fixtures';
import { Outcomes, race } from '../helpers/races';

/**
 * Two people changing the same event or sign-up at the same instant, through the function host: every
 * trial fires the pair with Promise.all, and the stored state must be the one some serial order of the
 * accepted actions leaves (a refused action changes nothing), while the refused one answers a
 * documented code, never INTERNAL.
 */

const COMMUNITY = 'c-races';
const STAFF = 'race-staff';
const ADMIN = 'race-admin';
const HOUR = 3600_000;

const { db, call } = useEventsCloud({ communities: { [COMMUNITY]: '竞争社区' }, staff: { [STAFF]: COMMUNITY }, admin: ADMIN });
const ok = expectOk;

async function stored(collection: string, id: string): Promise<any> {
  return ((await db.collection(collection).doc(id).get()) as { data: any }).data;
}

async function signUpsOf(eventId: string): Promise<any[]> {
  return ((await db.collection('sign_ups').where({ eventId }).get()) as { data: any[] }).data;
}

/** A market with two stalls of each kind, drafted (or published) by the community's staff. */
async function market(publish: boolean): Promise<string> {
  const { id } = ok(await call('createEvent', eventInputOf(COMMUNITY, 'market', { stallCaps: { food: 2 } }), STAFF));
  if (publish) ok(await call('publishEvent', { eventId: id }, STAFF));
  return id;
}

/** The ledger holds exactly the active sign-ups' places and stalls. */
async function expectLedgerMatches(eventId: string): Promise<void> {
  const [ledger, signUps] = await Promise.all([stored('event_ledgers', eventId), signUpsOf(eventId)]);
  const holding = signUps.filter((s) => s.status === 'confirmed' || s.status === 'pending');
  expect(ledger.held).toBe(holding.reduce((n, s) => n + s.headcount, 0));
  expect(ledger.pools.food.held).toBe(holding.filter((s) => s.kind === 'stall').length);
  expect(Object.values(ledger.holders).sort()).toEqual(
    signUps
      .filter((s) => ['confirmed', 'pending', 'waitlisted'].includes(s.status))
      .map((s) => s._id)
      .sort(),
  );
}

test('publish vs cancel, 30 trials: an acknowledged cancellation always stands; publishing answers as if it came first, or CLOSED', async () => {
  const outcomes = new Outcomes();
  for (let trial = 0; trial < 30; trial++) {
    const eventId = await market(false);
    const [published, cancelled] = await race(
      () => call('publishEvent', { eventId }, STAFF),
      () => call('cancelEvent', { eventId, reason: '场地临时维修' }, ADMIN),
      ['CLOSED'],
    );
    outcomes.record(published, cancelled);
    // Cancelling never refuses; publishing then cancelling and cancelling alone both end cancelled.
    expect(cancelled.ok).toBe(true);
    expect(await stored('events', eventId)).toMatchObject({ status: 'cancelled', cancellation: { reason: '场地临时维修' } });
    if (published.ok) expect(published.data.status).toBe('published');
    else expect(published.message).toBe('活动已取消，不能再发布');
  }
  outcomes.report('publish/cancel');
});

test('update vs cancel, 20 trials: the update is kept only when it answered ok, and the event ends cancelled with its sign-up', async () => {
  const outcomes = new Outcomes();
  const residents = await createResidentsOf(db, 'race-update', 20, COMMUNITY);
  for (const [trial, resident] of residents.entries()) {
    const eventId = await market(true);
    const signUp = ok(await call('signUp', { eventId, kind: 'visitor', headcount: 2 }, resident));
    const title = `改过名的集市${trial}`;
    const [updated, cancelled] = await race(
      () => call('updateEvent', { eventId, title, capacity: 30 }, STAFF),
      () => call('cancelEvent', { eventId, reason: '天气原因' }, ADMIN),
      ['CLOSED'],
    );
    outcomes.record(updated, cancelled);
    expect(cancelled.ok).toBe(true);
    const event = await stored('events', eventId);
    expect(event.status).toBe('cancelled');
    expect(event.title === title).toBe(updated.ok);
    expect(event.capacity).toBe(updated.ok ? 30 : 20);
    expect((await stored('sign_ups', signUp.id)).status).toBe('cancelled');
    await expectLedgerMatches(eventId);
  }
  outcomes.report('update/cancel');
});

test('sign up vs cancel, 20 trials: a sign-up accepted before the cancellation is cancelled with it; none is left holding places', async () => {
  const outcomes = new Outcomes();
  const residents = await createResidentsOf(db, 'race-signup', 20, COMMUNITY);
  for (const resident of residents) {
    const eventId = await market(true);
    const [signedUp, cancelled] = await race(
      () => call('signUp', { eventId, kind: 'visitor', headcount: 1 }, resident),
      () => call('cancelEvent', { eventId, reason: '天气原因' }, ADMIN),
      ['CLOSED'],
    );
    outcomes.record(signedUp, cancelled);
    expect(cancelled.ok).toBe(true);
    expect(ok(cancelled).cancelledSignUps).toBe(signedUp.ok ? 1 : 0);
    const signUps = await signUpsOf(eventId);
    expect(signUps.map((s) => s.status)).toEqual(signedUp.ok ? ['cancelled'] : []);
    await expectLedgerMatches(eventId);
  }
  outcomes.report('signUp/cancel');
});

test('review a stall vs its withdrawal, 20 trials each way: approval may come first, rejection excludes the withdrawal', async () => {
  const outcomes = { approve: new Outcomes(), reject: new Outcomes() };
  const residents = await createResidentsOf(db, 'race-review', 40, COMMUNITY);
  for (const [trial, resident] of residents.entries()) {
    const approve = trial % 2 === 0;
    const eventId = await market(true);
    const stall = ok(await call('signUp', { eventId, kind: 'stall', stall: { kind: 'food', description: '煎饼果子' } }, resident));
    const [reviewed, withdrawn] = await race(
      () => call('reviewSignUp', { signUpId: stall.id, approve, reason: approve ? '' : '摊位重复' }, STAFF),
      () => call('cancelSignUp', { signUpId: stall.id, reason: '临时有事' }, resident),
      ['CONFLICT'],
    );
    outcomes[approve ? 'approve' : 'reject'].record(reviewed, withdrawn);
    const doc = await stored('sign_ups', stall.id);
    if (approve) {
      // Approved then withdrawn, or withdrawn first (then there is nothing left to review).
      expect(withdrawn.ok).toBe(true);
      expect(doc.status).toBe('cancelled');
      expect(doc.decision?.approved ?? null).toBe(reviewed.ok ? true : null);
    } else {
      // A rejected application is over, and a withdrawn one has nothing to reject: exactly one stands.
      expect(reviewed.ok).not.toBe(withdrawn.ok);
      expect(doc.status).toBe(reviewed.ok ? 'rejected' : 'cancelled');
    }
    expect(doc.history.map((h: any) => h.status)).toEqual([
      'pending',
      ...(reviewed.ok ? [approve ? 'confirmed' : 'rejected'] : []),
      ...(withdrawn.ok ? ['cancelled'] : []),
    ]);
    await expectLedgerMatches(eventId);
  }
  outcomes.approve.report('approve/withdraw');
  outcomes.reject.report('reject/withdraw');
});

test('check-in vs cancel on the day, 20 trials: a sign-up checked in stays attended, otherwise it is cancelled with the event', async () => {
  const outcomes = new Outcomes();
  const residents = await createResidentsOf(db, 'race-checkin', 20, COMMUNITY);
  // Today at noon, China time (past or coming): check-in goes by the event's China date only.
  const today = chinaDate(new Date());
  const noon = chinaInstant(today, '12:00');
  for (const resident of residents) {
    const eventId = await market(true);
    const signUp = ok(await call('signUp', { eventId, kind: 'visitor', headcount: 1 }, resident));
    const onTheDay = {
      eventId,
      deadline: new Date(noon.getTime() - HOUR).toISOString(),
      startAt: noon.toISOString(),
      endAt: new Date(noon.getTime() + 2 * HOUR).toISOString(),
    };
    ok(await call('updateEvent', onTheDay, STAFF));
    const [checkedIn, cancelled] = await race(
      () => call('checkIn', { eventId, signUpId: signUp.id }, STAFF),
      () => call('cancelEvent', { eventId, reason: '天气原因' }, ADMIN),
      ['CLOSED', 'CONFLICT'],
    );
    outcomes.record(checkedIn, cancelled);
    expect(cancelled.ok).toBe(true);
    expect((await stored('sign_ups', signUp.id)).status).toBe(checkedIn.ok ? 'attended' : 'cancelled');
    expect(ok(cancelled).cancelledSignUps).toBe(checkedIn.ok ? 0 : 1);
  }
  outcomes.report('checkIn/cancel');
});
