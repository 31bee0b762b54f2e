import { bookingStatusDetail, bookingStatusText } from '../../src/bookingText';
import { readableCode } from '../../src/components/CheckInCode';
import {
  chinaWeekdayNow,
  describeHoursOn,
  describeRecurrence,
  formatChinaDateTime,
  formatChinaMonthDayClock,
  formatDate,
  formatOccurrence,
  unbreakablePieces,
  formatSlot,
} from '../../src/format';
import { normaliseCode } from '../../src/components/CheckInPanel';

describe('plain-Chinese wording', () => {
  test('dates carry their weekday', () => {
    expect(formatDate('2026-11-28')).toBe('11月28日 周六');
    expect(formatOccurrence({ date: '2026-11-30', startTime: '09:00', endTime: '11:30' })).toBe('11月30日 周一 09:00–11:30');
  });

  test('recurrences read as people say them', () => {
    expect(describeRecurrence({ kind: 'weekly', weekdays: [6, 2] })).toBe('每周二、周六');
    expect(describeRecurrence({ kind: 'monthlyDate', day: 15 })).toBe('每月15日');
    expect(describeRecurrence({ kind: 'monthlyNth', nth: 2, weekday: 3 })).toBe('每月第2个周三');
    expect(describeRecurrence({ kind: 'monthlyNth', nth: -1, weekday: 5 })).toBe('每月最后一个周五');
  });

  test('instants are shown in China time whatever the device zone', () => {
    // 2026-11-27T23:30Z is Saturday 07:30 in Fushan.
    expect(formatChinaDateTime('2026-11-27T23:30:00.000Z')).toBe('11月28日 周六 07:30');
    expect(chinaWeekdayNow(new Date('2026-11-27T23:30:00.000Z'))).toBe(6);
  });

  test("a station's hours for one day, or that it is closed", () => {
    const hours = {
      '1': [
        { open: '08:30', close: '12:00' },
        { open: '14:00', close: '17:30' },
      ],
    };
    expect(describeHoursOn(hours, 1)).toBe('08:30–12:00、14:00–17:30');
    expect(describeHoursOn(hours, 7)).toBe('休息');
  });
});

describe('booking wording', () => {
  const none = { waitlistPosition: null, decision: null, cancellation: null };

  test('when booking opens, and a slot', () => {
    expect(formatChinaMonthDayClock('2026-11-21T00:00:00.000Z')).toBe('11月21日 08:00');
    expect(formatSlot({ startTime: '09:00', endTime: '09:30' })).toBe('09:00–09:30');
  });

  test('every state in words and a symbol, with who and why', () => {
    expect(bookingStatusText({ status: 'confirmed', waitlistPosition: null })).toBe('✓ 已确认');
    expect(bookingStatusText({ status: 'waitlisted', waitlistPosition: 2 })).toBe('○ 候补第 2 位');
    expect(bookingStatusText({ status: 'noshow', waitlistPosition: null })).toBe('! 未到场');
    expect(
      bookingStatusDetail({ ...none, status: 'rejected', decision: { approved: false, by: '李强', at: '2026-11-24T00:00:00.000Z', reason: '名额已满' } }),
    ).toBe('社区审核未通过，原因：名额已满');
    expect(bookingStatusDetail({ ...none, status: 'cancelled', cancellation: { by: 'staff', at: '2026-11-24T00:00:00.000Z', reason: '' } })).toBe('由社区取消');
  });

  test('check-in codes: read out in groups, typed back without spaces', () => {
    expect(readableCode('XFJY1:ABCD2345')).toBe('ABCD 2345');
    expect(normaliseCode(' abcd 2345 ')).toBe('ABCD2345');
  });
});

test('a date and time may wrap between its date and its time, never inside either', () => {
  expect(unbreakablePieces('12月7日 周一 上午9:00–11:30')).toEqual(['12月7日 周一', '上午9:00–11:30']);
  expect(unbreakablePieces('11月28日 周六 09:00')).toEqual(['11月28日 周六', '09:00']);
  expect(unbreakablePieces('12月7日')).toEqual(['12月7日']);
});
