import type { OccurrenceChange } from '../../contract/service';
import { effectiveOccurrences, recordChange } from '../../rules/booking';

/** A leader cancelling or moving one service day: which changes are recorded, which refused. */

// Every Saturday 09:00–11:00 in 30-minute slots; 2026-11-28 and 2026-12-05 are Saturdays.
const saturdays = {
  recurrence: { kind: 'weekly' as const, weekdays: [6] },
  startTime: '09:00',
  endTime: '11:00',
  slotMinutes: 30,
  validFrom: '2026-01-01',
  validUntil: null,
};
const TODAY = '2026-11-24';
const cancel = (date: string, reason = '下雨'): OccurrenceChange => ({ date, kind: 'cancelled', to: null, reason });
const move = (date: string, to: string, startTime = '09:00', endTime = '11:00'): OccurrenceChange => ({
  date,
  kind: 'moved',
  to: { date: to, startTime, endTime },
  reason: '场地检修',
});

describe('recording a change of one service day', () => {
  test('a coming service day is cancelled or moved; the changed schedule shows it', () => {
    const cancelled = recordChange(saturdays, [], cancel('2026-11-28'), TODAY);
    expect(cancelled).toEqual({ changes: [cancel('2026-11-28')], repeated: false });
    const moved = recordChange(saturdays, [], move('2026-11-28', '2026-11-29', '14:00', '16:00'), TODAY);
    expect(moved).toEqual({ changes: [move('2026-11-28', '2026-11-29', '14:00', '16:00')], repeated: false });
    if (!('changes' in moved)) throw new Error('refused');
    expect(effectiveOccurrences(saturdays, moved.changes, '2026-11-27', '2026-12-05').map((o) => `${o.date} ${o.startTime}`)).toEqual([
      '2026-11-29 14:00',
      '2026-12-05 09:00',
    ]);
  });

  test('today can still be changed; a past day, or a move into the past, cannot', () => {
    expect(recordChange(saturdays, [], cancel('2026-11-28'), '2026-11-28')).toMatchObject({ repeated: false });
    expect(recordChange(saturdays, [], cancel('2026-11-21'), TODAY)).toEqual({ refused: 'PAST' });
    expect(recordChange(saturdays, [], move('2026-11-28', '2026-11-23'), TODAY)).toEqual({ refused: 'PAST' });
  });

  test('a day without service is not found', () => {
    expect(recordChange(saturdays, [], cancel('2026-11-27'), TODAY)).toEqual({ refused: 'NOT_A_SERVICE_DAY' });
    expect(recordChange({ ...saturdays, validUntil: '2026-11-30' }, [], cancel('2026-12-05'), TODAY)).toEqual({ refused: 'NOT_A_SERVICE_DAY' });
  });

  test('the same change again is a retry; a different one for the same date is refused', () => {
    const changes = [cancel('2026-11-28')];
    expect(recordChange(saturdays, changes, cancel('2026-11-28', '另一个原因'), TODAY)).toEqual({ changes, repeated: true });
    expect(recordChange(saturdays, changes, move('2026-11-28', '2026-11-29'), TODAY)).toEqual({ refused: 'ALREADY_CHANGED' });
    const moved = [move('2026-11-28', '2026-11-29')];
    expect(recordChange(saturdays, moved, move('2026-11-28', '2026-11-29'), TODAY)).toEqual({ changes: moved, repeated: true });
    expect(recordChange(saturdays, moved, move('2026-11-28', '2026-11-29', '10:00', '12:00'), TODAY)).toEqual({ refused: 'ALREADY_CHANGED' });
  });

  test('a day moved in is not changed again; a move never lands on a day with service', () => {
    const moved = [move('2026-11-28', '2026-11-29')];
    expect(recordChange(saturdays, moved, cancel('2026-11-29'), TODAY)).toEqual({ refused: 'MOVED_IN' });
    expect(recordChange(saturdays, [], move('2026-11-28', '2026-12-05'), TODAY)).toEqual({ refused: 'TARGET_TAKEN' });
    expect(recordChange(saturdays, moved, move('2026-12-05', '2026-11-29'), TODAY)).toEqual({ refused: 'TARGET_TAKEN' });
    // Onto a day that was itself cancelled is fine: it has no service any more.
    expect(recordChange(saturdays, [cancel('2026-12-05')], move('2026-11-28', '2026-12-05'), TODAY)).toMatchObject({ repeated: false });
  });

  test('a move to other hours of the same day; a move must hold a slot', () => {
    expect(recordChange(saturdays, [], move('2026-11-28', '2026-11-28', '14:00', '16:00'), TODAY)).toMatchObject({ repeated: false });
    expect(recordChange(saturdays, [], move('2026-11-28', '2026-11-29', '14:00', '14:20'), TODAY)).toEqual({ refused: 'NO_SLOT' });
  });
});
