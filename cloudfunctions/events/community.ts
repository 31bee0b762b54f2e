import { z } from 'zod';
import { eventStateAt, eventsContract, StaffEvent, StaffEventState } from '../../contract';
import { approvesFor, isStaffOrAdmin } from '../../rules/permissions';
import { loadActor } from '../_shared/auth';
import { _ } from '../_shared/cloud';
import { collection, getById } from '../_shared/collections';
import { EventDoc, isoString } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { decodeCursorAs, invalidCursor, pageFrom } from '../_shared/paging';
import { notEndedBy } from '../_shared/event-summary';
import { after, allOf, before, getByIds } from '../_shared/query';
import { Handlers } from '../_shared/router';
import { toSummary } from './common';

/**
 * The staff's list of their community's events, every state: those not yet ended (upcoming or under
 * way) soonest first, then the ended ones latest first: two keyset-paged runs, one after the other.
 */

type Phase = 'upcoming' | 'past';

/**
 * Where the next page starts: the run, the last event shown in it, and the instant that split the
 * runs on the first page, so an event ending while staff page on is neither lost nor shown twice.
 */
const cursorSchema = z.strictObject({
  asOf: z.string().refine((at) => !Number.isNaN(Date.parse(at))),
  phase: z.enum(['upcoming', 'past']),
  at: z.string().refine((at) => !Number.isNaN(Date.parse(at))),
  id: z.string(),
});

/** What a state filter asks of the documents, and which runs can hold such an event. */
function stateFilter(state: StaffEventState | undefined): { condition: object | null; phases: Phase[] } {
  switch (state) {
    case undefined:
      return { condition: null, phases: ['upcoming', 'past'] };
    case 'published':
      return { condition: { status: 'published' }, phases: ['upcoming'] };
    case 'ended':
      return { condition: { status: 'published' }, phases: ['past'] };
    default:
      return { condition: { status: state }, phases: ['upcoming', 'past'] };
  }
}

async function readRun(base: object[], phase: Phase, asOf: Date, last: { at: string; id: string } | null, limit: number): Promise<EventDoc[]> {
  const upcoming = phase === 'upcoming';
  // Past ones: bounded by the start, as they are sorted (an event ends after it starts).
  const conditions = [...base, ...(upcoming ? notEndedBy(asOf) : [{ startAt: _.lt(asOf) }, { endAt: _.lte(asOf) }])];
  if (last) conditions.push(upcoming ? after('startAt', new Date(last.at), last.id) : before('startAt', new Date(last.at), last.id));
  const direction = upcoming ? 'asc' : 'desc';
  return collection('events').where(allOf(conditions)).orderBy('startAt', direction).orderBy('_id', direction).limit(limit).get();
}

export const communityHandlers: Pick<Handlers<typeof eventsContract>, 'communityEvents'> = {
  async communityEvents(input, ctx) {
    const actor = await loadActor(ctx);
    if (!isStaffOrAdmin(actor)) throw new AppError('FORBIDDEN', '只有社区工作者可以查看本社区的全部活动');
    const communityId = input.communityId ?? actor.staffOf[0];
    if (!communityId) throw new AppError('BAD_INPUT', '请选择社区（communityId）');
    if (!approvesFor(actor, communityId)) throw new AppError('FORBIDDEN', '只能查看本社区的活动');

    const cursor = input.cursor ? decodeCursorAs(input.cursor, cursorSchema) : null;
    const { condition, phases } = stateFilter(input.state);
    // A cursor of another filter's list would start a run from the top again.
    if (cursor && !phases.includes(cursor.phase)) throw invalidCursor();
    const asOf = cursor ? new Date(cursor.asOf) : ctx.now;
    const base = [{ communityId }, ...(condition ? [condition] : [])];
    // pageSize + 1 events in order, the first run's then the second's, starting where the cursor left off.
    const found: Array<{ doc: EventDoc; phase: Phase }> = [];
    for (const phase of phases) {
      if (cursor && phases.indexOf(phase) < phases.indexOf(cursor.phase)) continue;
      const wanted = input.pageSize + 1 - found.length;
      if (wanted <= 0) break;
      const docs = await readRun(base, phase, asOf, cursor?.phase === phase ? cursor : null, wanted);
      found.push(...docs.map((doc) => ({ doc, phase })));
    }

    const shown = found.slice(0, input.pageSize).map((f) => f.doc._id);
    const [community, ledgers] = await Promise.all([getById('communities', communityId), getByIds('event_ledgers', shown)]);
    return pageFrom(
      found,
      input.pageSize,
      ({ doc }): StaffEvent => ({
        ...toSummary(doc, community?.name ?? ''),
        state: eventStateAt(doc, asOf),
        waitlisted: ledgers.get(doc._id)?.waitlist.length ?? 0,
      }),
      ({ doc, phase }) => ({ asOf: asOf.toISOString(), phase, at: isoString(doc.startAt), id: doc._id }),
    );
  },
};
