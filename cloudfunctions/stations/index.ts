import { stationsContract } from '../../contract';
import { createRouter } from '../_shared/router';
import { residentHandlers } from './resident';
import { staffHandlers } from './staff';

/** `stations`: the party-and-mass service stations: found by residents (resident.ts), kept by staff and admins (staff.ts). */
export const main = createRouter('stations', stationsContract, { ...residentHandlers, ...staffHandlers });
