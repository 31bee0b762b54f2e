import { eventsContract } from '../../contract';
import { createRouter } from '../_shared/router';
import { communityHandlers } from './community';
import { listHandlers } from './list';
import { residentHandlers } from './resident';
import { rosterHandlers } from './roster';
import { staffHandlers } from './staff';

/** `events`: the communities' 幸福集市 and 百家宴: the 活动 tab, residents' sign-ups, and the staff who run them. */
export const main = createRouter(
  'events',
  eventsContract,
  { ...listHandlers, ...residentHandlers, ...staffHandlers, ...rosterHandlers, ...communityHandlers },
  { openToVisitors: ['getEvent'] },
);
