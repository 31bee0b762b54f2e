import { eventsContract, EVENT_TOO_LONG, MAX_EVENT_MS } from '../../contract';

/**
 * An event lasts at most 24 hours (MAX_EVENT_MS): a market or a banquet is a day's event at most, and
 * the lists of events not yet ended are bounded by their start on that promise.
 */
const at = (ms: number) => new Date(Date.parse('2027-01-10T02:00:00Z') + ms).toISOString();
const fields = (lengthMs: number) => ({
  communityId: 'c1',
  type: 'banquet',
  title: '一月百家宴',
  description: '测试活动',
  place: { address: '社区文化广场', location: { lng: 121.26, lat: 37.5 }, stationId: null },
  startAt: at(0),
  endAt: at(lengthMs),
  deadline: at(-3600_000),
  capacity: 20,
});

test('an event of 24 hours is taken; one a minute longer is refused in its words', () => {
  expect(eventsContract.createEvent.input.safeParse(fields(MAX_EVENT_MS)).error).toBeUndefined();
  const longer = eventsContract.createEvent.input.safeParse(fields(MAX_EVENT_MS + 60_000));
  expect(longer.error?.issues).toEqual([expect.objectContaining({ path: ['endAt'], message: EVENT_TOO_LONG })]);
});
