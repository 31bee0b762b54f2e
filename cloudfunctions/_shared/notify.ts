import { _ } from './cloud';
import { collection, Stored } from './collections';
import { newId } from './ids';
import { MessageDoc, OutboxDoc } from './docs';
import { Tx } from './transaction';

/**
 * Telling a resident: a message in their in-app list, and, when they allowed it, a WeChat subscribe
 * message queued in the outbox in the same transaction (so a rolled-back change tells nobody). The
 * outbox is delivered by cloud.openapi in production within minutes (the `outbox` function, on a
 * 5-minute timer); locally it stays in the collection for tests and the demo to show.
 */
export interface Notice {
  openid: string;
  title: string;
  body: string;
  /** What the notice is about, which the message and the subscribe message open: a booking… */
  bookingId: string | null;
  /** …or an event (a sign-up's news). */
  eventId?: string;
  subscribe: boolean;
  now: Date;
  /** The subscribe message's second line when the body's start would not say what changed (WeChat shows 20 characters). */
  card?: string;
  /** Which subscribe-message template, when one is queued; a change of a booking's status unless said. */
  template?: OutboxDoc['template'];
}

/** The page a notice opens: the booking or the event it is about, else my bookings. */
export function pageOf(notice: Pick<Notice, 'bookingId' | 'eventId'>): string {
  if (notice.bookingId) return `pages/me/booking?id=${notice.bookingId}`;
  if (notice.eventId) return `pages/events/detail?id=${notice.eventId}`;
  return 'pages/me/bookings';
}

function messageOf(notice: Notice): Omit<MessageDoc, '_id'> {
  return {
    openid: notice.openid,
    title: notice.title,
    body: notice.body,
    bookingId: notice.bookingId,
    eventId: notice.eventId ?? null,
    read: false,
    createdAt: notice.now,
  };
}

function outboxOf(notice: Notice): Omit<OutboxDoc, '_id'> {
  return {
    openid: notice.openid,
    template: notice.template ?? 'bookingStatus',
    page: pageOf(notice),
    // Subscribe-message fields are short: WeChat caps a "thing" value at 20 characters.
    data: { thing1: notice.title.slice(0, 20), thing2: (notice.card ?? notice.body).slice(0, 20) },
    createdAt: notice.now,
    sentAt: null,
    error: null,
  };
}

export async function notify(tx: Tx, notice: Notice): Promise<void> {
  await tx.set('messages', newId(), messageOf(notice));
  if (notice.subscribe) await tx.set('outbox', newId(), outboxOf(notice));
}

/**
 * Outside a transaction, for a fan-out (jobs.ts): tells many at once, each notice under an id of its
 * own that says what it is about, so running it again (a step resumed after a failure) tells nobody
 * twice. At most four calls: which are already there, then the missing ones in one insert, for the
 * in-app messages and for the outbox.
 */
export async function notifyOnce(notices: Array<Notice & { id: string }>): Promise<void> {
  await addMissing(
    'messages',
    notices.map((n) => ({ _id: n.id, ...messageOf(n) })),
  );
  await addMissing(
    'outbox',
    notices.filter((n) => n.subscribe).map((n) => ({ _id: n.id, ...outboxOf(n) })),
  );
}

/** Adds the documents not stored yet (by id), in one call. */
async function addMissing<C extends 'messages' | 'outbox'>(name: C, docs: Array<Stored<C>>): Promise<void> {
  if (!docs.length) return;
  const there = await collection(name)
    .where({ _id: _.in(docs.map((d) => d._id)) })
    .field({ _id: true })
    .limit(docs.length)
    .get();
  const missing = docs.filter((d) => !there.some((t) => t._id === d._id));
  if (missing.length) await collection(name).addAll(missing);
}
