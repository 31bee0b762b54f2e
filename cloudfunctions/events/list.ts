import { eventsContract } from '../../contract';
import { requireOpenid } from '../_shared/auth';
import { _, db, getList } from '../_shared/cloud';
import { CommunityDoc, EventDoc, isoString } from '../_shared/docs';
import { decodeCursor, pageFrom } from '../_shared/paging';
import { after, allOf, getByIds } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { toSummary } from './common';

/** The 活动 tab's list of upcoming events. */
export const listHandlers: Pick<Handlers<typeof eventsContract>, 'listUpcoming'> = {
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
};
