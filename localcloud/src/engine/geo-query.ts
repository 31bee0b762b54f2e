import { Query } from 'mingo';
import type { AnyObject } from './ejson';
import { Doc, deepCopy } from './ejson';
import { dbErrors } from './errors';
import { getPath, isPlainObject, resolveServerDates, setPath } from './fields';
import type { GeoIndex } from './geo-index';
import { isGeoPoint } from './spherical';
import type { Collection } from './collection';
import { Transaction, visible } from './transactions';

/** Geo queries served from a collection's 2dsphere index: $nearSphere / $near, $geoWithin, and the $geoNear stage. */

/** Documents a $geoNear stage yields without its own `limit` option (MongoDB up to 4.0). */
export const GEO_NEAR_DEFAULT_LIMIT = 100;

export interface GeoCondition {
  field: string;
  op: '$nearSphere' | '$near' | '$geoWithin' | '$geoIntersects';
  value: unknown;
}

const GEO_OPS = ['$nearSphere', '$near', '$geoWithin', '$geoIntersects'] as const;

/** Takes the one geo condition out of a query (top level or inside a top-level $and) for the geo index. */
export function splitGeo(criteria: AnyObject): { geo?: GeoCondition; rest: AnyObject } {
  let geo: GeoCondition | undefined;
  const take = (cond: AnyObject): AnyObject => {
    const out: AnyObject = {};
    for (const [field, value] of Object.entries(cond)) {
      if (field === '$and' && Array.isArray(value)) {
        out.$and = value.map((c) => take(c as AnyObject));
        continue;
      }
      const op = isPlainObject(value) ? GEO_OPS.find((o) => o in value) : undefined;
      if (!op) {
        out[field] = value;
        continue;
      }
      if (geo) throw dbErrors.requestFailed('only one geo condition is allowed in a query');
      if (op === '$geoIntersects') throw dbErrors.requestFailed('$geoIntersects is not supported by the local cloud');
      geo = { field, op, value: (value as AnyObject)[op] };
      const others = Object.fromEntries(Object.entries(value as AnyObject).filter(([k]) => k !== op));
      if (Object.keys(others).length) out[field] = others;
    }
    return out;
  };
  const rest = take(criteria);
  return { geo, rest };
}

// The geo index follows committed data; inside a transaction each hit is read at the snapshot.
export function* nearCandidates(coll: Collection, geo: GeoCondition, txn?: Transaction): Generator<Doc> {
  const index = coll.geo.get(geo.field);
  if (!index) throw dbErrors.noGeoIndex('$geoNear');
  const spec = isPlainObject(geo.value) ? geo.value : {};
  const point = isPlainObject(spec.$geometry) ? spec.$geometry : undefined;
  if (!isGeoPoint(point)) throw dbErrors.requestFailed('$nearSphere requires a GeoJSON point $geometry');
  for (const { key } of index.nearest(point.coordinates[0], point.coordinates[1], {
    maxDistance: numberOrUndefined(spec.$maxDistance),
    minDistance: numberOrUndefined(spec.$minDistance),
  })) {
    const doc = visible(coll, key, txn);
    if (doc) yield doc;
  }
}

export function* withinCandidates(coll: Collection, geo: GeoCondition, txn?: Transaction): Generator<Doc> {
  const index = coll.geo.get(geo.field);
  if (!index) throw dbErrors.noGeoIndex('$geoWithin');
  const spec = isPlainObject(geo.value) ? geo.value : {};
  let keys: string[];
  if (Array.isArray(spec.$centerSphere)) {
    const [[lng, lat], radius] = spec.$centerSphere as [[number, number], number];
    keys = index.withinCenterSphere(lng, lat, radius);
  } else if (isPlainObject(spec.$geometry) && (spec.$geometry.type === 'Polygon' || spec.$geometry.type === 'MultiPolygon')) {
    keys = index.withinGeometry(spec.$geometry as Parameters<GeoIndex['withinGeometry']>[0]);
  } else {
    throw dbErrors.requestFailed('$geoWithin requires $geometry (Polygon or MultiPolygon) or $centerSphere');
  }
  for (const key of keys) {
    const doc = visible(coll, key, txn);
    if (doc) yield doc;
  }
}

/**
 * The $geoNear stage as a lazy source, nearest first: the stages after it pull only what they need, so
 * `$geoNear` then `$limit: 5` reads about five documents, not the collection. */
export function geoNearStage(coll: Collection, spec: AnyObject, now: number): Iterable<AnyObject> {
  const near = isGeoPoint(spec.near)
    ? spec.near
    : Array.isArray(spec.near)
      ? { type: 'Point' as const, coordinates: spec.near as [number, number] }
      : undefined;
  if (!near) throw dbErrors.requestFailed("$geoNear requires a 'near' option as a GeoJSON point");
  if (typeof spec.distanceField !== 'string' || !spec.distanceField) {
    throw dbErrors.requestFailed('$geoNear requires a distanceField');
  }
  if (spec.spherical !== true) throw dbErrors.requestFailed('$geoNear requires spherical: true on a 2dsphere index');
  if (spec.key === undefined && coll.geo.size > 1) {
    throw dbErrors.requestFailed(`There is more than one 2dsphere index on ${coll.name}; unsure which to use for $geoNear`);
  }
  const index = typeof spec.key === 'string' ? coll.geo.get(spec.key) : coll.onlyGeoIndex();
  if (!index) throw dbErrors.noGeoIndex('$geoNear');
  const query = new Query(resolveServerDates((spec.query as AnyObject) ?? {}, now));
  const multiplier = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1;
  const { distanceField, includeLocs } = spec;
  const limit = typeof spec.limit === 'number' ? spec.limit : GEO_NEAR_DEFAULT_LIMIT;
  // Validated now, run when the pipeline pulls: a refusal above is an error of the call itself.
  const hits = index.nearest(near.coordinates[0], near.coordinates[1], {
    maxDistance: numberOrUndefined(spec.maxDistance),
    minDistance: numberOrUndefined(spec.minDistance),
  });
  return (function* () {
    let n = 0;
    for (const { key, distance } of hits) {
      const doc = coll.latest(key)?.doc;
      if (!doc || !query.test(doc)) continue;
      const result = deepCopy(doc) as AnyObject;
      setPath(result, distanceField, distance * multiplier);
      if (typeof includeLocs === 'string') setPath(result, includeLocs, getPath(doc, index.field));
      yield result;
      if (++n >= limit) return;
    }
  })();
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
