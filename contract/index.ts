import { accountContract } from './account';
import { bookingContract } from './booking';
import { directoryContract } from './directory';
import { eventsContract } from './events';
import { importsContract } from './imports';
import { invitationsContract } from './invitations';
import { messagesContract } from './messages';
import { registryContract } from './registry';
import { serviceContract } from './service';
import { stationsContract } from './stations';

// The terms: codes, labels, limits and small pure helpers, free of zod, so the app's main package can
// use them without carrying the schemas (the bundler keeps only the contract modules a page uses).
export * from './terms/errors';
export * from './terms/account';
export * from './terms/booking';
export * from './terms/events';
export * from './terms/geo';
export * from './terms/glossary';
export * from './terms/imports';
export * from './terms/invitations';
export * from './terms/registry';
export * from './terms/service';
export * from './terms/stations';
// The schemas of every action, which the functions check and the subpackages' forms reuse.
export * from './result';
export * from './issues';
export * from './common';
export * from './geo';
export * from './account';
export * from './directory';
export * from './service';
export * from './events';
export * from './stations';
export * from './booking';
export * from './messages';
export * from './registry';
export * from './imports';
export * from './invitations';

/** Every cloud function and its actions: the one contract the app and the functions share. */
export const contracts = {
  account: accountContract,
  directory: directoryContract,
  service: serviceContract,
  events: eventsContract,
  stations: stationsContract,
  booking: bookingContract,
  messages: messagesContract,
  registry: registryContract,
  imports: importsContract,
  invitations: invitationsContract,
};
export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
