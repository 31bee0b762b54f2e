import { Message, messagesContract } from '../../contract';
import { requireOpenid } from '../_shared/auth';
import { _ } from '../_shared/cloud';
import { collection } from '../_shared/collections';
import { isoString, MessageDoc } from '../_shared/docs';
import { decodeCursor, pageFrom } from '../_shared/paging';
import { allOf, before } from '../_shared/query';
import { createRouter } from '../_shared/router';

/** `messages`: a resident's in-app messages (bookings confirmed, promoted, cancelled, reminders). Only ever the caller's own. */

function toMessage(doc: MessageDoc): Message {
  return {
    id: doc._id,
    title: doc.title,
    body: doc.body,
    createdAt: isoString(doc.createdAt),
    read: doc.read,
    bookingId: doc.bookingId,
    eventId: doc.eventId ?? null,
  };
}

export const main = createRouter('messages', messagesContract, {
  async list(input, ctx) {
    const openid = requireOpenid(ctx);
    const conditions: object[] = [{ openid }];
    if (input.cursor) {
      const last = decodeCursor(input.cursor);
      conditions.push(before('createdAt', new Date(last.at), last.id));
    }
    const docs = await collection('messages')
      .where(allOf(conditions))
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.pageSize + 1)
      .get();
    return pageFrom(docs, input.pageSize, toMessage, (last) => ({ at: isoString(last.createdAt), id: last._id }));
  },

  async unreadCount(_input, ctx) {
    const openid = requireOpenid(ctx);
    return { count: await collection('messages').where({ openid, read: false }).count() };
  },

  async markRead(input, ctx) {
    const openid = requireOpenid(ctx);
    // The caller's openid is part of the condition: ids of someone else's messages change nothing.
    const condition = input.ids ? { openid, read: false, _id: _.in(input.ids) } : { openid, read: false };
    return { updated: await collection('messages').where(condition).update({ read: true }) };
  },
});
