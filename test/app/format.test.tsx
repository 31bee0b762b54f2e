import { chinaWeekdayNow, describeHoursOn, describeRecurrence, formatChinaDateTime, formatDate, formatOccurrence } from '../../src/format';

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
    const hours = { '1': [{ open: '08:30', close: '12:00' }, { open: '14:00', close: '17:30' }] };
    expect(describeHoursOn(hours, 1)).toBe('08:30–12:00、14:00–17:30');
    expect(describeHoursOn(hours, 7)).toBe('休息');
  });
});
