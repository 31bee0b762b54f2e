import { Station } from '../../contract';
import { StationDoc, toLngLat } from '../_shared/docs';

/** A stored station as the app sees it. */
export function toStation(doc: StationDoc): Station {
  return {
    id: doc._id,
    name: doc.name,
    level: doc.level,
    streetId: doc.streetId,
    communityId: doc.communityId,
    address: doc.address,
    location: toLngLat(doc.location),
    phone: doc.phone,
    services: doc.services,
    openingHours: doc.openingHours,
    exceptions: doc.exceptions,
    active: doc.active,
  };
}
