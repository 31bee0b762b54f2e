import { slotIdOf } from '../../cloudfunctions/_shared/bookings';
import { BookingDoc, bookingDocSchema } from '../../cloudfunctions/_shared/docs';
import type { Schedule } from '../../contract';
import { chinaInstant } from '../../rules/china-time';
import { storedRoles } from './roles';

/** Teams with an open fixed service day and residents with profiles, written through the SDK: for booking tests and benchmarks. */
type Db = ReturnType<(typeof import('wx-server-sdk'))['database']>;

/** A schedule serving every day 09:00–12:00 in 30-minute slots with 10 places, bookable from a week before, at a place with no position. */
export const OPEN_SCHEDULE = {
  recurrence: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7] },
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 30,
  placesPerSlot: 10,
  place: { address: '测试社区服务站', location: null, stationId: null },
  needsApproval: false,
  opensDaysBefore: 7,
  closesHoursBefore: 0,
  cancelHoursBefore: 0,
  weeklyLimit: 5,
  validFrom: '2026-01-01',
  validUntil: null,
} satisfies Schedule;

/** A team serving every day 09:00–12:00 in 30-minute slots with 10 places, bookable from a week before; rules overridable. */
export async function createOpenTeam(db: Db, id: string, communityId: string, rules: Partial<Schedule> = {}): Promise<void> {
  const now = new Date();
  await db
    .collection('teams')
    .doc(id)
    .set({
      data: {
        name: `测试服务队${id}`,
        serviceClass: 'haircut',
        communityId,
        description: '测试',
        services: ['理发'],
        leaders: [{ name: '张队长', openid: null, phone: null }],
        schedule: {
          ...OPEN_SCHEDULE,
          ...rules,
        },
        createdAt: now,
        updatedAt: now,
      },
    });
}

/** `n` residents of a community with names and phones, OPENIDs `${prefix}-0…`. */
export async function createResidents(db: Db, prefix: string, n: number, communityId: string): Promise<string[]> {
  const now = new Date();
  const ids = Array.from({ length: n }, (_x, i) => `${prefix}-${i}`);
  for (let i = 0; i < n; i += 100) {
    await db.collection('users').add({
      data: ids.slice(i, i + 100).map((openid, j) => ({
        _id: openid,
        name: `居民${i + j}`,
        phone: `139${String(i + j).padStart(8, '0')}`,
        communityId,
        ...storedRoles(),
        createdAt: now,
        updatedAt: now,
      })),
    } as never);
  }
  return ids;
}

/**
 * A booking written straight into the store, with its slot's ledger as booking.book leaves it (the
 * slot of `capacity` places created when missing): for days the real clock no longer lets anyone book
 * (today, yesterday). The slot is an hour long.
 */
export async function insertBooking(
  db: Db,
  team: { id: string; name: string; communityId: string; address: string },
  booking: { id: string; openid: string; date: string; startTime: string; status: BookingDoc['status']; checkInCode: string; capacity: number },
): Promise<BookingDoc> {
  const { id, openid, date, startTime, status } = booking;
  const slotId = slotIdOf(team.id, date, startTime);
  const endTime = `${String(Number(startTime.slice(0, 2)) + 1).padStart(2, '0')}:00`;
  const now = new Date();
  const doc = bookingDocSchema.parse({
    _id: id,
    slotId,
    teamId: team.id,
    teamName: team.name,
    communityId: team.communityId,
    date,
    startTime,
    endTime,
    startsAt: chinaInstant(date, startTime),
    address: team.address,
    openid,
    name: '测试居民',
    phone: '13800009999',
    status,
    needsApproval: false,
    checkInCode: booking.checkInCode,
    weekKey: '2026-W01',
    subscribe: false,
    decision: null,
    cancellation: null,
    checkedInAt: null,
    history: [{ status, at: now, by: openid, reason: '' }],
    createdAt: now,
    updatedAt: now,
  });
  const { data: slot } = (await db.collection('slots').doc(slotId).get()) as { data: any };
  const ledger = slot ?? { teamId: team.id, date, startTime, endTime, capacity: booking.capacity, held: 0, waitlist: [], holders: {} };
  if (status === 'confirmed' || status === 'pending' || status === 'waitlisted') ledger.holders = { ...ledger.holders, [openid]: id };
  if (status === 'confirmed' || status === 'pending' || status === 'attended') ledger.held += 1;
  if (status === 'waitlisted') ledger.waitlist = [...ledger.waitlist, id];
  const { _id: _slot, ...slotFields } = ledger;
  await db
    .collection('slots')
    .doc(slotId)
    .set({ data: { ...slotFields, updatedAt: now } });
  const { _id: _booking, ...fields } = doc;
  await db.collection('bookings').doc(id).set({ data: fields });
  return doc;
}
