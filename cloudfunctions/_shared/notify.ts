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
  bookingId: string | null;
  subscribe: boolean;
  now: Date;
  /** Which subscribe-message template, when one is queued; a change of a booking's status unless said. */
  template?: OutboxDoc['template'];
  /** The app page a subscribe message opens; my bookings unless said. */
  page?: string;
}

export const BOOKING_PAGE = 'pages/me/bookings';
export const SIGN_UPS_PAGE = 'pages/me/signups';

export async function notify(tx: Tx, notice: Notice): Promise<void> {
  const message: Omit<MessageDoc, '_id'> = {
    openid: notice.openid,
    title: notice.title,
    body: notice.body,
    bookingId: notice.bookingId,
    read: false,
    createdAt: notice.now,
  };
  await tx.set('messages', newId(), message);
  if (!notice.subscribe) return;
  const outbox: Omit<OutboxDoc, '_id'> = {
    openid: notice.openid,
    template: notice.template ?? 'bookingStatus',
    page: notice.page ?? BOOKING_PAGE,
    // Subscribe-message fields are short: WeChat caps a "thing" value at 20 characters.
    data: { thing1: notice.title.slice(0, 20), thing2: notice.body.slice(0, 20) },
    createdAt: notice.now,
    sentAt: null,
    error: null,
  };
  await tx.set('outbox', newId(), outbox);
}
