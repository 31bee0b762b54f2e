import { EventSummary } from '../../contract';
import { EventDoc, isoString, toPlace } from './docs';

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
