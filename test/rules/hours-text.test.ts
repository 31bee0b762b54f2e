import type { OpeningHours } from '../../contract';
import { formatHours, parseHours } from '../../rules/hours-text';

/** Weekly opening hours as people write them in a spreadsheet, and back. */

const weekdays = (periods: Array<{ open: string; close: string }>, days = [1, 2, 3, 4, 5]): OpeningHours =>
  Object.fromEntries(days.map((d) => [String(d), periods]));

test('runs of days with the same hours are written as one group; groups in day order', () => {
  const hours = {
    ...weekdays([
      { open: '08:30', close: '12:00' },
      { open: '14:00', close: '17:30' },
    ]),
    '6': [{ open: '09:00', close: '12:00' }],
  };
  expect(formatHours(hours)).toBe('周一至周五 08:30-12:00,14:00-17:30；周六 09:00-12:00');
  expect(formatHours({ '6': [{ open: '09:00', close: '11:00' }], '7': [{ open: '09:00', close: '11:00' }] })).toBe('周六、周日 09:00-11:00');
  expect(formatHours({ '1': [{ open: '08:00', close: '12:00' }], '3': [{ open: '08:00', close: '12:00' }] })).toBe('周一 08:00-12:00；周三 08:00-12:00');
  expect(formatHours({})).toBe('');
});

test('what is written reads back the same', () => {
  const samples: OpeningHours[] = [
    { ...weekdays([{ open: '08:30', close: '17:30' }]), '7': [{ open: '20:00', close: '02:00' }] },
    weekdays([{ open: '00:00', close: '24:00' }], [1, 2, 3, 4, 5, 6, 7]),
    {
      '2': [{ open: '09:00', close: '10:00' }],
      '4': [
        { open: '09:00', close: '10:00' },
        { open: '15:00', close: '16:00' },
      ],
    },
  ];
  for (const hours of samples) expect(parseHours(formatHours(hours))).toEqual({ hours });
});

test('what people type is read: full-width punctuation, 星期, 到, ~ and a single-digit hour', () => {
  expect(parseHours('星期一到星期三 8:30~12:00，14:00-17:00；周日 09：00-11：00')).toEqual({
    hours: {
      ...weekdays(
        [
          { open: '08:30', close: '12:00' },
          { open: '14:00', close: '17:00' },
        ],
        [1, 2, 3],
      ),
      '7': [{ open: '09:00', close: '11:00' }],
    },
  });
  expect(parseHours('  ')).toEqual({ hours: {} });
});

test('what cannot be read is refused, saying what to write', () => {
  expect(parseHours('周一至周五')).toEqual({ problem: expect.stringContaining('没有写时间') });
  expect(parseHours('工作日 08:00-17:00')).toEqual({ problem: expect.stringContaining('不是星期几') });
  expect(parseHours('周五至周一 08:00-17:00')).toEqual({ problem: expect.stringContaining('顺序反了') });
  expect(parseHours('周一 8点-17点')).toEqual({ problem: expect.stringContaining('看不懂') });
  expect(parseHours('周一 25:00-26:00')).toEqual({ problem: expect.stringContaining('看不懂') });
  expect(parseHours('周一 08:00-12:00；周一 14:00-17:00')).toEqual({ problem: '周一写了不止一次' });
});
