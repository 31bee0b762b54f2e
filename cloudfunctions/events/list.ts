import { z } from 'zod';
import { EventScope, EventType, eventsContract } from '../../contract';
import { monthBounds } from '../../rules/calendar';
import { requireOpenid } from '../_shared/auth';
import { _ } from '../_shared/cloud';
import { collection } from '../_shared/collections';
import { EventDoc, isoString } from '../_shared/docs';
import { homeCommunityOf, Neighbourhood, neighbourhoodOf } from '../_shared/neighbourhood';
import { decodeCursorAs, invalidCursor, pageFrom } from '../_shared/paging';
import { notEndedBy } from '../_shared/event-summary';
import { after, allOf, getAll, GET_LIMIT, getByIds } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { toSummary } from './common';

/** The 活动 tab: upcoming events as a list (my community's first, then the neighbours') and as a month calendar. */

/** A month has a few hundred events at most in the district (52 communities, a few each); more are not shown. */
export const MONTH_EVENTS_MAX = 500;

/** The caller's neighbourhood: of the community they named, else of their profile's; null without either. */
async function callersNeighbourhood(openid: string, homeCommunityId: string | undefined): Promise<Neighbourhood | null> {
  const home = await homeCommunityOf(openid, homeCommunityId);
  return home ? neighbourhoodOf(home) : null;
}

/**
 * The lists an events query reads one after the other, each in (startAt, _id) order: my community's
 * events, then the neighbours'; or one list of the whole district (or of one community).
 */
interface Part {
  name: 'home' | 'near' | 'all';
  /** Which communities; none for the whole district. */
  condition: object | null;
}

async function partsOf(openid: string, scope: EventScope, communityId: string | undefined, homeCommunityId: string | undefined): Promise<Part[]> {
  if (communityId) return [{ name: 'all', condition: { communityId } }];
  const hood = scope === 'nearby' ? await callersNeighbourhood(openid, homeCommunityId) : null;
  if (!hood) return [{ name: 'all', condition: null }];
  const parts: Part[] = [{ name: 'home', condition: { communityId: hood.homeId } }];
  if (hood.neighbourIds.length) parts.push({ name: 'near', condition: { communityId: _.in(hood.neighbourIds) } });
  return parts;
}

const upcomingCursorSchema = z.strictObject({
  part: z.enum(['home', 'near', 'all']),
  at: z.string().refine((at) => !Number.isNaN(Date.parse(at))),
  id: z.string(),
});

function baseConditions(now: Date, type: EventType | undefined): object[] {
  // An event is upcoming until it ends: one under way still shows.
  return [{ status: 'published' }, ...notEndedBy(now), ...(type ? [{ type }] : [])];
}

async function summariesOf(docs: EventDoc[]) {
  const names = new Map<string, string>();
  const ids = Array.from(new Set(docs.map((d) => d.communityId)));
  for (let i = 0; i < ids.length; i += GET_LIMIT) {
    (await getByIds('communities', ids.slice(i, i + GET_LIMIT))).forEach((c, id) => names.set(id, c.name));
  }
  return (doc: EventDoc) => toSummary(doc, names.get(doc.communityId) ?? '');
}

export const listHandlers: Pick<Handlers<typeof eventsContract>, 'listUpcoming' | 'listMonth'> = {
  async listUpcoming(input, ctx) {
    const openid = requireOpenid(ctx);
    const parts = await partsOf(openid, input.scope, input.communityId, input.homeCommunityId);
    const cursor = input.cursor ? decodeCursorAs(input.cursor, upcomingCursorSchema) : null;
    const first = cursor ? parts.findIndex((p) => p.name === cursor.part) : 0;
    // A cursor of another scope (or of a neighbourhood since changed) names a part this query has not.
    if (first < 0) throw invalidCursor();
    // Read part after part until a page and one more are in hand: the extra one says there is more.
    const read: Array<{ doc: EventDoc; part: Part['name'] }> = [];
    for (let i = first; i < parts.length && read.length <= input.pageSize; i++) {
      const conditions = baseConditions(ctx.now, input.type);
      if (parts[i].condition) conditions.push(parts[i].condition!);
      if (cursor && i === first) conditions.push(after('startAt', new Date(cursor.at), cursor.id));
      const docs = await collection('events')
        .where(allOf(conditions))
        .orderBy('startAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(input.pageSize + 1 - read.length)
        .get();
      read.push(...docs.map((doc) => ({ doc, part: parts[i].name })));
    }
    const toItem = await summariesOf(read.slice(0, input.pageSize).map((r) => r.doc));
    return pageFrom(
      read,
      input.pageSize,
      (r) => toItem(r.doc),
      (last) => ({ part: last.part, at: isoString(last.doc.startAt), id: last.doc._id }),
    );
  },

  async listMonth(input, ctx) {
    const openid = requireOpenid(ctx);
    // One read in time order: the app lists each day's events with the home community's first.
    const hood = input.scope === 'nearby' ? await callersNeighbourhood(openid, input.homeCommunityId) : null;
    const { start, end } = monthBounds(input.month);
    const conditions = [...baseConditions(ctx.now, input.type), { startAt: _.gte(start) }, { startAt: _.lt(end) }];
    if (hood) conditions.push({ communityId: _.in([hood.homeId, ...hood.neighbourIds]) });
    const docs = await getAll('events', allOf(conditions), 'startAt', MONTH_EVENTS_MAX);
    const toItem = await summariesOf(docs);
    return { month: input.month, homeCommunityId: hood?.homeId ?? null, events: docs.map(toItem) };
  },
};
