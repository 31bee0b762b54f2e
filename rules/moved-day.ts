import type { Occurrence } from '../contract';
import { slotTimes } from './booking';
import { admit, Ledger } from './ledger';
import { dayWords, slotWords, timeWords } from './words';

/**
 * Moving a service day moves its bookings: which slot of the new day each slot of the old day goes to,
 * and who of those moved finds a place there. Pure; the fan-out that applies them is the service
 * function's day change (cloudfunctions/_shared/bookings.ts, moveSlotBookingsInTx).
 */

type SlotTime = { startTime: string; endTime: string };

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * For each slot of the old day that the new day does not serve, the new day's slot its bookings go to:
 * the one starting nearest to the old start shifted as the day's start was (so the k-th slot goes to
 * the k-th, and slots past the new day's end to its last), the earlier on a tie. On the same date a
 * slot the new hours still serve keeps its bookings and is not listed.
 */
export function destinationsOfMove(from: Occurrence, to: Occurrence, slotMinutes: number): Array<{ from: SlotTime; to: SlotTime }> {
  const newSlots = slotTimes(to, slotMinutes);
  const shift = minutes(to.startTime) - minutes(from.startTime);
  const stillServed = (slot: SlotTime) => from.date === to.date && newSlots.some((s) => s.startTime === slot.startTime);
  return slotTimes(from, slotMinutes)
    .filter((slot) => !stillServed(slot))
    .flatMap((slot) => {
      const wanted = minutes(slot.startTime) + shift;
      const distance = (s: SlotTime) => Math.abs(minutes(s.startTime) - wanted);
      const nearest = newSlots.reduce<SlotTime | undefined>((best, s) => (!best || distance(s) < distance(best) ? s : best), undefined);
      return nearest ? [{ from: slot, to: nearest }] : [];
    });
}

export interface Mover {
  id: string;
  /** The resident: one active booking per slot each. */
  openid: string;
  status: 'confirmed' | 'pending' | 'waitlisted';
}

/** Where a moved booking ends up: a place (its status), the waitlist (its position), or cancelled when its resident already has a booking in that slot. */
export type MoveFate =
  { id: string; status: 'confirmed' | 'pending' } | { id: string; status: 'waitlisted'; position: number } | { id: string; status: 'alreadyBooked' };

/**
 * The moved bookings enter the new slot's ledger in the order given (booking order): each takes a place
 * while there is one, else joins the waitlist; places held before the move are never taken from anyone.
 * A booking that held a place keeps its status (a confirmed one is not sent back to approval); one
 * that was waiting and now finds a place is confirmed, or pending when the team approves bookings.
 */
export function placeMoved(ledger: Ledger, movers: Mover[], needsApproval: boolean): { ledger: Ledger; fates: MoveFate[] } {
  let next = ledger;
  const fates: MoveFate[] = [];
  for (const mover of movers) {
    const outcome = admit(next, mover.openid, mover.id, {
      needsApproval: mover.status === 'waitlisted' ? needsApproval : mover.status === 'pending',
      joinWaitlist: true,
    });
    if ('refused' in outcome) {
      // Only ALREADY_BOOKED: with the waitlist wanted, a full slot still admits.
      fates.push({ id: mover.id, status: 'alreadyBooked' });
      continue;
    }
    next = outcome.ledger;
    fates.push(
      outcome.admission === 'waitlisted'
        ? { id: mover.id, status: 'waitlisted', position: next.waitlist.indexOf(mover.id) + 1 }
        : { id: mover.id, status: outcome.admission },
    );
  }
  return { ledger: next, fates };
}

/** What a resident whose booking moved is told: the in-app message and the subscribe message's short line. */
export function moveNotice(
  fate: Exclude<MoveFate, { status: 'alreadyBooked' }>,
  moved: { teamName: string; wasWaiting: boolean; from: Occurrence; to: Occurrence; reason: string },
): { title: string; body: string; card: string } {
  const what = moved.wasWaiting ? '候补' : '预约';
  const changed = `您在 ${moved.teamName} ${slotWords(moved.from.date, moved.from.startTime, moved.from.endTime)} 的${what}已随服务日改到 ${slotWords(moved.to.date, moved.to.startTime, moved.to.endTime)}`;
  const standing =
    fate.status === 'waitlisted'
      ? `这个时段名额已满，您排在候补第 ${fate.position} 位，有人取消会按顺序递补`
      : moved.wasWaiting
        ? fate.status === 'pending'
          ? '新时段有名额，您已排上，等待社区审核'
          : '新时段有名额，您的候补已转为预约成功'
        : fate.status === 'pending'
          ? '仍在等待社区审核'
          : '名额保留';
  return {
    title: fate.status === 'waitlisted' ? '预约已改期，转为候补' : '预约已改期',
    body: `${changed}，${standing}。原因：${moved.reason}。不能来可在预约里取消。`,
    // WeChat caps a subscribe message's line at 20 characters: the new day and start, which is what changed.
    card: `改到${dayWords(moved.to.date)} ${timeWords(moved.to.startTime)}`,
  };
}
