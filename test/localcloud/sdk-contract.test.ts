import path from 'path';
import { haversineMeters } from '../../localcloud/src/engine/geo-index';
import { startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { mulberry32 } from '../../demo/random';

/**
 * Pins the local cloud to what the real wx-server-sdk 4.0.2 does against WeChat Cloud: every
 * operation this project uses, its return shape and its errors, driven through the unmodified SDK.
 */

type Sdk = typeof import('wx-server-sdk');
let cloud: TestCloud;
let sdk: Sdk;
let db: ReturnType<Sdk['database']>;
let _: ReturnType<Sdk['database']>['command'];

beforeAll(async () => {
  cloud = await startCloud({
    env: { LOCALCLOUD_SPEC: path.join(__dirname, 'contract-spec.json'), LOCALCLOUD_TXN_TTL_MS: '1500' },
  });
  useCloudFromThisProcess(cloud);
  sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database();
  _ = db.command;
});
afterAll(() => cloud?.stop());

// The SDK's typings mix callback and promise styles; results are read through this one cast.
const res = <T = any>(p: unknown) => p as Promise<T>;

describe('documents', () => {
  test('add, doc().get and get answer with the real shapes', async () => {
    const added = await res(db.collection('items').add({ data: { code: 'shape', n: 1, nested: { a: 1 } } }));
    expect(added).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' });
    const one = await res(db.collection('items').doc(added._id).get());
    expect(one).toEqual({ data: { _id: added._id, code: 'shape', n: 1, nested: { a: 1 } }, errMsg: 'document.get:ok' });
    const list = await res(db.collection('items').where({ code: 'shape' }).get());
    expect(list).toEqual({ data: [one.data], errMsg: 'collection.get:ok' });
  });

  test('doc().get of a missing document throws, unless throwOnNotFound is false', async () => {
    await expect(res(db.collection('items').doc('missing').get())).rejects.toMatchObject({
      errMsg: expect.stringContaining('does not exist'),
    });
    const lenient = sdk.database({ throwOnNotFound: false } as never);
    expect(await res(lenient.collection('items').doc('missing').get())).toEqual({ data: null, errMsg: 'document.get:ok' });
  });

  test('set creates then replaces; update applies commands; remove removes', async () => {
    const coll = db.collection('plain');
    expect(await res(coll.doc('s1').set({ data: { a: 1, b: 2 } }))).toEqual({
      _id: 's1',
      errMsg: 'document.set:ok',
      stats: { updated: 0, created: 1 },
    });
    expect(await res(coll.doc('s1').set({ data: { a: 5 } }))).toMatchObject({ stats: { updated: 1, created: 0 } });
    expect((await res(coll.doc('s1').get())).data).toEqual({ _id: 's1', a: 5 });

    const updated = await res(coll.doc('s1').update({ data: { a: _.inc(2), list: _.push(['x', 'y']), 'deep.field': 'v', gone: _.remove() } }));
    expect(updated).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect((await res(coll.doc('s1').get())).data).toEqual({ _id: 's1', a: 7, list: ['x', 'y'], deep: { field: 'v' } });

    expect(await res(coll.doc('s1').remove())).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' });
    expect(await res(coll.where({ _id: 's1' }).count())).toEqual({ total: 0, errMsg: 'collection.count:ok' });
  });

  test('update() writes nested objects field by field, which a null field refuses; _.set() replaces it whole', async () => {
    const coll = db.collection('plain');
    await res(coll.doc('nested').set({ data: { decision: null, meta: { a: 1, b: 2 } } }));
    await expect(res(coll.doc('nested').update({ data: { decision: { by: 'x' } } }))).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining("Cannot create field 'by'"),
    });
    await res(coll.doc('nested').update({ data: { decision: _.set({ by: 'x' }), meta: { a: 5 } } }));
    // The nested write merged into meta (b kept); _.set replaced decision.
    expect((await res(coll.doc('nested').get())).data).toEqual({ _id: 'nested', decision: { by: 'x' }, meta: { a: 5, b: 2 } });
  });

  test('where().update() and where().remove() touch every match and report how many', async () => {
    const coll = db.collection('plain');
    await res(
      coll.add({
        data: [
          { g: 'w', v: 1 },
          { g: 'w', v: 2 },
          { g: 'w', v: 3 },
          { g: 'other', v: 1 },
        ],
      }),
    );
    expect(await res(coll.where({ g: 'w', v: _.gte(2) }).update({ data: { flag: true } }))).toEqual({
      stats: { updated: 2 },
      errMsg: 'collection.update:ok',
    });
    expect((await res(coll.where({ flag: true }).count())).total).toBe(2);
    expect(await res(coll.where({ g: 'w' }).remove())).toEqual({ stats: { removed: 3 }, errMsg: 'collection.remove:ok' });
    expect((await res(coll.where({ g: _.in(['w', 'other']) }).count())).total).toBe(1);
  });

  test('queries filter, sort, skip, limit and project', async () => {
    const coll = db.collection('plain');
    await res(coll.add({ data: Array.from({ length: 30 }, (_x, i) => ({ q: 'sort', rank: i % 10, name: `n${i}`, secret: 's' })) }));
    const page = await res(
      coll
        .where({ q: 'sort', rank: _.gt(2).and(_.lt(8)) })
        .orderBy('rank', 'desc')
        .orderBy('name', 'asc')
        .skip(2)
        .limit(5)
        .field({ rank: true, name: true })
        .get(),
    );
    expect(page.data.map((d: any) => `${d.rank}:${d.name}`)).toEqual(['7:n7', '6:n16', '6:n26', '6:n6', '5:n15']);
    expect(Object.keys(page.data[0]).sort()).toEqual(['_id', 'name', 'rank']);
    const either = await res(coll.where(_.or([{ name: 'n1' }, { name: db.RegExp({ regexp: '^n2[89]$' }) }])).get());
    expect(either.data.map((d: any) => d.name).sort()).toEqual(['n1', 'n28', 'n29']);
  });

  test('serverDate() is the server clock, stored as a date', async () => {
    const before = Date.now();
    const { _id } = await res(
      db.collection('plain').add({ data: { at: db.serverDate(), later: (db.serverDate as (o: { offset: number }) => unknown)({ offset: 60_000 }) } }),
    );
    const { data } = await res(db.collection('plain').doc(_id).get());
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(data.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
  });

  test('aggregate() runs MongoDB stages', async () => {
    const coll = db.collection('plain');
    await res(
      coll.add({
        data: [
          { agg: 'a', v: 2 },
          { agg: 'a', v: 3 },
          { agg: 'b', v: 10 },
        ],
      }),
    );
    const $ = db.command.aggregate;
    const out = await res(
      coll
        .aggregate()
        .match({ agg: _.exists(true) })
        .group({ _id: '$agg', total: $.sum('$v'), n: $.sum(1) })
        .sort({ _id: 1 })
        .end(),
    );
    expect(out).toEqual({
      list: [
        { _id: 'a', total: 5, n: 2 },
        { _id: 'b', total: 10, n: 1 },
      ],
      errMsg: 'collection.aggregate:ok',
    });
  });
});

describe('errors as the real database gives them', () => {
  test('an undeclared collection answers -502005', async () => {
    await expect(res(db.collection('undeclared').add({ data: { a: 1 } }))).rejects.toMatchObject({ errCode: -502005 });
    await expect(res(db.collection('undeclared').get())).rejects.toMatchObject({ errCode: -502005 });
  });

  test('a duplicate _id and a duplicate unique key answer -502001 E11000', async () => {
    await res(db.collection('items').add({ data: { _id: 'dup', code: 'd1' } }));
    await expect(res(db.collection('items').add({ data: { _id: 'dup', code: 'd2' } }))).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('E11000 duplicate key'),
    });
    await expect(res(db.collection('items').add({ data: { code: 'd1' } }))).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('code_unique'),
    });
    // Freeing the value lets another document take it.
    await res(
      db
        .collection('items')
        .doc('dup')
        .update({ data: { code: 'd3' } }),
    );
    await expect(res(db.collection('items').add({ data: { code: 'd1' } }))).resolves.toMatchObject({ _id: expect.any(String) });
    // An update that would collide is refused too, and changes nothing.
    await expect(
      res(
        db
          .collection('items')
          .doc('dup')
          .update({ data: { code: 'd1' } }),
      ),
    ).rejects.toMatchObject({ errCode: -502001 });
    expect((await res(db.collection('items').doc('dup').get())).data.code).toBe('d3');
  });

  test('a batch add with one duplicate writes nothing', async () => {
    await expect(res(db.collection('items').add({ data: [{ code: 'batch1' }, { code: 'batch1' }] }))).rejects.toMatchObject({ errCode: -502001 });
    expect((await res(db.collection('items').where({ code: 'batch1' }).count())).total).toBe(0);
  });
});

describe('transactions', () => {
  test('commit applies every write at once; rollback none', async () => {
    await res(
      db
        .collection('slots')
        .doc('t1')
        .set({ data: { n: 0 } }),
    );
    const result = await db.runTransaction(async (t: any) => {
      await t
        .collection('slots')
        .doc('t1')
        .update({ data: { n: _.inc(1) } });
      await t.collection('slots').add({ data: { _id: 't1-log', by: 'commit' } });
      return 'done';
    });
    expect(result).toBe('done');
    expect((await res(db.collection('slots').doc('t1').get())).data.n).toBe(1);
    expect((await res(db.collection('slots').doc('t1-log').get())).data.by).toBe('commit');

    const t = await db.startTransaction();
    await t
      .collection('slots')
      .doc('t1')
      .update({ data: { n: _.inc(1) } });
    await t.collection('slots').add({ data: { _id: 't1-rolled' } });
    await t.rollback();
    expect((await res(db.collection('slots').doc('t1').get())).data.n).toBe(1);
    expect((await res(db.collection('slots').where({ _id: 't1-rolled' }).count())).total).toBe(0);
  });

  test('reads see a snapshot; writing a document changed since then conflicts', async () => {
    await res(
      db
        .collection('slots')
        .doc('snap')
        .set({ data: { n: 1 } }),
    );
    const t = await db.startTransaction();
    expect((await res(t.collection('slots').doc('snap').get())).data.n).toBe(1);
    await res(
      db
        .collection('slots')
        .doc('snap')
        .update({ data: { n: 2 } }),
    );
    expect((await res(t.collection('slots').doc('snap').get())).data.n).toBe(1);
    await expect(
      res(
        t
          .collection('slots')
          .doc('snap')
          .update({ data: { n: 3 } }),
      ),
    ).rejects.toMatchObject({
      errMsg: expect.stringContaining('[ResourceUnavailable.TransactionConflict]'),
    });
    await t.rollback().catch(() => undefined);
    expect((await res(db.collection('slots').doc('snap').get())).data.n).toBe(2);
  });

  test('a document written by one transaction is locked against another', async () => {
    await res(
      db
        .collection('slots')
        .doc('lock')
        .set({ data: { n: 0 } }),
    );
    const a = await db.startTransaction();
    const b = await db.startTransaction();
    await a
      .collection('slots')
      .doc('lock')
      .update({ data: { n: _.inc(1) } });
    await expect(
      res(
        b
          .collection('slots')
          .doc('lock')
          .update({ data: { n: _.inc(1) } }),
      ),
    ).rejects.toMatchObject({
      errMsg: expect.stringContaining('TransactionConflict'),
    });
    await b.rollback().catch(() => undefined);
    await a.commit();
    expect((await res(db.collection('slots').doc('lock').get())).data.n).toBe(1);
  });

  test('a plain write waits for the transaction holding its document', async () => {
    await res(
      db
        .collection('slots')
        .doc('wait')
        .set({ data: { n: 0 } }),
    );
    const t = await db.startTransaction();
    await t
      .collection('slots')
      .doc('wait')
      .update({ data: { n: _.inc(10) } });
    const plain = res(
      db
        .collection('slots')
        .doc('wait')
        .update({ data: { n: _.inc(1) } }),
    );
    await t.commit();
    await plain;
    expect((await res(db.collection('slots').doc('wait').get())).data.n).toBe(11);
  });

  test('a transaction older than its lifetime fails and its locks are released', async () => {
    await res(
      db
        .collection('slots')
        .doc('old')
        .set({ data: { n: 0 } }),
    );
    const t = await db.startTransaction();
    await t
      .collection('slots')
      .doc('old')
      .update({ data: { n: 5 } });
    await new Promise((r) => setTimeout(r, 1700)); // the test cloud's lifetime is 1.5 s (30 s in production)
    await expect(res(t.collection('slots').doc('old').get())).rejects.toMatchObject({ errMsg: expect.stringContaining('expired') });
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    await res(
      db
        .collection('slots')
        .doc('old')
        .update({ data: { n: 1 } }),
    );
    expect((await res(db.collection('slots').doc('old').get())).data.n).toBe(1);
  });

  test('a unique value taken inside a transaction is held against others', async () => {
    const t = await db.startTransaction();
    await t.collection('items').add({ data: { code: 'txn-unique' } });
    const other = await db.startTransaction();
    await expect(res(other.collection('items').add({ data: { code: 'txn-unique' } }))).rejects.toMatchObject({
      errMsg: expect.stringContaining('TransactionConflict'),
    });
    await other.rollback().catch(() => undefined);
    await t.commit();
    expect((await res(db.collection('items').where({ code: 'txn-unique' }).count())).total).toBe(1);
  });

  test('50 concurrent callers racing for the last 5 places get exactly 5', async () => {
    /** What each winner adds in its transaction, beside taking a place: a slot of its own, counted at the end. */
    const RACE_WINNER = {
      teamId: 'race-winners',
      date: '2026-01-01',
      startTime: '09:00',
      endTime: '10:00',
      capacity: 0,
      held: 0,
      waitlist: [],
      updatedAt: new Date(0),
    };
    await res(
      db
        .collection('slots')
        .doc('race')
        .set({ data: { capacity: 5, held: 0 } }),
    );
    const { withTransaction } = require('../../cloudfunctions/_shared/transaction') as typeof import('../../cloudfunctions/_shared/transaction');
    const attempts = Array.from({ length: 50 }, (_x, i) =>
      withTransaction(async (tx) => {
        const slot = await tx.get('slots', 'race');
        if (!slot || slot.held >= slot.capacity) return false;
        await tx.update('slots', 'race', { held: slot.held + 1 });
        await tx.add('slots', { ...RACE_WINNER, holders: { [i]: 'race' } });
        return true;
      }),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter(Boolean)).toHaveLength(5);
    expect((await res(db.collection('slots').doc('race').get())).data.held).toBe(5);
    expect((await res(db.collection('slots').where({ teamId: RACE_WINNER.teamId }).count())).total).toBe(5);
  });
});

describe('geo', () => {
  const CENTRE = { lng: 121.26, lat: 37.5 };
  // A deterministic scatter of 100,000 points in about 0.4° around Fushan's centre.
  const random = mulberry32(7);
  const points = Array.from({ length: 100_000 }, (_x, i) => ({
    _id: `p${i}`,
    kind: i % 4 === 0 ? 'station' : 'other',
    lng: CENTRE.lng + (random() - 0.5) * 0.4,
    lat: CENTRE.lat + (random() - 0.5) * 0.4,
  }));

  beforeAll(async () => {
    for (let i = 0; i < points.length; i += 2000) {
      const batch = points.slice(i, i + 2000).map((p) => ({ _id: p._id, kind: p.kind, location: db.Geo.Point(p.lng, p.lat) }));
      await res(db.collection('places').add({ data: batch }));
    }
  }, 120_000);

  const bruteNearest = (lng: number, lat: number, filter: (p: (typeof points)[number]) => boolean, n: number) =>
    points
      .filter(filter)
      .map((p) => ({ id: p._id, d: haversineMeters(lng, lat, p.lng, p.lat) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, n)
      .map((p) => p.id);

  test('geoNear in a where() returns the nearest first, at 100,000 points', async () => {
    const out = await res(
      db
        .collection('places')
        .where({ location: _.geoNear({ geometry: db.Geo.Point(121.27, 37.51), maxDistance: 5000 }), kind: 'station' })
        .limit(5)
        .get(),
    );
    expect(out.data.map((d: any) => d._id)).toEqual(bruteNearest(121.27, 37.51, (p) => p.kind === 'station', 5));
    expect(out.data[0].location).toMatchObject({ longitude: expect.any(Number), latitude: expect.any(Number) });
  });

  test('the geoNear aggregate stage adds the distance in metres', async () => {
    const out = await res(
      db
        .collection('places')
        .aggregate()
        .geoNear({ near: db.Geo.Point(121.25, 37.49), spherical: true, distanceField: 'distance', query: { kind: 'other' } })
        .limit(5)
        .end(),
    );
    const expected = bruteNearest(121.25, 37.49, (p) => p.kind === 'other', 5);
    expect(out.list.map((d: any) => d._id)).toEqual(expected);
    const first = points.find((p) => p._id === expected[0])!;
    expect(out.list[0].distance).toBeCloseTo(haversineMeters(121.25, 37.49, first.lng, first.lat), 3);
  });

  test('the geoNear stage pages by minDistance (inclusive) and a $match on the distance: each point once, in order', async () => {
    const from = db.Geo.Point(121.262, 37.503);
    const seen: Array<{ id: string; d: number }> = [];
    let last: { d: number; id: string } | undefined;
    for (let page = 0; page < 6; page++) {
      let query = db
        .collection('places')
        .aggregate()
        .geoNear({ near: from, spherical: true, key: 'location', distanceField: 'd', query: { kind: 'station' }, ...(last ? { minDistance: last.d } : {}) });
      if (last) query = query.match(_.or([{ d: _.gt(last.d) }, { _id: _.gt(last.id) }]));
      const out = await res(query.limit(7).end());
      expect(out.list).toHaveLength(7);
      seen.push(...out.list.map((doc: any) => ({ id: doc._id, d: doc.d })));
      const end = out.list[out.list.length - 1];
      last = { d: end.d, id: end._id };
    }
    expect(seen.map((s) => s.id)).toEqual(bruteNearest(121.262, 37.503, (p) => p.kind === 'station', 42));
    // maxDistance is inclusive too: exactly the last distance seen keeps the last point. (The limit is
    // needed: without one, aggregate() answers 20 rows.)
    const upTo = await res(
      db
        .collection('places')
        .aggregate()
        .geoNear({ near: from, spherical: true, distanceField: 'd', query: { kind: 'station' }, maxDistance: last!.d })
        .limit(100)
        .end(),
    );
    expect(upTo.list.map((doc: any) => doc._id)).toEqual(seen.map((s) => s.id));
  });

  describe('geoNear stage options', () => {
    beforeAll(async () => {
      await res(
        db.collection('shops').add({
          data: [
            { _id: 's1', name: '福海理发店', tags: ['理发', '图书'], location: db.Geo.Point(121.26, 37.5), entrance: db.Geo.Point(121.3, 37.5) },
            { _id: 's2', name: '金都书屋', tags: ['图书'], location: db.Geo.Point(121.261, 37.5), entrance: db.Geo.Point(121.261, 37.5) },
            { _id: 's3', name: '福海书屋', tags: ['图书'], location: db.Geo.Point(121.262, 37.5), entrance: db.Geo.Point(121.262, 37.5) },
          ],
        } as never),
      );
    });

    test('the geoNear stage filters with its query (regex, array contains) before counting toward $limit', async () => {
      const near = (extra: object) =>
        res(
          db
            .collection('shops')
            .aggregate()
            .geoNear({ near: db.Geo.Point(121.26, 37.5), spherical: true, key: 'location', distanceField: 'd', ...extra })
            .limit(2)
            .end(),
        ).then((out: any) => out.list.map((doc: any) => doc._id));
      expect(await near({ query: { tags: '图书' } })).toEqual(['s1', 's2']);
      expect(await near({ query: { name: db.RegExp({ regexp: '福海', options: 'i' }), tags: '图书' } })).toEqual(['s1', 's3']);
    });

    test('with two 2dsphere indexes the geoNear stage needs key, and measures from the field it names', async () => {
      const stage = (key?: string) =>
        db
          .collection('shops')
          .aggregate()
          .geoNear({ near: db.Geo.Point(121.26, 37.5), spherical: true, distanceField: 'd', ...(key ? { key } : {}) })
          .limit(1)
          .end();
      expect((await res(stage('location'))).list[0]._id).toBe('s1');
      // s1's entrance is far east; by entrance the nearest is s2.
      expect((await res(stage('entrance'))).list[0]._id).toBe('s2');
      await expect(res(stage())).rejects.toMatchObject({ errMsg: expect.stringContaining('more than one 2dsphere index') });
      await expect(res(stage('name'))).rejects.toMatchObject({ errMsg: expect.stringContaining('unable to find index') });
    });
  });

  test('geoWithin finds points in a polygon and in a circle', async () => {
    const box = db.Geo.Polygon([
      db.Geo.LineString([
        db.Geo.Point(121.26, 37.5),
        db.Geo.Point(121.262, 37.5),
        db.Geo.Point(121.262, 37.502),
        db.Geo.Point(121.26, 37.502),
        db.Geo.Point(121.26, 37.5),
      ]),
    ]);
    const inBox = points
      .filter((p) => p.lng > 121.26 && p.lng < 121.262 && p.lat > 37.5 && p.lat < 37.502)
      .map((p) => p._id)
      .sort();
    const out = await res(
      db
        .collection('places')
        .where({ location: _.geoWithin({ geometry: box }) })
        .limit(100)
        .get(),
    );
    expect(out.data.map((d: any) => d._id).sort()).toEqual(inBox);

    const radius = 300 / 6378100;
    const inCircle = points
      .filter((p) => haversineMeters(121.255, 37.505, p.lng, p.lat) <= 300)
      .map((p) => p._id)
      .sort();
    const circle = await res(
      db
        .collection('places')
        .where({ location: _.geoWithin({ centerSphere: [db.Geo.Point(121.255, 37.505), radius] } as never) })
        .limit(100)
        .get(),
    );
    expect(circle.data.map((d: any) => d._id).sort()).toEqual(inCircle);
  });

  test('geo queries on a field without a 2dsphere index are refused', async () => {
    await res(db.collection('plain').add({ data: { location: db.Geo.Point(121.26, 37.5) } }));
    await expect(
      res(
        db
          .collection('plain')
          .where({ location: _.geoNear({ geometry: db.Geo.Point(121.26, 37.5) }) })
          .get(),
      ),
    ).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('unable to find index'),
    });
    await expect(
      res(
        db
          .collection('plain')
          .aggregate()
          .geoNear({ near: db.Geo.Point(121.26, 37.5), spherical: true, distanceField: 'd' })
          .end(),
      ),
    ).rejects.toMatchObject({ errMsg: expect.stringContaining('unable to find index') });
  });

  test('moving and removing a point updates the index', async () => {
    await res(
      db
        .collection('places')
        .doc('p0')
        .update({ data: { location: db.Geo.Point(122.5, 38.5) } }),
    );
    const near = await res(
      db
        .collection('places')
        .where({ location: _.geoNear({ geometry: db.Geo.Point(122.5, 38.5), maxDistance: 10 }) })
        .get(),
    );
    expect(near.data.map((d: any) => d._id)).toEqual(['p0']);
    await res(db.collection('places').doc('p0').remove());
    const gone = await res(
      db
        .collection('places')
        .where({ location: _.geoNear({ geometry: db.Geo.Point(122.5, 38.5), maxDistance: 10 }) })
        .get(),
    );
    expect(gone.data).toEqual([]);
  });
});
