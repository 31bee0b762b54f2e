import { DayView, Occurrence } from '../../contract';
import { occurrenceOn, slotTimes } from '../../rules/booking';
import { _ } from '../_shared/cloud';
import { getById } from '../_shared/collections';
import { isActiveDoc, ScheduleDoc, TeamDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { Tx } from '../_shared/transaction';

/** A team with a schedule and its service day on a date: what every booking action starts from. */
export interface ServiceDay {
  team: TeamDoc & { schedule: ScheduleDoc };
  occurrence: Occurrence;
  /** The day's change, when it was cancelled (a moved day is served on its new date). */
  cancelledReason: string | null;
}

export async function loadServiceDay(teamId: string, date: string): Promise<ServiceDay> {
  const team = await getById('teams', teamId);
  if (!team) throw new AppError('NOT_FOUND', '没有找到这个服务队');
  if (!team.schedule) throw new AppError('NOT_FOUND', '这个服务队还没有公布固定服务日');
  const changes = team.changes ?? [];
  const change = changes.find((c) => c.date === date);
  const occurrence =
    occurrenceOn(team.schedule, changes, date) ?? (change ? { date, startTime: team.schedule.startTime, endTime: team.schedule.endTime } : undefined);
  if (!occurrence) throw new AppError('NOT_FOUND', '这一天没有服务');
  const cancelledReason = change && (change.kind === 'cancelled' || change.to?.date !== date) ? change.reason : null;
  return { team: team as ServiceDay['team'], occurrence, cancelledReason };
}

/** The slots of a service day; a start time that is not one of them is NOT_FOUND. */
export function slotOf(day: ServiceDay, startTime: string): { startTime: string; endTime: string } {
  const slot = slotTimes(day.occurrence, day.team.schedule.slotMinutes).find((s) => s.startTime === startTime);
  if (!slot) throw new AppError('NOT_FOUND', '没有这个时段');
  return slot;
}

/** What residents are told about a deactivated team's days: they stay readable, and take no bookings. */
export const TEAM_STOPPED = '这个服务队已停用，不再接受预约';

export function noticeOf(day: ServiceDay): DayView['notice'] {
  if (!isActiveDoc(day.team)) return TEAM_STOPPED;
  return day.cancelledReason ? `这一天的服务已取消：${day.cancelledReason}` : null;
}

/**
 * Inside a transaction that writes the slot: the team read again, refusing CLOSED when it no longer
 * serves that slot (the day cancelled or moved, or the schedule changed, since the caller looked).
 */
export async function requireSlotServedInTx(tx: Tx, teamId: string, date: string, startTime: string): Promise<void> {
  const team = await tx.get('teams', teamId);
  // Deactivated since the caller looked. (A booking committing at the very moment of the deactivation
  // may still pass: transactions conflict on writes only; the team's leaders see it in their lists.)
  if (team && !isActiveDoc(team)) throw new AppError('CLOSED', TEAM_STOPPED);
  const served = team?.schedule && occurrenceOn(team.schedule, team.changes ?? [], date);
  if (served && slotTimes(served, team.schedule!.slotMinutes).some((t) => t.startTime === startTime)) return;
  const dayGone = team?.changes?.some((c) => c.date === date && (c.kind === 'cancelled' || c.to?.date !== date));
  throw new AppError('CLOSED', dayGone ? '这一天的服务已取消' : '这个时段已不再提供服务，请刷新后重新选择');
}

/**
 * Inside the transaction of a booking that creates its slot's document (the slot's first booking): the
 * team document is written too. saveSchedule ends the bookings of the slot documents it finds once the
 * new schedule is stored; a slot created by a transaction that had read the old schedule would escape
 * it, each transaction missing the other's write (write skew). Both writing the team makes them
 * conflict: the booking that commits first is found and ended by the schedule's fan-out, the one that
 * retries reads the new schedule and is refused CLOSED. Later bookings of the slot need no such write:
 * they conflict with the fan-out on the slot's own document.
 */
export async function markSlotCreatedInTx(tx: Tx, teamId: string): Promise<void> {
  // A counter, so that the write always changes the document: an update that changes nothing is
  // skipped by the database, and would conflict with nothing.
  await tx.update('teams', teamId, { slotsCreatedByBookings: _.inc(1) });
}
