import { Booking, BOOKING_STATUS_LABELS, BookingStatus, CANCELLER_LABELS, GLOSSARY } from '../contract';

/**
 * A booking's state in words and a symbol (text symbols that Chinese system fonts carry, not emoji) (never colour alone), shared by the resident's pages, the
 * leader's list and the staff's queue.
 */

export const BOOKING_STATUS_SYMBOLS: Record<BookingStatus, string> = {
  pending: '◷',
  confirmed: '✓',
  waitlisted: '○',
  rejected: '✕',
  cancelled: '⊘',
  attended: '✓',
  noshow: '!',
};

/** The tag class of each state: the colour only repeats what the words say. */
export const BOOKING_STATUS_TONES: Record<BookingStatus, string> = {
  pending: 'tag-warn',
  confirmed: 'tag-ok',
  waitlisted: 'tag-warn',
  rejected: 'tag-warn',
  cancelled: '',
  attended: 'tag-ok',
  noshow: 'tag-warn',
};

/** "✓ 已确认", "○ 候补第 2 位". */
export function bookingStatusText(b: Pick<Booking, 'status' | 'waitlistPosition'>): string {
  const label = b.status === 'waitlisted' && b.waitlistPosition ? `候补第 ${b.waitlistPosition} 位` : BOOKING_STATUS_LABELS[b.status];
  return `${BOOKING_STATUS_SYMBOLS[b.status]} ${label}`;
}

/** What the state means for the resident, with who and why where there is one. */
export function bookingStatusDetail(b: Pick<Booking, 'status' | 'waitlistPosition' | 'decision' | 'cancellation'>): string {
  switch (b.status) {
    case 'pending':
      return '名额已为您保留，正在等待社区审核，审核后会通知您';
    case 'confirmed':
      return `预约成功，请按时到场，向队长出示${GLOSSARY.checkInCode.word}`;
    case 'waitlisted':
      return `${b.waitlistPosition ? `您排在候补第 ${b.waitlistPosition} 位，` : ''}有人取消时按顺序递补，递补成功会通知您`;
    case 'rejected':
      return `社区审核未通过${b.decision?.reason ? `，原因：${b.decision.reason}` : ''}`;
    case 'cancelled': {
      const c = b.cancellation;
      if (!c) return '这次预约已取消';
      return `由${CANCELLER_LABELS[c.by]}取消${c.reason ? `，原因：${c.reason}` : ''}`;
    }
    case 'attended':
      return '已签到，感谢您的参与';
    case 'noshow':
      return '服务当天没有签到，记为未到场';
  }
}
