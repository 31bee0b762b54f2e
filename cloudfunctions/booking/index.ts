import { bookingContract } from '../../contract';
import { createRouter } from '../_shared/router';
import { leaderHandlers } from './leader';
import { residentHandlers } from './resident';
import { staffHandlers } from './staff';

/** `booking`: residents book and cancel places on fixed service days, staff approve, leaders run the day. */
export const main = createRouter('booking', bookingContract, { ...residentHandlers, ...staffHandlers, ...leaderHandlers }, { openToVisitors: ['day'] });
