import type { z } from 'zod';
import {
  describeIssue,
  DISH_KIND_LABELS,
  DISH_KINDS,
  DishKind,
  EventDetail,
  eventsContract,
  EventType,
  LngLat,
  STALL_KIND_LABELS,
  STALL_KINDS,
  StallKind,
} from '../../../contract';
import { addDays, chinaClock, chinaDate, chinaInstant } from '../../../rules/china-time';
import { checkPosition } from './PositionField';

/** Where an event is held: at one of the community's stations, or at an address with a position. */
export type PlaceKind = 'station' | 'address';

/** The event editor's form: what is typed (text) until it is checked and sent. */
export interface EventForm {
  type: EventType;
  title: string;
  description: string;
  placeKind: PlaceKind;
  /** The station chosen (placeKind 'station'). */
  stationId: string | null;
  address: string;
  /** Picked on the map (GCJ-02); a station's own position when one is chosen. */
  position: LngLat | null;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  deadlineDate: string;
  deadlineTime: string;
  capacity: string;
  maxHeadcount: string;
  caps: Record<string, string>;
  visitorsNeedApproval: boolean;
  /** The organiser's phone residents may call; empty: none. */
  contactPhone: string;
}

/** What a section of the editor gets: the form as it is, and a change to some of its fields. */
export interface EventFormSectionProps {
  form: EventForm;
  update: (patch: Partial<EventForm>) => void;
}

type CapKind = DishKind | StallKind;
/** A market's stall kinds or a banquet's dish kinds, with their names. */
export const capKindsOf = (type: EventType): readonly CapKind[] => (type === 'market' ? STALL_KINDS : DISH_KINDS);
export const CAP_KIND_LABELS: Record<CapKind, string> = { ...STALL_KIND_LABELS, ...DISH_KIND_LABELS };

const DEFAULT_STALL_CAPS: Record<string, string> = { handicraft: '4', repair: '3', secondhand: '4', food: '4', service: '3', other: '2' };
const DEFAULT_DISH_CAPS: Record<string, string> = { cold: '5', hot: '10', staple: '5', soup: '3', dessert: '3' };

/** A new event's starting values: a week from today, 09:00–11:30, sign-up closing the evening before. */
export function newEventForm(now: Date): EventForm {
  const day = addDays(chinaDate(now), 7);
  return {
    type: 'market',
    title: '',
    description: '',
    placeKind: 'address',
    stationId: null,
    address: '',
    position: null,
    startDate: day,
    startTime: '09:00',
    endDate: day,
    endTime: '11:30',
    deadlineDate: addDays(day, -1),
    deadlineTime: '18:00',
    capacity: '100',
    maxHeadcount: '6',
    caps: { ...DEFAULT_STALL_CAPS, ...DEFAULT_DISH_CAPS },
    visitorsNeedApproval: false,
    contactPhone: '',
  };
}

/** An event as the form shows it, to edit. */
export function formOf(e: EventDetail): EventForm {
  const at = (iso: string) => ({ date: chinaDate(new Date(iso)), time: chinaClock(new Date(iso)) });
  const start = at(e.startAt);
  const end = at(e.endAt);
  const deadline = at(e.deadline);
  const caps: Record<string, string> = { ...DEFAULT_STALL_CAPS, ...DEFAULT_DISH_CAPS };
  for (const [kind, c] of Object.entries(e.stalls ?? {})) caps[kind] = String(c.cap);
  for (const [kind, c] of Object.entries(e.dishes ?? {})) caps[kind] = String(c.cap);
  return {
    type: e.type,
    title: e.title,
    description: e.description,
    placeKind: e.place.stationId ? 'station' : 'address',
    stationId: e.place.stationId,
    address: e.place.address,
    position: e.place.location,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    capacity: String(e.capacity),
    maxHeadcount: String(e.maxHeadcount),
    caps,
    visitorsNeedApproval: e.visitorsNeedApproval,
    contactPhone: e.contactPhone ?? '',
  };
}

export type CreateEventInput = z.input<typeof eventsContract.createEvent.input>;
export type UpdateEventInput = z.input<typeof eventsContract.updateEvent.input>;
/** The problems in Chinese, or none and the input to send (an update carries the event's id). */
export type EventFormCheck = { problems: string[]; input?: undefined } | { problems: []; input: CreateEventInput | UpdateEventInput };

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

/**
 * The fields to send, or the problems in Chinese (the contract's own messages where it has them).
 * `existing` is the event being edited; without it, a new event. The place is a station (its address
 * and position came with it) or an address with a position.
 */
export function checkEventForm(f: EventForm, communityId: string, existing?: EventDetail): EventFormCheck {
  const problems: string[] = [];
  const capacity = whole(f.capacity);
  const maxHeadcount = whole(f.maxHeadcount);
  if (Number.isNaN(capacity)) problems.push('名额请填写整数');
  if (Number.isNaN(maxHeadcount)) problems.push('每份报名最多人数请填写整数');
  const caps: Partial<Record<CapKind, number>> = {};
  for (const k of capKindsOf(f.type)) {
    const n = whole(f.caps[k] ?? '');
    if (Number.isNaN(n) || n > 500) problems.push(`${CAP_KIND_LABELS[k]}的数量请填写 0 到 500 之间的整数`);
    else caps[k] = n;
  }
  if (problems.length) return { problems };
  const position = checkPosition(f.position);
  const atStation = f.placeKind === 'station';
  if (atStation && !f.stationId) problems.push('请选择活动所在的服务站');
  else if (typeof position === 'string') problems.push(position);
  const iso = (date: string, time: string) => chinaInstant(date, time).toISOString();
  const fields = {
    title: f.title,
    description: f.description,
    place: { address: f.address, location: typeof position === 'string' ? null : position, stationId: atStation ? f.stationId : null },
    startAt: iso(f.startDate, f.startTime),
    endAt: iso(f.endDate, f.endTime),
    deadline: iso(f.deadlineDate, f.deadlineTime),
    capacity,
    maxHeadcount,
    dishCaps: f.type === 'banquet' ? caps : null,
    stallCaps: f.type === 'market' ? caps : null,
    visitorsNeedApproval: f.visitorsNeedApproval,
    contactPhone: f.contactPhone,
  };
  const input: CreateEventInput | UpdateEventInput = existing ? { eventId: existing.id, ...fields } : { communityId, type: f.type, ...fields };
  const schema = existing ? eventsContract.updateEvent.input : eventsContract.createEvent.input;
  const parsed = schema.safeParse(input, { reportInput: true });
  const messages = parsed.success ? [] : parsed.error.issues.map(describeIssue);
  if (problems.length || messages.length) return { problems: [...new Set([...messages, ...problems])] };
  return { problems: [], input };
}
