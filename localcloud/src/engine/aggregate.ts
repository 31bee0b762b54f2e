import { Aggregator } from 'mingo';
import type { AnyObject } from './ejson';
import { dbErrors } from './errors';
import { resolveServerDates } from './fields';
import type { Collection } from './collection';
import { geoNearStage } from './geo-query';

/** Rows aggregate().end() returns from a pipeline without a $limit stage, as WeChat Cloud answers. */
export const AGGREGATE_DEFAULT_LIMIT = 20;

/** Aggregation stages that map or filter one document at a time, in order. */
const STREAMING_STAGES = new Set(['$match', '$project', '$addFields', '$set', '$unset', '$skip']);

/** Runs a pipeline on a collection's committed documents; `lookup` gives the collections $lookup may read. */
export function aggregate(coll: Collection, requested: AnyObject[], now: number, lookup: (name: string) => Collection): AnyObject[] {
  const pipeline = requested.some((stage) => '$limit' in stage) ? requested : [...requested, { $limit: AGGREGATE_DEFAULT_LIMIT }];
  let source: Iterable<AnyObject> = coll.latestDocs();
  let stages = pipeline;
  pipeline.forEach((stage, i) => {
    if ('$geoNear' in stage && i > 0) throw dbErrors.requestFailed('$geoNear is only valid as the first stage in a pipeline.');
  });
  if (pipeline.length && '$geoNear' in pipeline[0]) {
    source = geoNearStage(coll, pipeline[0].$geoNear as AnyObject, now);
    stages = pipeline.slice(1);
  }
  const resolved = resolveServerDates(stages, now);
  const options = { collectionResolver: (name: string) => Array.from(lookup(name).latestDocs()) };
  // mingo's $limit filters without stopping its source, which would read the whole collection (or the
  // whole geoNear walk) for a page of five: when only per-document stages come before the first $limit,
  // pull that many results from them and run the rest on those.
  const limitAt = resolved.findIndex((stage) => '$limit' in stage);
  const streamable = limitAt >= 0 && resolved.slice(0, limitAt).every((stage) => Object.keys(stage).every((op) => STREAMING_STAGES.has(op)));
  const limit = streamable ? resolved[limitAt].$limit : undefined;
  if (typeof limit !== 'number') return new Aggregator(resolved, options).run(source);
  const head = new Aggregator(resolved.slice(0, limitAt), options).stream(source);
  const taken: AnyObject[] = [];
  while (taken.length < limit) {
    const next = head.next();
    if (next.done) break;
    taken.push(next.value as AnyObject);
  }
  return new Aggregator(resolved.slice(limitAt), options).run(taken);
}
