import { dayWords, momentWords, slotWords, spanWords, timeRangeWords, timeWords } from '../../rules/words';

/** Dates and times in residents' words, as messages say them. */

test('a day: month, day and weekday, without leading zeros', () => {
  expect(dayWords('2026-12-07')).toBe('12月7日 周一');
  expect(dayWords('2027-01-03')).toBe('1月3日 周日');
  expect(dayWords('2028-02-29')).toBe('2月29日 周二');
});

test('a time: the part of the day and a 12-hour clock', () => {
  expect(timeWords('00:30')).toBe('凌晨12:30');
  expect(timeWords('05:59')).toBe('凌晨5:59');
  expect(timeWords('09:00')).toBe('上午9:00');
  expect(timeWords('11:59')).toBe('上午11:59');
  expect(timeWords('12:00')).toBe('中午12:00');
  expect(timeWords('12:45')).toBe('中午12:45');
  expect(timeWords('13:30')).toBe('下午1:30');
  expect(timeWords('17:59')).toBe('下午5:59');
  expect(timeWords('18:00')).toBe('晚上6:00');
  expect(timeWords('23:05')).toBe('晚上11:05');
});

test('a range says the part of the day again only when it changes', () => {
  expect(timeRangeWords('09:00', '11:30')).toBe('上午9:00–11:30');
  expect(timeRangeWords('11:00', '13:00')).toBe('上午11:00–下午1:00');
  expect(timeRangeWords('14:00', '16:30')).toBe('下午2:00–4:30');
});

test('a slot of a day', () => {
  expect(slotWords('2026-12-07', '09:00', '09:30')).toBe('12月7日 周一 上午9:00–9:30');
});

test('an instant in China time', () => {
  expect(momentWords(new Date('2026-12-07T06:30:00Z'))).toBe('12月7日 周一 下午2:30');
});

test('a span of instants in China time, whatever the zone the function runs in', () => {
  // 01:00Z is 09:00 in China; 16:30Z is 00:30 the next day there.
  expect(spanWords(new Date('2026-12-07T01:00:00Z'), new Date('2026-12-07T04:00:00Z'))).toBe('12月7日 周一 上午9:00–中午12:00');
  expect(spanWords(new Date('2026-12-31T12:00:00Z'), new Date('2026-12-31T16:30:00Z'))).toBe('12月31日 周四 晚上8:00–1月1日 周五 凌晨12:30');
});
