import { EventSummary, MAX_EVENT_MS } from '../../contract';
import { _ } from './cloud';
import { EventDoc, isoString, toPlace } from './docs';

/**
 * The conditions of events not yet ended at `now` (one under way included). Bounded by the start too:
 * an event lasts at most MAX_EVENT_MS, so an index on the start serves the list instead of walking
 * every past event.
 */
export const notEndedBy = (now: Date): object[] => [{ startAt: _.gt(new Date(now.getTime() - MAX_EVENT_MS)) }, { endAt: _.gt(now) }];

/** An event as lists show it: shared by the events function and the stations page's events held there. */
export function toSummary(doc: EventDoc, communityName: string): EventSummary {
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
