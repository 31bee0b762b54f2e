import { isoDateSchema, isoDateTimeSchema, monthSchema } from '../../contract';

/** Dates and instants given to any action are real days of the years the app works in (2000–2100). */

test.each(['2026-02-28', '2028-02-29', '2000-01-01', '2100-12-31'])('%s is a date', (date) => {
  expect(isoDateSchema.safeParse(date).success).toBe(true);
});

test.each(['2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '9999-12-31', '1999-12-31', '2101-01-01', '0000-00-00', '2026-1-01'])(
  '%s is refused',
  (date) => {
    const parsed = isoDateSchema.safeParse(date);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toMatch(/日期/);
  },
);

test('months and instants keep to the same years', () => {
  expect(monthSchema.safeParse('2100-12').success).toBe(true);
  expect(monthSchema.safeParse('9999-12').success).toBe(false);
  expect(isoDateTimeSchema.safeParse('2026-12-05T10:00:00+08:00').success).toBe(true);
  expect(isoDateTimeSchema.safeParse('9999-12-31T00:00:00Z').success).toBe(false);
  expect(isoDateTimeSchema.safeParse('1970-01-01T00:00:00Z').success).toBe(false);
});
