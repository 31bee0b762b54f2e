import {
  admit,
  bookingWindow,
  cancelDeadline,
  effectiveOccurrences,
  forget,
  nextEffectiveOccurrences,
  release,
  resize,
  slotTimes,
  SlotLedger,
  weekKey,
  windowState,
} from '../../rules/booking';

const weekly = { recurrence: { kind: 'weekly' as const, weekdays: [6] }, startTime: '09:00', endTime: '11:00', validFrom: '2026-01-01', validUntil: null };
const empty = (capacity: number): SlotLedger => ({ capacity, held: 0, waitlist: [], holders: {} });

describe('slots of a service day', () => {
  test('back to back from the start, all within the end', () => {
    expect(slotTimes({ startTime: '09:00', endTime: '11:00' }, 30).map((s) => `${s.startTime}-${s.endTime}`)).toEqual([
      '09:00-09:30',
      '09:30-10:00',
      '10:00-10:30',
      '10:30-11:00',
    ]);
    // A remainder too short for a slot is not a slot.
    expect(slotTimes({ startTime: '14:00', endTime: '15:10' }, 40).map((s) => s.startTime)).toEqual(['14:00']);
    expect(slotTimes({ startTime: '14:00', endTime: '14:20' }, 40)).toEqual([]);
  });
});

describe('booking window and cutoff, in China time', () => {
  const rules = { opensDaysBefore: 3, closesHoursBefore: 2, cancelHoursBefore: 12 };

  test('opens at 08:00 China time N days before, closes M hours before the slot', () => {
    const w = bookingWindow(rules, '2026-11-28', '09:00');
    expect(w.opensAt.toISOString()).toBe('2026-11-25T00:00:00.000Z'); // 08:00 in Fushan
    expect(w.closesAt.toISOString()).toBe('2026-11-27T23:00:00.000Z'); // 07:00 on the day
    expect(windowState(w, new Date('2026-11-24T23:59:59Z'))).toBe('notYetOpen');
    expect(windowState(w, new Date('2026-11-25T00:00:00Z'))).toBe('open');
    expect(windowState(w, new Date('2026-11-27T23:00:00Z'))).toBe('closed');
  });

  test('a resident may cancel until the cutoff', () => {
    expect(cancelDeadline(rules, '2026-11-28', '09:00').toISOString()).toBe('2026-11-27T13:00:00.000Z'); // 21:00 the evening before
  });
});

describe('the week of the weekly limit (ISO weeks, Monday first)', () => {
  test.each([
    ['2026-11-23', '2026-W48'], // Monday
    ['2026-11-29', '2026-W48'], // Sunday, same week
    ['2026-11-30', '2026-W49'],
    ['2026-12-31', '2026-W53'], // 2026 has 53 ISO weeks
    ['2027-01-03', '2026-W53'], // belongs to the previous year's last week
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // belongs to the next year's first week
  ])('%s is in %s', (date, week) => {
    expect(weekKey(date)).toBe(week);
  });
});

describe('one-off changes to service days', () => {
  test('a cancelled day disappears and a moved one appears on its new day', () => {
    const changes = [
      { date: '2026-11-28', kind: 'cancelled' as const, to: null, reason: '天气' },
      { date: '2026-12-05', kind: 'moved' as const, to: { date: '2026-12-06', startTime: '14:00', endTime: '16:00' }, reason: '节日' },
    ];
    expect(effectiveOccurrences(weekly, changes, '2026-11-21', '2026-12-12')).toEqual([
      { date: '2026-11-21', startTime: '09:00', endTime: '11:00' },
      { date: '2026-12-06', startTime: '14:00', endTime: '16:00' },
      { date: '2026-12-12', startTime: '09:00', endTime: '11:00' },
    ]);
  });

  test('the next service days skip cancelled ones and today once it has ended', () => {
    const changes = [{ date: '2026-11-28', kind: 'cancelled' as const, to: null, reason: '天气' }];
    // Saturday 2026-11-21 11:30 in Fushan: today's service has ended.
    const next = nextEffectiveOccurrences(weekly, changes, new Date('2026-11-21T03:30:00Z'), 2);
    expect(next.map((o) => o.date)).toEqual(['2026-12-05', '2026-12-12']);
  });
});

describe('the slot ledger', () => {
  const opts = { needsApproval: false, joinWaitlist: true };

  test('places are held while they last, then the waitlist, then FULL for those who do not want to wait', () => {
    let ledger = empty(2);
    const outcomes: string[] = [];
    for (const [who, id] of [
      ['a', 'b1'],
      ['b', 'b2'],
      ['c', 'b3'],
    ]) {
      const r = admit(ledger, who, id, opts);
      if ('refused' in r) throw new Error(r.refused);
      ledger = r.ledger;
      outcomes.push(r.admission);
    }
    expect(outcomes).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(ledger).toEqual({ capacity: 2, held: 2, waitlist: ['b3'], holders: { a: 'b1', b: 'b2', c: 'b3' } });
    expect(admit(ledger, 'd', 'b4', { ...opts, joinWaitlist: false })).toEqual({ refused: 'FULL' });
    expect(admit(ledger, 'a', 'b5', opts)).toEqual({ refused: 'ALREADY_BOOKED' });
  });

  test('a team needing approval admits as pending, which holds the place', () => {
    const r = admit(empty(1), 'a', 'b1', { needsApproval: true, joinWaitlist: false });
    expect(r).toMatchObject({ admission: 'pending', ledger: { held: 1 } });
  });

  test('a released place goes to the first in line; a waitlisted one just leaves the line', () => {
    const ledger: SlotLedger = { capacity: 1, held: 1, waitlist: ['b2', 'b3'], holders: { a: 'b1', b: 'b2', c: 'b3' } };
    expect(release(ledger, 'c', 'b3')).toEqual({ ledger: { capacity: 1, held: 1, waitlist: ['b2'], holders: { a: 'b1', b: 'b2' } }, promoted: [] });
    expect(release(ledger, 'a', 'b1')).toEqual({ ledger: { capacity: 1, held: 1, waitlist: ['b3'], holders: { b: 'b2', c: 'b3' } }, promoted: ['b2'] });
  });

  test('raising places promotes in order; lowering below those held is refused', () => {
    const ledger: SlotLedger = { capacity: 1, held: 1, waitlist: ['b2', 'b3', 'b4'], holders: {} };
    expect(resize(ledger, 3)).toMatchObject({ ledger: { capacity: 3, held: 3, waitlist: ['b4'] }, promoted: ['b2', 'b3'] });
    expect(resize({ ...ledger, held: 2 }, 1)).toEqual({ refused: 'BELOW_HELD' });
  });

  test('an attended booking leaves the holders but keeps its place counted', () => {
    expect(forget({ capacity: 2, held: 1, waitlist: [], holders: { a: 'b1' } }, 'a', 'b1')).toEqual({ capacity: 2, held: 1, waitlist: [], holders: {} });
  });
});
