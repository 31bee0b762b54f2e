/** The monthly community events, and residents' sign-ups for them. */
export const EVENT_TYPES = ['market', 'banquet'] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_TYPE_LABELS: Record<EventType, string> = { market: '幸福集市', banquet: '百家宴' };

/** A draft is seen by staff only; residents see published events (and cancelled ones they signed up for). */
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;

export type EventStatus = (typeof EVENT_STATUSES)[number];

/** The dishes households bring to a 百家宴, each kind capped so the table is not all one kind. */
export const DISH_KINDS = ['cold', 'hot', 'staple', 'soup', 'dessert'] as const;

export type DishKind = (typeof DISH_KINDS)[number];

export const DISH_KIND_LABELS: Record<DishKind, string> = { cold: '凉菜', hot: '热菜', staple: '主食', soup: '汤', dessert: '甜点水果' };

/** The stalls of a 幸福集市, a number of each kind. */
export const STALL_KINDS = ['handicraft', 'repair', 'secondhand', 'food', 'service', 'other'] as const;

export type StallKind = (typeof STALL_KINDS)[number];

export const STALL_KIND_LABELS: Record<StallKind, string> = {
  handicraft: '手工',
  repair: '维修',
  secondhand: '二手',
  food: '美食',
  service: '服务',
  other: '其他',
};

/** How one signs up: a market visitor or stall, or a banquet household. */
export const SIGN_UP_KINDS = ['visitor', 'stall', 'household'] as const;

export type SignUpKind = (typeof SIGN_UP_KINDS)[number];

export const SIGN_UP_KINDS_OF: Record<EventType, readonly SignUpKind[]> = { market: ['visitor', 'stall'], banquet: ['household'] };

export const SIGN_UP_STATUSES = ['pending', 'confirmed', 'waitlisted', 'rejected', 'cancelled', 'attended'] as const;

export type SignUpStatus = (typeof SIGN_UP_STATUSES)[number];

export const SIGN_UP_STATUS_LABELS: Record<SignUpStatus, string> = {
  pending: '待审核',
  confirmed: '报名成功',
  waitlisted: '候补中',
  rejected: '未通过',
  cancelled: '已取消',
  attended: '已签到',
};

/** Statuses that hold (or wait for) places. */
export const ACTIVE_SIGN_UP_STATUSES = ['pending', 'confirmed', 'waitlisted'] as const satisfies readonly SignUpStatus[];

/**
 * The longest an event lasts: a market or a banquet is a day's event at most. It also bounds the lists
 * of events not yet ended by their start, which an index serves (cloudfunctions/_shared/event-summary.ts).
 */
export const MAX_EVENT_MS = 24 * 3600_000;

export const EVENT_TOO_LONG = '一场活动最长 24 小时';

/** An event's state as staff see it: a published event whose end has passed is 已结束. */
export const STAFF_EVENT_STATES = ['draft', 'published', 'cancelled', 'ended'] as const;

export type StaffEventState = (typeof STAFF_EVENT_STATES)[number];

export const STAFF_EVENT_STATE_LABELS: Record<StaffEventState, string> = { draft: '草稿', published: '已发布', cancelled: '已取消', ended: '已结束' };

/** An event's state as staff see it at `now`. */
export function eventStateAt(event: { status: EventStatus; endAt: string | Date }, now: Date): StaffEventState {
  return event.status === 'published' && new Date(event.endAt).getTime() <= now.getTime() ? 'ended' : event.status;
}

/**
 * A resident's neighbourhood: their community and the communities whose centre lies within this
 * distance of its centre. 1.5 km because a community's homes lie up to ~0.5 km from its centre, and
 * ~1 km more is what an older resident walks in a quarter of an hour (the district's 15-minute
 * circle): a neighbouring community's square is then within that walk from most homes near it.
 */
export const NEIGHBOUR_RADIUS_M = 1500;

/** 'nearby': my community first, then the neighbouring ones (the whole district without a community in the profile); 'district': every community. */
export const EVENT_SCOPES = ['nearby', 'district'] as const;

export type EventScope = (typeof EVENT_SCOPES)[number];
