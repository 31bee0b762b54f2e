import { CommunityDoc, EventDoc, geoPointDoc, StationDoc } from '../cloudfunctions/_shared/docs';
import { addDays, chinaInstant, formatInChina, isoWeekday } from '../rules/china-time';
import { Rng } from './random';
import { toPosition } from './registry';

/** The demo district's events: each community's 幸福集市 and 百家宴 (sign-ups come later, in event-signups.ts). */

/** `daysAgo` gives the instant that many days before the generator's now. */
export function eventsOf(
  rng: Rng,
  communities: CommunityDoc[],
  communityStation: Map<string, StationDoc>,
  today: string,
  daysAgo: (days: number) => Date,
): EventDoc[] {
  // For each community this month's 幸福集市 and 百家宴 on weekends in the next four weeks,
  // last month's 集市 (ended), and a few cancelled ones.
  const comingWeekends = weekendDates(addDays(today, 3), addDays(today, 27));
  const pastWeekends = weekendDates(addDays(today, -35), addDays(today, -7));
  const events: EventDoc[] = [];
  const addEvent = (fields: Omit<EventDoc, '_id'>) => events.push({ _id: `event-${String(events.length + 1).padStart(4, '0')}`, ...fields });
  communities.forEach((community, i) => {
    const station = communityStation.get(community._id)!;
    const marketDate = rng.pick(comingWeekends);
    addEvent(market(rng, community, station, marketDate, daysAgo(rng.int(1, 10)), 'published'));
    addEvent(banquet(rng, community, rng.pick(comingWeekends), daysAgo(rng.int(1, 10))));
    const pastDate = rng.pick(pastWeekends);
    addEvent(market(rng, community, station, pastDate, chinaInstant(addDays(pastDate, -14), '08:00'), 'published'));
    // Rained off and moved: the first community of each street has a cancelled 集市 as well.
    if (i % 13 === 0) {
      addEvent(market(rng, community, station, rng.pick(comingWeekends.filter((d) => d !== marketDate)), daysAgo(rng.int(11, 20)), 'cancelled'));
    }
  });
  return events;
}

function weekendDates(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) if (isoWeekday(date) >= 6) dates.push(date);
  return dates;
}

function market(rng: Rng, community: CommunityDoc, station: StationDoc, date: string, createdAt: Date, status: EventDoc['status']): Omit<EventDoc, '_id'> {
  const startAt = chinaInstant(date, rng.pick(['08:30', '09:00']));
  return {
    type: 'market',
    title: `${community.name}${formatInChina(startAt, 'M月')}幸福集市`,
    description: '二手好物、手工艺品、家电义修、义剪义诊……欢迎居民来逛；想摆摊的可以申请摊位，社区审核后通知。',
    communityId: community._id,
    place: { address: `${station.address}（${station.name}前广场）`, location: station.location, stationId: station._id },
    startAt,
    endAt: chinaInstant(date, '11:30'),
    deadline: chinaInstant(addDays(date, -rng.int(1, 2)), '20:00'),
    capacity: rng.int(10, 30) * 10,
    taken: 0,
    status,
    createdAt,
  };
}

function banquet(rng: Rng, community: CommunityDoc, date: string, createdAt: Date): Omit<EventDoc, '_id'> {
  const capacity = rng.int(6, 20) * 10;
  return {
    type: 'banquet',
    title: `${community.name}邻里百家宴`,
    description: '邻里一起吃顿饭：报名时写明人数和要带的一道拿手菜，社区统筹菜品，避免都带一样的。请自带餐具。',
    communityId: community._id,
    place: {
      address: `${community.name}${rng.pick(['中心花园', '文化广场', '长廊', '居民食堂'])}`,
      location: geoPointDoc(rng.near(toPosition(community), 400)),
      stationId: null,
    },
    startAt: chinaInstant(date, rng.pick(['17:00', '17:30'])),
    endAt: chinaInstant(date, rng.pick(['19:30', '20:00'])),
    deadline: chinaInstant(addDays(date, -rng.int(1, 2)), '20:00'),
    capacity,
    taken: 0,
    status: 'published',
    createdAt,
    // Small banquets have few tables: the community confirms each household.
    visitorsNeedApproval: capacity <= 100,
  };
}
