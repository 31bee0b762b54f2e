export const BOOKING_STATUSES = ['pending', 'confirmed', 'waitlisted', 'rejected', 'cancelled', 'attended', 'noshow'] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  pending: '待审核',
  confirmed: '已确认',
  waitlisted: '候补中',
  rejected: '未通过',
  cancelled: '已取消',
  attended: '已签到',
  noshow: '未到场',
};

/** Statuses that hold (or wait for) a place. */
export const ACTIVE_BOOKING_STATUSES = ['pending', 'confirmed', 'waitlisted'] as const satisfies readonly BookingStatus[];

export const CANCELLERS = ['resident', 'team', 'staff'] as const;

export const CANCELLER_LABELS: Record<(typeof CANCELLERS)[number], string> = { resident: '本人', team: '服务队', staff: '社区' };

/** Whether a service day takes bookings now. */
export const DAY_STATES = ['open', 'notYetOpen', 'closed', 'cancelled'] as const;
