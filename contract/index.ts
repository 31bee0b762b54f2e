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
