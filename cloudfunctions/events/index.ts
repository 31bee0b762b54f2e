import { EventSummary, eventsContract } from '../../contract';
import { requireOpenid } from '../_shared/auth';
import { _, db, getList } from '../_shared/cloud';
import { CommunityDoc, EventDoc, isoString, toPlace } from '../_shared/docs';
import { decodeCursor, pageFrom } from '../_shared/paging';
import { after, allOf, getByIds } from '../_shared/query';
import { createRouter } from '../_shared/router';

/** `events`: the communities' 幸福集市 and 百家宴, for the 活动 tab. */

function toSummary(doc: EventDoc, communityName: string): EventSummary {
  return {
    id: doc._id,
    type: doc.type,
    title: doc.title,
    description: doc.description,
    communityId: doc.communityId,
    communityName,
    place: toPlace(doc.place),
    startAt: isoString(doc.startAt),
    endAt: isoString(doc.endAt),
    deadline: isoString(doc.deadline),
    capacity: doc.capacity,
    placesLeft: Math.max(0, doc.capacity - doc.taken),
    status: doc.status,
  };
}

export const main = createRouter('events', eventsContract, {
  async listUpcoming(input, ctx) {
    requireOpenid(ctx);
    // An event is upcoming until it ends: one under way still shows.
    const conditions: object[] = [{ status: 'published', endAt: _.gt(ctx.now) }];
    if (input.communityId) conditions.push({ communityId: input.communityId });
    if (input.type) conditions.push({ type: input.type });
    if (input.cursor) {
      const last = decodeCursor(input.cursor);
      conditions.push(after('startAt', new Date(last.at), last.id));
    }
    const docs = await getList<EventDoc>(
      db.collection('events').where(allOf(conditions)).orderBy('startAt', 'asc').orderBy('_id', 'asc').limit(input.pageSize + 1),
    );
    const communities = await getByIds<CommunityDoc>('communities', docs.map((d) => d.communityId));
    return pageFrom(
      docs,
      input.pageSize,
      (doc) => toSummary(doc, communities.get(doc.communityId)?.name ?? ''),
      (last) => ({ at: isoString(last.startAt), id: last._id }),
    );
  },
});
