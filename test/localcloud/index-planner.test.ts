import { aggregateQuery, DeclaredIndex, describeQuery, requireIndex, servingIndex } from '../../localcloud/src/engine/index-planner';
import { DbError } from '../../localcloud/src/engine/errors';

/** Strict index mode's rule (localcloud/src/engine/index-planner.ts), on declared indexes like the project's. */
const indexes: DeclaredIndex[] = [
  { name: 'community_status_start', keys: { communityId: 1, status: 1, startAt: 1, _id: 1 } },
  { name: 'created_id', keys: { createdAt: -1, _id: -1 } },
  { name: 'code_unique', keys: { code: 1 }, unique: true },
  { name: 'location_geo', keys: { location: '2dsphere' } },
];
const at = new Date('2030-01-01T00:00:00Z');

describe('equality prefix, then one range or the sort', () => {
  test('equality on leading keys, in any order in the filter', () => {
    expect(servingIndex(indexes, { status: 'published', communityId: 'c1' })).toBe('community_status_start');
    expect(servingIndex(indexes, { communityId: 'c1' })).toBe('community_status_start');
  });

  test('a filter that skips the leading key is not a prefix', () => {
    expect(servingIndex(indexes, { status: 'published' })).toBeUndefined();
    expect(servingIndex(indexes, { startAt: { $gte: at } })).toBeUndefined();
  });

  test('a range on the key after the equality prefix, not on a later one', () => {
    expect(servingIndex(indexes, { communityId: 'c1', status: 'published', startAt: { $gte: at } })).toBe('community_status_start');
    // status skipped: startAt is not the key after the prefix.
    expect(servingIndex(indexes, { communityId: 'c1', startAt: { $gte: at } })).toBeUndefined();
  });

  test('a range the index cannot bound is refused, even behind an equality prefix; further ranges may follow a bounding one', () => {
    // Upcoming events by end time walk every past event of the community.
    expect(servingIndex(indexes, { communityId: 'c1', status: 'published', endAt: { $gt: at } })).toBeUndefined();
    expect(servingIndex(indexes, { communityId: 'c1', status: 'published', startAt: { $gte: at }, endAt: { $gt: at } })).toBe('community_status_start');
  });

  test('$in counts as equality; $eq and null too', () => {
    expect(servingIndex(indexes, { communityId: { $in: ['c1', 'c2'] }, status: { $eq: 'published' } })).toBe('community_status_start');
    expect(servingIndex(indexes, { code: null })).toBe('code_unique');
  });

  test('conditions the index does not bound filter a bounded walk only', () => {
    expect(servingIndex(indexes, { code: 'x', teamId: 't1' })).toBe('code_unique');
    // Past a unique index's keys there are no ties: an `_id` tiebreak needs nothing more.
    expect(servingIndex(indexes, {}, { code: 1, _id: 1 })).toBe('code_unique');
    expect(servingIndex(indexes, { communityId: 'c1', title: /集市/i })).toBe('community_status_start');
    // A keyword search with nothing to bound it walks the whole collection.
    expect(servingIndex(indexes, { title: /集市/i }, { createdAt: -1, _id: -1 })).toBeUndefined();
    expect(servingIndex(indexes, { code: { $ne: 'x' } })).toBeUndefined();
  });
});

describe('sort', () => {
  test('on the keys after the equality prefix, in the index direction or its exact reverse', () => {
    const filter = { communityId: 'c1', status: 'published' };
    expect(servingIndex(indexes, filter, { startAt: 1, _id: 1 })).toBe('community_status_start');
    expect(servingIndex(indexes, filter, { startAt: -1, _id: -1 })).toBe('community_status_start');
    expect(servingIndex(indexes, filter, { startAt: 1, _id: -1 })).toBeUndefined();
    expect(servingIndex(indexes, filter, { _id: 1 })).toBeUndefined();
  });

  test('sort fields fixed by equality are ignored; a sort past a gap is refused', () => {
    expect(servingIndex(indexes, { communityId: 'c1', status: 'published' }, { status: 1, startAt: -1 })).toBe('community_status_start');
    expect(servingIndex(indexes, { communityId: 'c1' }, { startAt: 1 })).toBeUndefined();
  });

  test('a range and a sort share the key after the prefix', () => {
    const filter = { communityId: 'c1', status: 'published', startAt: { $lt: at } };
    expect(servingIndex(indexes, filter, { startAt: -1, _id: -1 })).toBe('community_status_start');
    expect(servingIndex(indexes, { communityId: 'c1', status: 'published', _id: { $gt: 'x' } }, { startAt: 1 })).toBeUndefined();
  });

  test('an index walked for its order alone serves an unfiltered page, not a filtered one', () => {
    expect(servingIndex(indexes, {}, { createdAt: -1, _id: -1 })).toBe('created_id');
    expect(servingIndex(indexes, {}, { createdAt: 1, _id: 1 })).toBe('created_id');
    expect(servingIndex(indexes, { role: 'admin' }, { createdAt: -1, _id: -1 })).toBeUndefined();
  });
});

describe('_id, $or, geo, whole collections', () => {
  test('_id lookups are always served by the implicit index', () => {
    expect(servingIndex([], { _id: 'a' })).toBe('_id_');
    expect(servingIndex([], { _id: { $in: ['a', 'b'] } })).toBe('_id_');
    expect(servingIndex([], { $and: [{ _id: 'a' }, { sentAt: null, claimedAt: { $lt: at } }] })).toBe('_id_');
    expect(servingIndex([], {}, { _id: 1 })).toBe('_id_');
  });

  test('$or: each branch needs an index, unless the rest of the filter bounds it', () => {
    expect(servingIndex(indexes, { $or: [{ code: 'a' }, { _id: 'b' }] })).toBe('$or(code_unique | _id_)');
    expect(servingIndex(indexes, { $or: [{ code: 'a' }, { name: 'b' }] })).toBeUndefined();
    expect(servingIndex(indexes, { communityId: 'c1', $or: [{ name: /a/ }, { title: /a/ }] })).toBe('community_status_start');
  });

  test('keyset paging after (t, _id): each branch joined with the rest is served', () => {
    const page2 = { $and: [{}, { $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: 'u9' } }] }] };
    expect(servingIndex(indexes, page2, { createdAt: -1, _id: -1 })).toBe('$or(created_id | created_id)');
    const inCommunity = {
      $and: [{ communityId: 'c1' }, { status: 'published' }, { $or: [{ startAt: { $gt: at } }, { startAt: at, _id: { $gt: 'e1' } }] }],
    };
    expect(servingIndex(indexes, inCommunity, { startAt: 1, _id: 1 })).toBe('community_status_start');
  });

  test('a geo condition is served by its 2dsphere index (the engine requires one)', () => {
    const near = { location: { $nearSphere: { $geometry: { type: 'Point', coordinates: [121.4, 37.5] }, $maxDistance: 1500 } }, active: true };
    expect(servingIndex(indexes, near)).toBe('geo');
  });

  test('a whole collection, listed or counted, is refused', () => {
    expect(servingIndex(indexes, {})).toBeUndefined();
    expect(servingIndex(indexes, { $and: [] })).toBeUndefined();
  });
});

describe('aggregate', () => {
  test('planned on the leading $match and the $sort after it; a leading $geoNear uses its own index', () => {
    expect(aggregateQuery([{ $match: { communityId: 'c1' } }, { $sort: { status: 1 } }, { $limit: 5 }])).toEqual({
      filter: { communityId: 'c1' },
      sort: { status: 1 },
    });
    expect(aggregateQuery([{ $sort: { createdAt: -1 } }])).toEqual({ filter: {}, sort: { createdAt: -1 } });
    expect(aggregateQuery([{ $group: { _id: '$status' } }])).toEqual({ filter: {} });
    expect(aggregateQuery([{ $geoNear: { near: { type: 'Point', coordinates: [0, 0] } } }])).toBeUndefined();
  });
});

describe('refusal', () => {
  test('names the collection and the query shape, with the code the SDK reports as -502001', () => {
    const filter = { $and: [{ communityId: 'c1' }, { startAt: { $gte: at } }, { $or: [{ title: /a/i }, { code: { $in: ['x'] } }] }] };
    const refuse = () => requireIndex('events', indexes, filter, { startAt: 1 });
    expect(refuse).toThrow(DbError);
    expect(refuse).toThrow(
      '[FailedOperation] no index serves this query on events: filter {communityId, startAt: range, $or: [{title: regex} | {code: in}]} sort {startAt: 1}; declare one in cloudfunctions/database.json (strict index mode)',
    );
    try {
      refuse();
    } catch (err) {
      expect((err as DbError).code).toBe('DATABASE_REQUEST_FAILED');
    }
  });

  test('shapes name each field by what the filter does with it', () => {
    expect(describeQuery({ a: 1, b: { $gt: 1, $lte: 5 }, c: { $exists: true }, $nor: [{ d: 1 }] })).toBe('filter {a, b: range, c: $exists, $nor}');
    expect(describeQuery({}, { _id: -1 })).toBe('filter {} sort {_id: -1}');
    expect(() => requireIndex('events', indexes, { communityId: 'c1' })).not.toThrow();
  });
});
