import { admit, Ledger, withdraw } from '../../rules/ledger';
import { destinationsOfMove, Mover, moveNotice, placeMoved } from '../../rules/moved-day';

/** A moved service day's bookings: which new slot each old slot goes to, who gets a place there, and what they are told. */

// 2026-12-07 is a Monday, 2026-12-09 a Wednesday.
const day = (date: string, startTime: string, endTime: string) => ({ date, startTime, endTime });
const pairs = (moves: ReturnType<typeof destinationsOfMove>) => moves.map((m) => `${m.from.startTime}→${m.to.startTime}`);

describe('where the slots of a moved day go', () => {
  test('to another day: the k-th slot to the k-th, shifted as the day was', () => {
    expect(pairs(destinationsOfMove(day('2026-12-07', '09:00', '12:00'), day('2026-12-09', '14:00', '17:00'), 60))).toEqual([
      '09:00→14:00',
      '10:00→15:00',
      '11:00→16:00',
    ]);
  });

  test('a shorter new day takes the slots past its end into its last slot; a longer one leaves its extra slots empty', () => {
    expect(pairs(destinationsOfMove(day('2026-12-07', '09:00', '12:00'), day('2026-12-09', '14:00', '16:00'), 60))).toEqual([
      '09:00→14:00',
      '10:00→15:00',
      '11:00→15:00',
    ]);
    expect(pairs(destinationsOfMove(day('2026-12-07', '09:00', '10:00'), day('2026-12-09', '08:00', '12:00'), 60))).toEqual(['09:00→08:00']);
  });

  test('a new day whose slots do not line up: the nearest start, the earlier on a tie', () => {
    expect(pairs(destinationsOfMove(day('2026-12-07', '09:00', '10:00'), day('2026-12-09', '09:30', '11:30'), 30))).toEqual(['09:00→09:30', '09:30→10:00']);
    expect(pairs(destinationsOfMove(day('2026-12-07', '09:00', '11:00'), day('2026-12-09', '09:00', '11:00'), 60))).toEqual(['09:00→09:00', '10:00→10:00']);
  });

  test('to other hours of the same date: the slots still served keep their bookings, the others move', () => {
    expect(pairs(destinationsOfMove(day('2026-12-07', '09:00', '12:00'), day('2026-12-07', '10:00', '13:00'), 60))).toEqual(['09:00→10:00']);
    expect(pairs(destinationsOfMove(day('2026-12-07', '09:00', '12:00'), day('2026-12-07', '08:00', '10:00'), 60))).toEqual(['10:00→09:00', '11:00→09:00']);
  });
});

const empty = (capacity: number): Ledger => ({ capacity, held: 0, waitlist: [], holders: {} });
const mover = (id: string, status: Mover['status'] = 'confirmed'): Mover => ({ id, openid: `r-${id}`, status });
/** The ledger after residents r-<id> booked it themselves (their bookings booked-<id>), waiting when it is full. */
function bookedBy(ledger: Ledger, ...ids: string[]): Ledger {
  return ids.reduce((l, id) => {
    const outcome = admit(l, `r-${id}`, `booked-${id}`, { needsApproval: false, joinWaitlist: true });
    if ('refused' in outcome) throw new Error(outcome.refused);
    return outcome.ledger;
  }, ledger);
}

describe('who of those moved finds a place', () => {
  test('in the order given, while places last; then the waitlist, in the same order', () => {
    const { ledger, fates } = placeMoved(empty(2), [mover('a'), mover('b'), mover('c'), mover('d', 'waitlisted')], false);
    expect(fates).toEqual([
      { id: 'a', status: 'confirmed' },
      { id: 'b', status: 'confirmed' },
      { id: 'c', status: 'waitlisted', position: 1 },
      { id: 'd', status: 'waitlisted', position: 2 },
    ]);
    expect(ledger).toEqual({ capacity: 2, held: 2, waitlist: ['c', 'd'], holders: { 'r-a': 'a', 'r-b': 'b', 'r-c': 'c', 'r-d': 'd' } });
  });

  test('places already held in the new slot stay held: those moved queue behind its waitlist', () => {
    const full = bookedBy(empty(2), 'x', 'y', 'z');
    expect(full).toMatchObject({ held: 2, waitlist: ['booked-z'] });
    const { ledger, fates } = placeMoved(full, [mover('a')], false);
    expect(fates).toEqual([{ id: 'a', status: 'waitlisted', position: 2 }]);
    expect(ledger.held).toBe(2);
  });

  test('a confirmed booking stays confirmed and a pending one pending; one that waited and now fits needs approval only if the team asks it', () => {
    expect(placeMoved(empty(5), [mover('a'), mover('b', 'pending'), mover('c', 'waitlisted')], true).fates).toEqual([
      { id: 'a', status: 'confirmed' },
      { id: 'b', status: 'pending' },
      { id: 'c', status: 'pending' },
    ]);
    expect(placeMoved(empty(5), [mover('c', 'waitlisted')], false).fates).toEqual([{ id: 'c', status: 'confirmed' }]);
  });

  test('a resident who already has a booking in the new slot keeps it: the moved one is not placed', () => {
    const held = bookedBy(empty(2), 'a');
    const { ledger, fates } = placeMoved(held, [mover('a'), mover('b')], false);
    expect(fates).toEqual([
      { id: 'a', status: 'alreadyBooked' },
      { id: 'b', status: 'confirmed' },
    ]);
    expect(ledger.holders).toEqual({ 'r-a': 'booked-a', 'r-b': 'b' });
  });
});

describe('leaving the old slot', () => {
  test('nobody is promoted; places held are given back; once nobody is listed nothing is held', () => {
    const old: Ledger = { capacity: 2, held: 2, waitlist: ['c'], holders: { 'r-a': 'a', 'r-b': 'b', 'r-c': 'c' } };
    expect(withdraw(old, ['a', 'c'])).toEqual({ capacity: 2, held: 1, waitlist: [], holders: { 'r-b': 'b' } });
    // One checked in and forgotten still counted as held: gone once the slot lists nobody.
    expect(withdraw({ ...old, held: 3 }, ['a', 'b', 'c'])).toEqual({ capacity: 2, held: 0, waitlist: [], holders: {} });
  });
});

describe('what those moved are told', () => {
  const moved = {
    teamName: '福老汇理发队',
    wasWaiting: false,
    from: day('2026-12-07', '09:00', '10:00'),
    to: day('2026-12-09', '14:00', '15:00'),
    reason: '场地被借用',
  };

  test('the old and new day and time in their words, the reason, and that they may cancel; the card says the new start', () => {
    expect(moveNotice({ id: 'a', status: 'confirmed' }, moved)).toEqual({
      title: '预约已改期',
      body: '您在 福老汇理发队 12月7日 周一 上午9:00–10:00 的预约已随服务日改到 12月9日 周三 下午2:00–3:00，名额保留。原因：场地被借用。不能来可在预约里取消。',
      card: '改到12月9日 周三 下午2:00',
    });
  });

  test('those who did not fit learn their place in the line; one who waited and now fits learns it', () => {
    expect(moveNotice({ id: 'a', status: 'waitlisted', position: 3 }, moved)).toMatchObject({
      title: '预约已改期，转为候补',
      body: expect.stringContaining('这个时段名额已满，您排在候补第 3 位，有人取消会按顺序递补。'),
    });
    expect(moveNotice({ id: 'a', status: 'confirmed' }, { ...moved, wasWaiting: true }).body).toContain(
      '的候补已随服务日改到 12月9日 周三 下午2:00–3:00，新时段有名额，您的候补已转为预约成功',
    );
    expect(moveNotice({ id: 'a', status: 'pending' }, moved).body).toContain('仍在等待社区审核');
  });

  test('the card fits WeChat’s 20 characters on any day', () => {
    expect(moveNotice({ id: 'a', status: 'confirmed' }, { ...moved, to: day('2026-12-19', '10:30', '11:30') }).card.length).toBeLessThanOrEqual(20);
  });
});
