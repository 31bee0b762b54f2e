import { z } from 'zod';
import { Occurrence, OccurrenceChange, serviceContract, TeamDetail, TeamSummary } from '../../contract';
import { ChangeRefusal, nextEffectiveOccurrences, occurrenceOn, recordChange, slotTimes } from '../../rules/booking';
import { chinaDate } from '../../rules/china-time';
import { requireOpenid, requireTeamLeader } from '../_shared/auth';
import { emptySlotDoc } from '../_shared/bookings';
import { _ } from '../_shared/cloud';
import { collection, getById } from '../_shared/collections';
import { isActiveDoc, leadersOfTeamDoc, placeDocOf, ScheduleDoc, scheduleDocSchema, SlotDoc, TeamDoc, toSchedule } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { decodeCursorAs, pageFrom } from '../_shared/paging';
import { after, allOf, containsKeyword, GET_LIMIT, getAll, getByIds } from '../_shared/query';
import { CallContext, createRouter, Handlers } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';
import { JOB_HANDLERS } from '../_shared/fanouts';
import { newId } from '../_shared/ids';
import { actionRunLimits, JobProgress, newJob, runJob, startJobInTx } from '../_shared/jobs';
import { slotWords } from '../../rules/words';
import { destinationsOfMove } from '../../rules/moved-day';
import { bySoonestServiceDay, positionOf, teamsAfter } from '../../rules/team-order';
import { Neighbourhood, neighbourhoodOf } from '../_shared/neighbourhood';

/** `service`: the city service teams and their fixed service days, for the 服务 tab; leaders keep their own. */

/** How many coming service days a team's page shows. */
const UPCOMING_SHOWN = 6;

const teamCursorSchema = z.strictObject({ name: z.string(), id: z.string() });
/** Near home: the group the last team shown was in, and its place there (rules/team-order.ts). */
const nearHomeCursorSchema = z.strictObject({ part: z.enum(['home', 'near', 'rest']), day: z.string(), name: z.string(), id: z.string() });

/** A team read for the 服务 list, with its next service day and (near home) its group. */
interface ListedTeam {
  doc: TeamDoc;
  next: Occurrence | null;
  part: 'home' | 'near' | 'rest';
}

const listed =
  (part: ListedTeam['part'], now: Date) =>
  (doc: TeamDoc): ListedTeam => ({ doc, next: upcomingOf(doc, now, 1)[0] ?? null, part });

/** A page and one more of the teams matching `filters`, by name. */
async function readByName(filters: object[], cursorText: string | undefined, pageSize: number, now: Date): Promise<ListedTeam[]> {
  const conditions = [...filters];
  if (cursorText) {
    const last = decodeCursorAs(cursorText, teamCursorSchema);
    conditions.push(after('name', last.name, last.id));
  }
  const docs = await collection('teams')
    .where(allOf(conditions))
    .orderBy('name', 'asc')
    .orderBy('_id', 'asc')
    .limit(pageSize + 1)
    .get();
  return docs.map(listed('rest', now));
}

/**
 * A page and one more of the teams matching `filters` near home: the home community's teams, then
 * the neighbours', each group read whole (a few dozen teams at most) and ordered by next service day,
 * then the rest by name. A page that a day passing reorders may show a team twice or not at all.
 */
async function readNearHome(filters: object[], hood: Neighbourhood, cursorText: string | undefined, pageSize: number, now: Date): Promise<ListedTeam[]> {
  const cursor = cursorText ? decodeCursorAs(cursorText, nearHomeCursorSchema) : null;
  const groups = [
    { part: 'home' as const, communityIds: [hood.homeId] },
    { part: 'near' as const, communityIds: hood.neighbourIds },
  ];
  const read: ListedTeam[] = [];
  for (const { part, communityIds } of groups) {
    if (read.length > pageSize || !communityIds.length || cursor?.part === 'rest' || (cursor?.part === 'near' && part === 'home')) continue;
    const docs = await getAll('teams', allOf([...filters, { communityId: _.in(communityIds) }]), 'name');
    const ordered = bySoonestServiceDay(docs.map(listed(part, now)).map((t) => ({ ...t, id: t.doc._id, name: t.doc.name, nextOccurrence: t.next })));
    read.push(...(cursor?.part === part ? teamsAfter(ordered, cursor) : ordered));
  }
  if (read.length > pageSize) return read;
  const conditions = [...filters, { communityId: _.nin([hood.homeId, ...hood.neighbourIds]) }];
  if (cursor?.part === 'rest') conditions.push(after('name', cursor.name, cursor.id));
  const rest = await collection('teams')
    .where(allOf(conditions))
    .orderBy('name', 'asc')
    .orderBy('_id', 'asc')
    .limit(pageSize + 1 - read.length)
    .get();
  return [...read, ...rest.map(listed('rest', now))];
}

/** A deactivated team serves no more days: none are offered. */
function upcomingOf(team: TeamDoc, now: Date, count: number): Occurrence[] {
  return team.schedule && isActiveDoc(team) ? nextEffectiveOccurrences(team.schedule, team.changes ?? [], now, count) : [];
}

function toSummary(doc: TeamDoc, communityName: string, upcoming: Occurrence[]): TeamSummary {
  return {
    id: doc._id,
    name: doc.name,
    serviceClass: doc.serviceClass,
    communityId: doc.communityId,
    // A team whose community has gone still lists; the app shows it without a community name.
    communityName,
    description: doc.description,
    nextOccurrence: upcoming[0] ?? null,
  };
}

async function loadTeam(teamId: string): Promise<TeamDoc> {
  const team = await getById('teams', teamId);
  if (!team) throw new AppError('NOT_FOUND', '没有找到这个服务队，可能已经解散');
  return team;
}

async function teamDetail(team: TeamDoc, now: Date): Promise<TeamDetail> {
  const community = await getById('communities', team.communityId);
  const upcoming = upcomingOf(team, now, UPCOMING_SHOWN);
  return {
    ...toSummary(team, community?.name ?? '', upcoming),
    services: team.services,
    leaders: leadersOfTeamDoc(team).map((leader) => leader.name),
    contactPhone: team.contactPhone ?? null,
    active: isActiveDoc(team),
    schedule: team.schedule ? toSchedule(team.schedule) : null,
    upcoming,
  };
}

const CHANGE_REFUSALS: Record<ChangeRefusal, AppError> = {
  PAST: new AppError('CLOSED', '已经过去的日子不能再调整'),
  NOT_A_SERVICE_DAY: new AppError('NOT_FOUND', '这一天没有服务'),
  ALREADY_CHANGED: new AppError('CONFLICT', '这一天的服务已经调整过了'),
  MOVED_IN: new AppError('CONFLICT', '这一天是从别的日子调整过来的，不能再调整'),
  TARGET_TAKEN: new AppError('CONFLICT', '调整到的那天已经有服务了，请换一天'),
  NO_SLOT: new AppError('BAD_INPUT', '服务时间至少要容纳一个时段'),
};

function noticeOf(team: TeamDoc, change: OccurrenceChange): (slot: { startTime: string; endTime: string }) => { title: string; body: string } {
  if (change.kind === 'moved' && change.to) {
    const to = slotWords(change.to.date, change.to.startTime, change.to.endTime);
    // Only those who already have a booking in the slot their booking would move to are told this.
    return (b) => ({
      title: '服务日调整',
      body: `${team.name} ${slotWords(change.date, b.startTime, b.endTime)} 的服务改到 ${to}。原因：${change.reason}。您在新时段已有预约，保留那一个，这个预约已取消。`,
    });
  }
  return (b) => ({
    title: '服务日取消',
    body: `${team.name} ${slotWords(change.date, b.startTime, b.endTime)} 的服务取消了。原因：${change.reason}。您的预约已取消。`,
  });
}

/** What a day change did to its bookings so far; `allTold` false: the rest follow within minutes (a background job). */
type DayChangeResult = { movedBookings: number; waitlistedBookings: number; cancelledBookings: number; allTold: boolean };

/**
 * Records the change of one service day on the team (once: a repeat of the same change is a retry),
 * then the bookings of that date's slots that the changed day no longer has end, or, when the day
 * moved, move to the new day's slots (rules/moved-day.ts), as a job: see endBookingsOfDroppedSlots.
 * Re-running it starts another job, which deals with whatever is still there (a booking that committed
 * just after the change, or one the first job has not reached).
 */
async function changeOccurrence(ctx: CallContext, teamId: string, change: OccurrenceChange): Promise<DayChangeResult> {
  const leader = (await requireTeamLeader(ctx, teamId)).openid;
  const today = chinaDate(ctx.now);
  const team = await withTransaction(async (tx) => {
    const doc = await tx.get('teams', teamId);
    if (!doc) throw new AppError('NOT_FOUND', '没有找到这个服务队');
    if (!doc.schedule) throw new AppError('NOT_FOUND', '这个服务队还没有公布固定服务日');
    const recorded = recordChange(doc.schedule, doc.changes ?? [], change, today);
    if ('refused' in recorded) throw CHANGE_REFUSALS[recorded.refused];
    if (!recorded.repeated) await tx.update('teams', teamId, { changes: _.set(recorded.changes), updatedAt: ctx.now });
    return { ...doc, schedule: doc.schedule, changes: recorded.changes };
  });
  const stored = team.changes.find((c) => c.date === change.date)!;
  const { schedule } = team;
  // The day as it was served (on a retry too: the schedule without this change).
  const wasServed = occurrenceOn(
    schedule,
    team.changes.filter((c) => c !== stored),
    change.date,
  );
  // A day moved to other hours of the same date keeps the slots both have; every other slot of the date
  // ends or moves: those booked, and those of the day as it was served, which a booking may be creating right now.
  const booked = await collection('slots').where({ teamId, date: change.date }).limit(GET_LIMIT).get();
  const wereServed = wasServed ? slotTimes(wasServed, schedule.slotMinutes) : [];
  const unbooked = wereServed.filter((t) => !booked.some((s) => s.startTime === t.startTime));
  const slots = [...booked, ...unbooked.map((t) => emptySlotDoc(teamId, change.date, t, schedule.placesPerSlot, ctx.now))];
  const destinations = stored.to && wasServed ? destinationsOfMove(wasServed, stored.to, schedule.slotMinutes) : [];
  const progress = await endBookingsOfDroppedSlots(`day-change-${newId()}`, team, slots, {
    byOpenid: leader,
    reason: stored.reason,
    now: ctx.now,
    notice: noticeOf(team, stored),
    moveTo: (slot) => {
      const to = destinations.find((d) => d.from.startTime === slot.startTime)?.to;
      return to && stored.to
        ? { slot: emptySlotDoc(teamId, stored.to.date, to, schedule.placesPerSlot, ctx.now), needsApproval: schedule.needsApproval }
        : undefined;
    },
  });
  const { moved = 0, waitlisted = 0, cancelled = 0 } = progress.outcomes;
  return { movedBookings: moved, waitlistedBookings: waitlisted, cancelledBookings: cancelled, allTold: progress.done };
}

/**
 * Ends the bookings of those slots the team's current schedule and changes no longer serve (or moves
 * them, for the slots `moveTo` gives a new day's slot), as a job (jobs.ts): recorded first, then a few
 * steps of a few bookings each, one transaction per step; the `outbox` timer continues what is left.
 * Answers its progress.
 */
async function endBookingsOfDroppedSlots(
  jobId: string,
  team: TeamDoc & { schedule: ScheduleDoc },
  slots: SlotDoc[],
  ending: {
    byOpenid: string;
    reason: string;
    now: Date;
    notice: (slot: SlotDoc) => { title: string; body: string };
    moveTo?: (slot: SlotDoc) => { slot: SlotDoc; needsApproval: boolean } | undefined;
  },
): Promise<JobProgress> {
  const dropped = slots
    .filter((slot) => {
      const served = occurrenceOn(team.schedule, team.changes ?? [], slot.date);
      return !served || !slotTimes(served, team.schedule.slotMinutes).some((t) => t.startTime === slot.startTime);
    })
    .map((slot) => {
      const moveTo = ending.moveTo?.(slot);
      return { slot, notice: ending.notice(slot), ...(moveTo ? { moveTo } : {}) };
    });
  if (!dropped.length) return { processed: 0, done: true, steps: 0, outcomes: {} };
  const params = { teamId: team._id, slots: dropped, byOpenid: ending.byOpenid, reason: ending.reason, at: ending.now };
  await withTransaction((tx) => startJobInTx(tx, newJob(jobId, 'endSlotBookings', params, ending.now)));
  return runJob(jobId, JOB_HANDLERS, actionRunLimits(ending.now));
}

const handlers: Handlers<typeof serviceContract> = {
  async listTeams(input, ctx) {
    requireOpenid(ctx);
    // Deactivated teams leave residents' lists (teams stored before `active` existed count as active).
    const filters: object[] = [{ active: _.neq(false) }];
    if (input.serviceClass) filters.push({ serviceClass: input.serviceClass });
    if (input.communityId) filters.push({ communityId: input.communityId });
    if (input.keyword) filters.push(containsKeyword(['name', 'description'], input.keyword));
    const hood = input.homeCommunityId && !input.communityId ? await neighbourhoodOf(input.homeCommunityId) : null;
    const read = hood
      ? await readNearHome(filters, hood, input.cursor, input.pageSize, ctx.now)
      : await readByName(filters, input.cursor, input.pageSize, ctx.now);
    const communities = await getByIds(
      'communities',
      read.slice(0, input.pageSize).map((r) => r.doc.communityId),
    );
    return pageFrom(
      read,
      input.pageSize,
      (r) => toSummary(r.doc, communities.get(r.doc.communityId)?.name ?? '', r.next ? [r.next] : []),
      (last) =>
        hood
          ? { part: last.part, ...positionOf({ id: last.doc._id, name: last.doc.name, nextOccurrence: last.next }) }
          : { name: last.doc.name, id: last.doc._id },
    );
  },

  // Open to visitors too: a team's page is public.
  async getTeam(input, ctx) {
    return teamDetail(await loadTeam(input.teamId), ctx.now);
  },

  async saveSchedule(input, ctx) {
    const leader = (await requireTeamLeader(ctx, input.teamId)).openid;
    const { place } = input.schedule;
    if (place.stationId && !(await getById('stations', place.stationId))) throw new AppError('NOT_FOUND', '没有找到这个服务站，请重新选择地点');
    // Stored as the seed stores it: the position as a GeoJSON point.
    const schedule: ScheduleDoc = scheduleDocSchema.parse({ ...input.schedule, place: placeDocOf(place) });
    const saved = await withTransaction(async (tx) => {
      const team = await tx.get('teams', input.teamId);
      if (!team) throw new AppError('NOT_FOUND', '没有找到这个服务队，可能已经解散');
      // The schedule is replaced whole: a plain update would merge the old recurrence's fields into the new one.
      await tx.update('teams', input.teamId, { schedule: _.set(schedule), updatedAt: ctx.now });
      return { ...team, schedule, updatedAt: ctx.now };
    });
    // Bookings of coming slots the new schedule no longer has end as cancelled by the team, and are told.
    // The slots are read after the schedule is stored, so each booking committed by then is found: a
    // slot's first booking writes the team as this transaction does (markSlotCreatedInTx in booking),
    // and later ones the slot document the fan-out writes, so one that read the old schedule and
    // commits later conflicts, and its retry reads the new schedule.
    const coming = await getAll('slots', { teamId: input.teamId, date: _.gte(chinaDate(ctx.now)) }, 'date');
    const reason = '服务队调整了固定服务日';
    await endBookingsOfDroppedSlots(`schedule-change-${newId()}`, saved, coming, {
      byOpenid: leader,
      reason,
      now: ctx.now,
      notice: (slot) => ({
        title: '服务时间调整',
        body: `${saved.name} ${slotWords(slot.date, slot.startTime, slot.endTime)} 不再提供服务（${reason}）。您的预约已取消，需要的话请重新预约。`,
      }),
    });
    return teamDetail(saved, ctx.now);
  },

  async cancelOccurrence(input, ctx) {
    return changeOccurrence(ctx, input.teamId, { date: input.date, kind: 'cancelled', to: null, reason: input.reason });
  },

  async moveOccurrence(input, ctx) {
    return changeOccurrence(ctx, input.teamId, { date: input.date, kind: 'moved', to: input.to, reason: input.reason });
  },
};

export const main = createRouter('service', serviceContract, handlers, { openToVisitors: ['getTeam'] });
