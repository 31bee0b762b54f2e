import { Recurrence, ServiceClass } from '../contract';
import { CommunityDoc, geoPointDoc, PlaceDoc, ScheduleDoc, StationDoc } from '../cloudfunctions/_shared/docs';
import { addDays } from '../rules/china-time';
import { Rng } from './random';
import { toPosition } from './registry';
import type { ClassSeed } from './teams';

/** A team's fixed service days: how often it meets, when, where, how many places, and the booking windows. */

function clockPlus(time: string, minutes: number): string {
  const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function recurrence(rng: Rng, serviceClass: ServiceClass): Recurrence {
  // Classes for school children meet at weekends; the rest any day.
  const weekend = serviceClass === 'education' || serviceClass === 'culture';
  const weekday = () => (weekend ? rng.int(6, 7) : rng.int(1, 7));
  const roll = rng.int(1, 20);
  if (roll <= 9) {
    const first = weekday();
    const second = weekday();
    return { kind: 'weekly', weekdays: rng.chance(0.3) && second !== first ? [first, second].sort((a, b) => a - b) : [first] };
  }
  if (roll <= 14) return { kind: 'monthlyDate', day: rng.chance(0.1) ? 30 : rng.int(1, 28) };
  return { kind: 'monthlyNth', nth: rng.pick([1, 2, 3, 4, -1] as const), weekday: weekday() };
}

export function schedule(rng: Rng, seed: ClassSeed, serviceClass: ServiceClass, today: string, station: StationDoc, community: CommunityDoc): ScheduleDoc {
  const slotMinutes = rng.pick(seed.slotMinutes);
  const startTime = rng.chance(0.6) ? rng.pick(['08:00', '08:30', '09:00']) : rng.pick(['14:00', '14:30', '15:00']);
  const slots = Math.max(1, Math.floor(rng.pick([120, 150, 180]) / slotMinutes));
  const validFrom = addDays(today, -rng.int(30, 400));
  // Summer classes and trial teams end; most schedules run until changed.
  const ends = serviceClass === 'education' ? rng.chance(0.25) : rng.chance(0.05);
  const place: PlaceDoc = rng.chance(0.8)
    ? { address: station.address, location: station.location, stationId: station._id }
    : {
        address: `${community.name}${rng.pick(['文化广场', '中心花园', '老年活动室', '居民议事厅'])}`,
        location: geoPointDoc(rng.near(toPosition(community), 500)),
        stationId: null,
      };
  return {
    recurrence: recurrence(rng, serviceClass),
    startTime,
    endTime: clockPlus(startTime, slots * slotMinutes),
    slotMinutes,
    placesPerSlot: rng.int(seed.places[0], seed.places[1]),
    place,
    needsApproval: rng.chance(seed.approvalChance),
    opensDaysBefore: rng.pick([3, 7, 7, 14]),
    closesHoursBefore: rng.pick([2, 12, 24]),
    cancelHoursBefore: rng.pick([2, 6, 12]),
    weeklyLimit: serviceClass === 'education' ? 1 : rng.int(1, 2),
    validFrom,
    validUntil: ends ? addDays(validFrom, rng.int(40, 120)) : null,
  };
}
