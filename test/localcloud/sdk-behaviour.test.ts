import path from 'path';
import { EARTH_RADIUS_M, haversineMeters } from '../../localcloud/src/engine/geo-index';
import { startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * Behaviours of WeChat Cloud's database that differ from a plain MongoDB or from a first guess, each
 * pinned through the unmodified wx-server-sdk 4.0.2 with its source in a comment. "Reference" is WeChat's
 * database reference, https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/
 * (page named after it). Where official texts conflict, or say nothing, the stricter behaviour is pinned;
 * docs/LOCALCLOUD.md ("Behaviours pinned to the real service") lists each with its source.
 */

type Sdk = typeof import('wx-server-sdk');
let cloud: TestCloud;
let db: ReturnType<Sdk['database']>;
let _: ReturnType<Sdk['database']>['command'];

beforeAll(async () => {
  cloud = await startCloud({ env: { LOCALCLOUD_SPEC: path.join(__dirname, 'contract-spec.json') } });
  useCloudFromThisProcess(cloud);
  const sdk: Sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  db = sdk.database();
  _ = db.command;
});
afterAll(() => cloud?.stop());

// The SDK's typings mix callback and promise styles; results are read through this one cast.
const res = <T = any>(p: unknown) => p as Promise<T>;
const ids = (out: { data?: Array<{ _id: string }>; list?: Array<{ _id: string }> }) => (out.data ?? out.list ?? []).map((d) => d._id);

describe('result sizes', () => {
  // Reference, Collection.get: "云函数端：如果没有指定 limit，则默认且最多取 100 条记录". Collection.limit says
  // "云函数端默认及最大上限为 1000"; the SDK (@cloudbase/database 1.4.3, Query.get) sends limit 100 when none
  // is given and min(limit, 1000) otherwise. The texts conflict: the stricter 100 is pinned, clamped as
  // "最多取" says, not refused.
  test('get() answers 100 documents without limit() and never more than 100', async () => {
    const coll = db.collection('plain');
    for (let i = 0; i < 3; i++) {
      await res(coll.add({ data: Array.from({ length: 50 }, (_x, j) => ({ bulk: true, i: i * 50 + j })) }));
    }
    expect((await res(coll.where({ bulk: true }).get())).data).toHaveLength(100);
    expect((await res(coll.where({ bulk: true }).limit(150).get())).data).toHaveLength(100);
    expect((await res(coll.where({ bulk: true }).skip(100).limit(100).get())).data).toHaveLength(50);
    expect((await res(coll.where({ bulk: true }).count())).total).toBe(150);
  });

  // Not in the reference (Aggregate.end says nothing of a default); reported by developers on WeChat's own
  // forum: https://developers.weixin.qq.com/community/develop/doc/0006ee7caecd8020df7b559b451800 ("云函数中
  // 一般查询是默认100条，但是聚合查询默认是20条") and .../community/develop/article/doc/000624c67c8b48611dba2b12058c13.
  test('aggregate() answers 20 rows unless the pipeline has a $limit stage', async () => {
    const coll = db.collection('plain');
    await res(coll.add({ data: Array.from({ length: 30 }, (_x, i) => ({ agg20: true, i })) }));
    const $ = db.command.aggregate;
    const matched = () => coll.aggregate().match({ agg20: true });
    expect((await res(matched().end())).list).toHaveLength(20);
    expect((await res(matched().limit(25).end())).list).toHaveLength(25);
    // Grouping does not escape it: 30 groups come back as 20.
    const groups = () => matched().group({ _id: '$i', n: $.sum(1) });
    expect((await res(groups().end())).list).toHaveLength(20);
    expect((await res(groups().limit(1000).end())).list).toHaveLength(30);
  });

  // MongoDB 3.6/4.0, $geoNear (aggregation): "limit ... The default value is 100"; the reference
  // (Aggregate.geoNear) lists the `limit` option, and the SDK's own notes place the service before MongoDB
  // 4.0 (command.ts: "'toDate', 4.0才有"). Removed in MongoDB 4.2: the stricter older rule is pinned.
  test('a geoNear stage yields 100 documents unless its own limit option says otherwise', async () => {
    await res(
      db.collection('places').add({
        data: Array.from({ length: 150 }, (_x, i) => ({ near100: true, location: db.Geo.Point(121 + i * 0.0001, 37.5) })),
      }),
    );
    const near = (options: object) =>
      db
        .collection('places')
        .aggregate()
        .geoNear({ near: db.Geo.Point(121, 37.5), spherical: true, distanceField: 'd', query: { near100: true }, ...options })
        .limit(1000)
        .end();
    expect((await res(near({}))).list).toHaveLength(100);
    expect((await res(near({ limit: 150 }))).list).toHaveLength(150);
  });

  // wx-server-sdk 4.0.2 lists collStats, facet, graphLookup, indexStats, out and redact, but its
  // @cloudbase/database 1.4.3 has no such stages (aggregate.ts): they fail in the SDK before any request.
  test('aggregate stages the SDK cannot send throw in the SDK', () => {
    const pipeline = db.collection('plain').aggregate() as any;
    for (const stage of ['collStats', 'facet', 'graphLookup', 'indexStats', 'out', 'redact']) {
      expect(() => pipeline[stage]({})).toThrow(TypeError);
    }
  });
});

describe('updates', () => {
  // Reference, Document.update / Query.update: the result is `stats.updated` alone. @cloudbase/database
  // 1.4.3 has Query.updateAndReturn (action database.modifyAndReturnDoc), but wx-server-sdk 4.0.2's Query
  // and DocumentReference do not expose it: functions never get the document back from an update.
  test('update() answers how many documents changed, never the document; a missing one is not an error', async () => {
    const coll = db.collection('plain');
    await res(coll.doc('u1').set({ data: { n: 1 } }));
    expect(await res(coll.doc('u1').update({ data: { n: _.inc(1) } }))).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect(await res(coll.where({ _id: 'u1' }).update({ data: { n: _.inc(1) } }))).toEqual({ stats: { updated: 1 }, errMsg: 'collection.update:ok' });
    expect(await res(coll.doc('u1').update({ data: { n: 3 } }))).toEqual({ stats: { updated: 0 }, errMsg: 'document.update:ok' });
    expect(await res(coll.doc('absent').update({ data: { n: 1 } }))).toEqual({ stats: { updated: 0 }, errMsg: 'document.update:ok' });
    expect(await res(coll.doc('absent').remove())).toEqual({ stats: { removed: 0 }, errMsg: 'document.remove:ok' });
    expect((coll.where({}) as any).updateAndReturn).toBeUndefined();
    expect((coll.doc('u1') as any).updateAndReturn).toBeUndefined();
  });
});

describe('arrays of scalars', () => {
  beforeAll(async () => {
    await res(
      db.collection('plain').add({
        data: [
          { _id: 'arr1', services: ['理发', '助浴', '配餐'], scores: [60, 85, 95] },
          { _id: 'arr2', services: ['理发'], scores: [70] },
        ],
      }),
    );
  });

  // Reference, Command.all / Command.size / Command.elemMatch ("数组元素都是普通数据类型的情况"); a plain value
  // matches an array holding it (MongoDB, "Query an Array for an Element"), as stations' service filter uses.
  test('a value matches an array holding it; all, size and elemMatch on scalars', async () => {
    const where = async (condition: object) => ids(await res(db.collection('plain').where(condition).get())).sort();
    expect(await where({ services: '理发' })).toEqual(['arr1', 'arr2']);
    expect(await where({ services: _.all(['理发', '配餐']) })).toEqual(['arr1']);
    expect(await where({ services: _.size(1) })).toEqual(['arr2']);
    expect(await where({ scores: _.elemMatch({ $gt: 80, $lt: 90 }) })).toEqual(['arr1']);
    // The reference's own example, _.elemMatch(_.gt(80).lt(100)), reaches the database as
    // {$elemMatch: {operator, operands, fieldName}} (an SDK fault): it matches nothing. Use the object form.
    expect(await where({ scores: _.elemMatch(_.gt(80).lt(100)) })).toEqual([]);
  });

  // Reference, Command.pull / pullAll / addToSet / push; results as MongoDB's update operators define them.
  test('pull, pullAll, addToSet with $each and push with each/position/sort/slice', async () => {
    const coll = db.collection('plain');
    await res(coll.doc('ops').set({ data: { tags: ['a', 'b', 'c'], nums: [1, 5, 9] } }));
    const after = async (data: object) => {
      await res(coll.doc('ops').update({ data }));
      return (await res(coll.doc('ops').get())).data;
    };
    expect((await after({ nums: _.pull(_.gt(4)) })).nums).toEqual([1]);
    expect((await after({ tags: _.pullAll(['a', 'c']) })).tags).toEqual(['b']);
    expect((await after({ tags: _.addToSet({ $each: ['b', 'd', 'd'] }) })).tags).toEqual(['b', 'd']);
    // The reference's table names the field `each`, but the SDK sends the object as it is: one element.
    expect((await after({ tags: _.addToSet({ each: ['e'] }) })).tags).toEqual(['b', 'd', { each: ['e'] }]);
    expect((await after({ nums: _.push({ each: [7, 3], sort: -1, slice: 2 }) })).nums).toEqual([7, 3]);
    expect((await after({ nums: _.push({ each: [0], position: 1 }) })).nums).toEqual([7, 0, 3]);
  });
});

describe('geo', () => {
  // Reference, Command.geoNear: maxDistance / minDistance "单位为米"; MongoDB measures 2dsphere distances on
  // a sphere of radius 6378.1 km. The bounds are inclusive (MongoDB $nearSphere / $geoNear).
  test('geoNear distances are metres on a sphere, maxDistance and minDistance inclusive', async () => {
    const from = { lng: 122, lat: 38 };
    const east = { lng: 122.01, lat: 38 };
    await res(db.collection('places').add({ data: [{ _id: 'g-east', location: db.Geo.Point(east.lng, east.lat) }] }));
    const metres = haversineMeters(from.lng, from.lat, east.lng, east.lat);
    // About 876.5 m: 0.01° of longitude at 38° N on that sphere, not a planar or WGS-84 ellipsoid figure.
    expect(metres).toBeCloseTo(((0.01 * Math.PI) / 180) * EARTH_RADIUS_M * Math.cos((38 * Math.PI) / 180), 0);
    const within = async (options: object) =>
      ids(
        await res(
          db
            .collection('places')
            .where({ location: _.geoNear({ geometry: db.Geo.Point(from.lng, from.lat), ...options }) })
            .get(),
        ),
      );
    expect(await within({ maxDistance: metres })).toEqual(['g-east']);
    expect(await within({ maxDistance: metres - 0.01 })).toEqual([]);
    expect(await within({ minDistance: metres, maxDistance: metres + 1 })).toEqual(['g-east']);
    const stage = await res(
      db
        .collection('places')
        .aggregate()
        .geoNear({ near: db.Geo.Point(from.lng, from.lat), spherical: true, distanceField: 'at.metres', maxDistance: metres })
        .limit(5)
        .end(),
    );
    expect(stage.list).toEqual([{ _id: 'g-east', location: expect.anything(), at: { metres: expect.closeTo(metres, 6) } }]);
  });

  // MongoDB, count: it runs as a $match, where $geoWithin is allowed and $near/$nearSphere are not
  // ("$geoNear, $near, and $nearSphere are not allowed in this context").
  test('count() takes geoWithin and refuses geoNear', async () => {
    await res(db.collection('places').add({ data: [{ _id: 'g-count', location: db.Geo.Point(123, 39) }] }));
    const circle = { centerSphere: [db.Geo.Point(123, 39), 10 / EARTH_RADIUS_M] } as never;
    expect(
      (
        await res(
          db
            .collection('places')
            .where({ location: _.geoWithin(circle) })
            .count(),
        )
      ).total,
    ).toBe(1);
    await expect(
      res(
        db
          .collection('places')
          .where({ location: _.geoNear({ geometry: db.Geo.Point(123, 39) }) })
          .count(),
      ),
    ).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('not allowed in this context'),
    });
  });
});

describe('transactions', () => {
  // Reference, Database.startTransaction and the transaction guide: snapshot isolation. (A read that does not
  // see a later commit, and conflicts, are pinned in sdk-contract.test.ts.)
  test('a transaction reads its own writes; others see them only after commit, and it never sees later adds', async () => {
    const coll = db.collection('slots');
    await res(coll.doc('own').set({ data: { n: 0 } }));
    const t = await db.startTransaction();
    await t
      .collection('slots')
      .doc('own')
      .update({ data: { n: 1 } });
    await t.collection('slots').add({ data: { _id: 'own-added', by: 'txn' } });
    expect((await res(t.collection('slots').doc('own').get())).data.n).toBe(1);
    expect((await res(t.collection('slots').doc('own-added').get())).data.by).toBe('txn');
    expect((await res(coll.doc('own').get())).data.n).toBe(0);
    expect((await res(coll.where({ _id: 'own-added' }).count())).total).toBe(0);
    await res(coll.add({ data: { _id: 'own-later' } }));
    await expect(res(t.collection('slots').doc('own-later').get())).rejects.toMatchObject({ errMsg: expect.stringContaining('does not exist') });
    await t.commit();
    expect((await res(coll.doc('own').get())).data.n).toBe(1);
    expect((await res(coll.doc('own-added').get())).data.by).toBe('txn');
  });
});

describe('field names', () => {
  // WeChat publishes no rule. MongoDB refuses top-level names starting with $ and, before 5.0, calls $ and
  // . anywhere in a name unsupported ("The dotted field ... is not valid for storage"): the stricter reading
  // is pinned, at any depth, plus empty names. A dotted key in update() data is a path (reference,
  // Document.update). _id: reference, Collection.add, "_id string/number".
  test('names starting with $, containing a dot, or empty are refused; dotted keys in update() are paths', async () => {
    const coll = db.collection('plain');
    for (const data of [{ $op: 1 }, { 'a.b': 1 }, { nested: { 'a.b': 1 } }, { nested: { $op: 1 } }, { list: [{ '': 1 }] }]) {
      await expect(res(coll.add({ data }))).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('is not valid for storage') });
    }
    await expect(res(coll.doc('names').set({ data: { 'a.b': 1 } }))).rejects.toMatchObject({ errCode: -502001 });
    await res(coll.doc('names').set({ data: { a: { b: 1 } } }));
    await res(coll.doc('names').update({ data: { 'a.c': 2 } }));
    expect((await res(coll.doc('names').get())).data).toEqual({ _id: 'names', a: { b: 1, c: 2 } });
    await expect(res(coll.doc('names').update({ data: { a: _.set({ 'x.y': 1 }) } }))).rejects.toMatchObject({ errCode: -502001 });
    expect((await res(coll.add({ data: { _id: 7, n: 1 } })))._id).toBe(7);
    await expect(res(coll.add({ data: { _id: true } as never }))).rejects.toMatchObject({ errCode: -501007 });
  });
});

describe('errors', () => {
  // The text users report from the real service (e.g. https://github.com/Voyzz/Fruit-store-mp/issues/8):
  // "errCode: -502005 database collection not exists | errMsg: [ResourceNotFound] Db or Table not exist.
  // Please check your request, but if the problem cannot be solved, contact us."; the prefix is the SDK's
  // (`${api}:fail ${errCode} ${ERR_CODE text}. ${message}`, wx-server-sdk utils/error.ts).
  test('an undeclared collection answers -502005 with the real text', async () => {
    await expect(res(db.collection('undeclared').get())).rejects.toMatchObject({
      errCode: -502005,
      errMsg:
        'collection.get:fail -502005 database collection not exists. [ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
    });
  });
});
