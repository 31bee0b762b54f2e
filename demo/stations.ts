import { OpeningException, OpeningHours, StationLevel } from '../contract';
import { geoPointDoc, StationDoc } from '../cloudfunctions/_shared/docs';
import { Rng } from './random';
import { Registry, STREETS, toPosition } from './registry';

/** The demo district's party-and-masses service stations: one centre for the district, one per street and community, and 16 in compounds. */

/** Compounds (小区) with a station of their own. */
const COMPOUNDS = [
  '福海花园',
  '金都华庭',
  '御景苑',
  '鸿福家园',
  '阳光嘉园',
  '翠湖小区',
  '福康小区',
  '明珠苑',
  '锦绣华城',
  '盛世名门',
  '幸福佳苑',
  '松山雅居',
  '河畔人家',
  '南山丽景',
  '福泰园',
  '学府名邸',
];

/** Compound stations being refurbished: listed in the data, not shown to residents. */
const INACTIVE_COMPOUNDS = new Set(['盛世名门', '学府名邸']);

const STATION_SERVICES: Record<StationLevel, string[]> = {
  district: ['党员活动', '政务咨询', '法律咨询', '图书', '健康咨询', '就业指导', '志愿者招募'],
  street: ['党员活动', '政务代办', '法律咨询', '图书', '助餐', '健康咨询'],
  community: ['理发', '法律咨询', '图书', '党员活动', '健康咨询', '助餐', '四点半课堂', '矛盾调解', '快递代收'],
  compound: ['图书', '党员活动', '健康咨询', '助餐', '快递代收', '理发', '便民维修'],
};

/**
 * Holidays ahead in China time: 元旦 and 春节 2027 (除夕 falls on 5 February). The State Council publishes
 * the exact days off late in the year before; these follow its usual pattern. Offices close for the
 * holidays and open a half day on 除夕; compound stations, open every day, close only on 初一.
 */
const OFFICE_EXCEPTIONS: OpeningException[] = [
  { date: '2027-01-01', periods: [], note: '元旦' },
  { date: '2027-02-05', periods: [{ open: '09:00', close: '12:00' }], note: '除夕' },
  ...['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((date) => ({ date, periods: [], note: '春节' })),
];
const COMPOUND_EXCEPTIONS: OpeningException[] = [
  { date: '2027-02-05', periods: [{ open: '08:00', close: '15:00' }], note: '除夕' },
  { date: '2027-02-06', periods: [], note: '春节' },
];

function phone(rng: Rng): string {
  return `0535-63${String(rng.int(0, 99_999)).padStart(5, '0')}`;
}

const WORKING_DAYS = ['1', '2', '3', '4', '5'] as const;
const ALL_DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Opening hours for every weekday; a day with no periods is closed (all seven are written out). */
function openingHours(periodsByDay: Partial<Record<(typeof ALL_DAYS)[number], Array<[string, string]>>>): OpeningHours {
  return Object.fromEntries(ALL_DAYS.map((day) => [day, (periodsByDay[day] ?? []).map(([open, close]) => ({ open, close }))])) as OpeningHours;
}

function everyDay(
  days: readonly (typeof ALL_DAYS)[number][],
  periods: Array<[string, string]>,
): Partial<Record<(typeof ALL_DAYS)[number], Array<[string, string]>>> {
  return Object.fromEntries(days.map((day) => [day, periods]));
}

export interface Stations {
  stations: StationDoc[];
  /** Each community's station, by community id. */
  communityStation: Map<string, StationDoc>;
}

export function stationsOf(rng: Rng, { district, streets, communities, roadsOf }: Registry): Stations {
  const address = (communityOrStreetRoads: string[]) => `${district.name}${rng.pick(communityOrStreetRoads)}${rng.int(1, 300)}号`;

  // Stations: one district centre, one per street, one per community, and compound stations.
  const stations: StationDoc[] = [];
  const officeHours = openingHours({
    ...everyDay(WORKING_DAYS, [
      ['08:30', '12:00'],
      ['13:30', '17:30'],
    ]),
    '6': [['09:00', '12:00']],
  });
  stations.push({
    _id: 'station-district',
    name: `${district.name}党群服务中心`,
    level: 'district',
    streetId: streets[0]._id,
    communityId: null,
    address: `${district.name}福海路146号`,
    location: geoPointDoc(rng.near({ lng: 121.26, lat: 37.5 }, 300)),
    phone: '0535-6352100',
    services: STATION_SERVICES.district,
    openingHours: officeHours,
    exceptions: OFFICE_EXCEPTIONS,
    active: true,
  });
  STREETS.forEach((street, i) => {
    stations.push({
      _id: `station-street-${street.code}`,
      name: `${street.name}党群服务中心`,
      level: 'street',
      streetId: streets[i]._id,
      communityId: null,
      address: address(street.roads),
      location: geoPointDoc(rng.near(street.centre, 400)),
      phone: phone(rng),
      services: STATION_SERVICES.street,
      openingHours: officeHours,
      exceptions: OFFICE_EXCEPTIONS,
      active: true,
    });
  });
  const communityStation = new Map<string, StationDoc>();
  for (const community of communities) {
    const station: StationDoc = {
      _id: `station-community-${community.code}`,
      name: `${community.name}党群服务站`,
      level: 'community',
      streetId: community.streetId,
      communityId: community._id,
      address: address(roadsOf.get(community._id)!),
      location: geoPointDoc(rng.near(toPosition(community), 150)),
      phone: phone(rng),
      services: rng.sample(STATION_SERVICES.community, rng.int(4, 6)),
      openingHours: openingHours({
        ...everyDay(WORKING_DAYS, [
          ['08:30', '11:30'],
          ['13:30', '17:30'],
        ]),
        ...(rng.chance(0.5) ? { '6': [['09:00', '11:30']] as Array<[string, string]> } : {}),
      }),
      exceptions: OFFICE_EXCEPTIONS,
      active: true,
    };
    communityStation.set(community._id, station);
    stations.push(station);
  }
  const compoundCommunities = rng.sample(communities, COMPOUNDS.length);
  COMPOUNDS.forEach((compound, i) => {
    const community = compoundCommunities[i];
    stations.push({
      _id: `station-compound-${String(i + 1).padStart(2, '0')}`,
      name: `${compound}党群服务站`,
      level: 'compound',
      streetId: community.streetId,
      communityId: community._id,
      address: `${address(roadsOf.get(community._id)!)}${compound}`,
      location: geoPointDoc(rng.near(toPosition(community), 600)),
      phone: phone(rng),
      services: rng.sample(STATION_SERVICES.compound, rng.int(3, 4)),
      openingHours: openingHours(
        rng.chance(0.5)
          ? everyDay(ALL_DAYS, [['08:00', '20:00']])
          : everyDay(ALL_DAYS, [
              ['09:00', '12:00'],
              ['14:00', '20:00'],
            ]),
      ),
      exceptions: COMPOUND_EXCEPTIONS,
      active: !INACTIVE_COMPOUNDS.has(compound),
    });
  });
  return { stations, communityStation };
}
