import { z } from 'zod';
import { LngLat, NO_ROLES, OpeningException, OpeningHours, Recurrence, Roles, ServiceClass, StationLevel } from '../contract';
import {
  CommunityDoc,
  CompoundDoc,
  DistrictDoc,
  DOC_SCHEMAS,
  EventDoc,
  EventLedgerDoc,
  geoPointDoc,
  PlaceDoc,
  ScheduleDoc,
  SignUpDoc,
  StationDoc,
  StreetDoc,
  TeamDoc,
  UserDoc,
} from '../cloudfunctions/_shared/docs';
import { eventSignUps, ledgerDisagreement } from './event-signups';
import { addDays, chinaDate, chinaInstant, formatInChina, isoWeekday } from '../rules/china-time';
import { roleKindsOf } from '../rules/permissions';
import { mulberry32 } from './random';

/**
 * Demo data for Fushan District: streets, communities, stations, service teams with their fixed
 * service days, the coming month's 幸福集市 and 百家宴, and demo accounts. Deterministic: the same
 * `now` gives the same documents. Every document is validated against the stored-document schemas
 * (and its references checked) before anything is written, so demo data obeys what real data does.
 */

type Database = ReturnType<(typeof import('wx-server-sdk'))['database']>;

export interface DemoData {
  districts: DistrictDoc[];
  streets: StreetDoc[];
  communities: CommunityDoc[];
  compounds: CompoundDoc[];
  stations: StationDoc[];
  teams: TeamDoc[];
  events: EventDoc[];
  users: UserDoc[];
  event_ledgers: EventLedgerDoc[];
  sign_ups: SignUpDoc[];
}

/** The demo identities (OPENIDs). demo-admin is also the local cloud's bootstrap admin; demo-stranger has no profile. */
export const DEMO_OPENIDS = {
  resident: 'demo-resident',
  leader: 'demo-leader',
  staff: 'demo-staff',
  admin: 'demo-admin',
  stranger: 'demo-stranger',
} as const;

const SEED = 20240611;
const DAY_MS = 86_400_000;

// ---- reference data -----------------------------------------------------------------------------

interface StreetSeed {
  key: string;
  name: string;
  code: string;
  /** Rough centre of the street's built-up area (GCJ-02); the urban centre is near 37.50 N, 121.26 E. */
  centre: LngLat;
  roads: string[];
  communities: string[];
}

/** The district: Fushan, Yantai (administrative division code 370611). */
const DISTRICT = { code: '370611', name: '福山区' };

const STREETS: StreetSeed[] = [
  {
    key: 'qingyang',
    name: '清洋街道',
    code: '370611001',
    centre: { lng: 121.247, lat: 37.506 },
    roads: ['河滨路', '松山路', '清洋街', '福海路'],
    communities: ['清洋', '河滨', '汇福', '永福园', '松山', '福海', '聚福', '祥和', '金山', '福临', '柳子', '鸿福', '安康'],
  },
  {
    key: 'fuxin',
    name: '福新街道',
    code: '370611002',
    centre: { lng: 121.268, lat: 37.498 },
    roads: ['福新路', '永达街', '盛福大街', '振华街'],
    communities: ['福新', '盛福', '福惠', '富康', '明珠', '振华', '永达', '凤凰', '福泰', '和谐', '幸福里', '福瑞', '双福'],
  },
  {
    key: 'dongting',
    name: '东厅街道',
    code: '370611003',
    centre: { lng: 121.288, lat: 37.511 },
    roads: ['东华路', '福兴路', '学府路', '东厅大街'],
    communities: ['东厅', '丰华', '福祥', '东华', '锦绣', '学府', '东苑', '福润', '新华', '嘉和', '福兴', '瑞福', '东方'],
  },
  {
    key: 'menlou',
    name: '门楼街道',
    code: '370611004',
    centre: { lng: 121.238, lat: 37.481 },
    roads: ['门楼路', '德润路', '南山路', '青山路'],
    communities: ['门楼', '仉村', '福德', '沟里', '德润', '福苑', '荷花', '青山', '泉水', '福景', '福宁', '南山', '福安'],
  },
];

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
/** Names of compounds (小区): a first part and a kind, each community's drawn without repeats. */
const COMPOUND_NAME_PARTS = [
  '福海',
  '金都',
  '御景',
  '鸿福',
  '阳光',
  '翠湖',
  '福康',
  '明珠',
  '锦绣',
  '盛世',
  '松山',
  '河畔',
  '南山',
  '福泰',
  '学府',
  '山水',
  '丽景',
  '海韵',
  '银河',
  '紫金',
  '滨河',
  '和平',
  '振兴',
  '清泉',
  '桃源',
  '碧水',
  '枫林',
  '怡和',
  '嘉禾',
  '东方',
  '福临',
  '祥和',
];
const COMPOUND_KINDS = ['花园', '家园', '小区', '嘉园', '华庭', '苑', '新村', '雅居', '名苑', '公寓'];

/** Compound stations being refurbished: listed in the data, not shown to residents. */
const INACTIVE_COMPOUNDS = new Set(['盛世名门', '学府名邸']);

const TEAM_BRANDS = [
  '福老汇',
  '泉心为民',
  '暖阳',
  '邻里帮',
  '红心',
  '银龄',
  '巧手',
  '春风',
  '同心',
  '夕阳红',
  '爱心',
  '福满',
  '金秋',
  '阳光',
  '善行',
  '连心',
  '福星',
  '和美',
  '福韵',
  '向阳',
  '启明',
  '晨曦',
  '惠民',
  '彩虹',
];

interface ClassSeed {
  teams: number;
  suffixes: [string, string];
  services: string[];
  descriptions: string[];
  slotMinutes: number[];
  places: [number, number];
  approvalChance: number;
}

/** 206 teams across the eight classes. */
const CLASSES: Record<ServiceClass, ClassSeed> = {
  haircut: {
    teams: 30,
    suffixes: ['理发队', '义剪服务队'],
    services: ['理发', '修面', '上门理发', '儿童理发'],
    descriptions: ['每次固定服务日为居民免费理发，老人优先；行动不便的可以预约上门。', '退休理发师组成的义剪队，剪发、修面都不收钱，请提前预约时段。'],
    slotMinutes: [30],
    places: [3, 6],
    approvalChance: 0.05,
  },
  repair: {
    teams: 32,
    suffixes: ['维修队', '便民维修队'],
    services: ['家电维修', '水电维修', '磨剪刀', '修鞋', '修自行车', '配钥匙'],
    descriptions: ['小家电、水电、自行车都能修，只收材料费。请在预约时说明要修什么。', '社区能工巧匠组成的维修队，磨剪刀、修雨伞、换灯泡，随到随修。'],
    slotMinutes: [60],
    places: [4, 8],
    approvalChance: 0.05,
  },
  health: {
    teams: 30,
    suffixes: ['健康服务队', '义诊队'],
    services: ['量血压', '测血糖', '健康咨询', '中医理疗', '用药指导'],
    descriptions: ['社区卫生服务站医生每次固定服务日坐诊，量血压、测血糖、解答用药问题。', '中医义诊和理疗，请带上以往的病历和正在吃的药。'],
    slotMinutes: [30],
    places: [8, 20],
    approvalChance: 0.1,
  },
  legal: {
    teams: 20,
    suffixes: ['法律服务队', '法援志愿队'],
    services: ['法律咨询', '调解纠纷', '代写文书', '防范养老诈骗'],
    descriptions: ['律师志愿者一对一解答婚姻家庭、房屋租赁、劳动报酬等法律问题。', '邻里纠纷调解和法律咨询，涉及隐私的问题会单独接待。'],
    slotMinutes: [60],
    places: [2, 4],
    approvalChance: 0.5,
  },
  education: {
    teams: 24,
    suffixes: ['助学队', '暑期课堂'],
    services: ['作业辅导', '暑期托管', '书法', '科学实验', '阅读分享'],
    descriptions: ['大学生和退休教师志愿者辅导中小学生作业，寒暑假开设托管班。', '四点半课堂：放学后到社区做作业、读书，有老师看护。'],
    slotMinutes: [90, 120],
    places: [15, 30],
    approvalChance: 0.4,
  },
  culture: {
    teams: 30,
    suffixes: ['文艺队', '书画社'],
    services: ['合唱', '广场舞', '书法', '剪纸', '京剧', '太极拳'],
    descriptions: ['合唱、广场舞、京剧都有，零基础也欢迎，来了就教。', '书法、国画、剪纸兴趣班，笔墨纸张由社区提供。'],
    slotMinutes: [90, 120],
    places: [20, 50],
    approvalChance: 0.1,
  },
  science: {
    teams: 18,
    suffixes: ['科普队', '科普宣讲团'],
    services: ['防诈骗宣传', '急救培训', '垃圾分类', '智能手机教学'],
    descriptions: ['教老人用智能手机：连WiFi、视频通话、扫码乘车、网上挂号，一人一机手把手教。', '急救知识（心肺复苏、AED 使用）和防诈骗讲座，讲完现场答疑。'],
    slotMinutes: [60],
    places: [20, 60],
    approvalChance: 0.05,
  },
  other: {
    teams: 22,
    suffixes: ['志愿服务队', '助老服务队'],
    services: ['助餐', '陪伴聊天', '代买代办', '环境清扫', '助浴'],
    descriptions: ['为独居和高龄老人送餐、陪聊、代买药品，需要上门的请预约。', '楼道清扫、环境整治和邻里互助，欢迎居民一起参加。'],
    slotMinutes: [60],
    places: [5, 15],
    approvalChance: 0.2,
  },
};

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '胡',
  '朱',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
];
const GIVEN_NAMES = [
  '秀兰',
  '桂英',
  '建国',
  '国强',
  '海燕',
  '志刚',
  '玉梅',
  '红梅',
  '春生',
  '德明',
  '丽娟',
  '淑珍',
  '立新',
  '永胜',
  '卫东',
  '金凤',
  '文华',
  '晓东',
  '明亮',
  '慧敏',
];

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

// ---- helpers --------------------------------------------------------------------------------------

interface Rng {
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  shuffle<T>(items: readonly T[]): T[];
  sample<T>(items: readonly T[], count: number): T[];
  /** A point within `metres` of `centre`, rounded to ~0.1 m. */
  near(centre: LngLat, metres: number): LngLat;
  /** A point `metres` from `centre` in a random direction, rounded to ~0.1 m. */
  around(centre: LngLat, metres: number): LngLat;
}

const METRES_PER_DEGREE = 111_320;

function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    sample: (items, count) => rng.shuffle(items).slice(0, count),
    near(centre, metres) {
      const lat = centre.lat + ((next() * 2 - 1) * metres) / METRES_PER_DEGREE;
      const lng = centre.lng + ((next() * 2 - 1) * metres) / (METRES_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
      return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
    },
    around(centre, metres) {
      const bearing = next() * 2 * Math.PI;
      const lat = centre.lat + (Math.cos(bearing) * metres) / METRES_PER_DEGREE;
      const lng = centre.lng + (Math.sin(bearing) * metres) / (METRES_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
      return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
    },
  };
  return rng;
}

function clockPlus(time: string, minutes: number): string {
  const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

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

// ---- the generator -------------------------------------------------------------------------------

export function generateDemoData(now: Date): DemoData {
  const rng = makeRng(SEED);
  const today = chinaDate(now);
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

  // The district is data like everything under it: its name comes from here, nowhere else.
  const district: DistrictDoc = { _id: `district-${DISTRICT.code}`, code: DISTRICT.code, name: DISTRICT.name, active: true };
  const streets: StreetDoc[] = STREETS.map((s) => ({ _id: `street-${s.code}`, code: s.code, name: s.name, districtId: district._id, active: true }));

  const communities: CommunityDoc[] = [];
  const roadOf = new Map<string, string[]>();
  STREETS.forEach((street, streetIndex) => {
    street.communities.forEach((name, i) => {
      const code = `${street.code}${String(i + 1).padStart(3, '0')}`;
      const id = `community-${code}`;
      roadOf.set(id, street.roads);
      communities.push({
        _id: id,
        code,
        name: `${name}社区`,
        streetId: streets[streetIndex]._id,
        location: geoPointDoc(rng.near(street.centre, 1400)),
        households: rng.int(8, 40) * 100,
        active: true,
      });
    });
  });
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
      address: address(roadOf.get(community._id)!),
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
      address: `${address(roadOf.get(community._id)!)}${compound}`,
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

  // Teams: shuffled classes dealt round the communities, so each has three or four.
  const classes = rng.shuffle((Object.keys(CLASSES) as ServiceClass[]).flatMap((c) => Array<ServiceClass>(CLASSES[c].teams).fill(c)));
  const namesByClass = new Map<ServiceClass, string[]>(
    (Object.keys(CLASSES) as ServiceClass[]).map((c) => [c, rng.shuffle(TEAM_BRANDS.flatMap((brand) => CLASSES[c].suffixes.map((suffix) => brand + suffix)))]),
  );
  const teams: TeamDoc[] = classes.map((serviceClass, i) => {
    const community = communities[i % communities.length];
    const seed = CLASSES[serviceClass];
    const createdAt = daysAgo(rng.int(60, 400));
    return {
      _id: `team-${String(i + 1).padStart(3, '0')}`,
      name: namesByClass.get(serviceClass)!.pop()!,
      serviceClass,
      communityId: community._id,
      description: rng.pick(seed.descriptions),
      services: [seed.services[0], ...rng.sample(seed.services.slice(1), rng.int(1, 3))],
      // The district's list names each team's leader and phone; the accounts come by invitation.
      leaders: [{ name: personName(rng), openid: null, phone: `1390535${String(i + 1).padStart(4, '0')}` }],
      contactPhone: `0535-64${String(i + 1).padStart(5, '0')}`,
      active: true,
      schedule: rng.chance(0.9) ? schedule(rng, seed, serviceClass, today, communityStation.get(community._id)!, community) : null,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + rng.int(0, Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS)) * DAY_MS),
    };
  });

  // Events: for each community this month's 幸福集市 and 百家宴 on weekends in the next four weeks,
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
    addEvent(market(rng, community, station, pastDate, new Date(chinaInstant(pastDate, '08:00').getTime() - 14 * DAY_MS), 'published'));
    // Rained off and moved: the first community of each street has a cancelled 集市 as well.
    if (i % 13 === 0) {
      addEvent(market(rng, community, station, rng.pick(comingWeekends.filter((d) => d !== marketDate)), daysAgo(rng.int(11, 20)), 'cancelled'));
    }
  });

  // Demo accounts, all in the first community so they meet each other's data.
  const home = communities[0];
  const ledTeam = teams.find((t) => t.communityId === home._id && t.schedule !== null)!;
  const leaderName = ledTeam.leaders[0].name;
  ledTeam.leaders = [{ name: leaderName, openid: DEMO_OPENIDS.leader, phone: '13805351002' }];
  const user = (openid: string, name: string, phoneNumber: string, roles: Roles, communityId: string | null): UserDoc => ({
    _id: openid,
    name,
    phone: phoneNumber,
    phoneLast4: phoneNumber.slice(-4),
    communityId,
    roles,
    roleKinds: roleKindsOf(roles),
    createdAt: daysAgo(30),
    updatedAt: daysAgo(3),
  });
  const users: UserDoc[] = [
    user(DEMO_OPENIDS.resident, '王秀兰', '13805351001', NO_ROLES, home._id),
    user(DEMO_OPENIDS.leader, leaderName, '13805351002', { ...NO_ROLES, leaderOf: [ledTeam._id] }, home._id),
    user(DEMO_OPENIDS.staff, '李娜', '13805351003', { ...NO_ROLES, staffOf: [home._id] }, home._id),
    user(DEMO_OPENIDS.admin, '赵建国', '13805351004', { ...NO_ROLES, admin: true }, null),
  ];

  // Stall and dish kinds on every event, neighbours signed up for the coming ones; from a stream of
  // its own, so that sign-ups change no other generated value.
  const signUpRng = makeRng(SEED + 2);
  const staffOf = (community: CommunityDoc) =>
    community._id === home._id ? { openid: DEMO_OPENIDS.staff, name: '李娜' } : { openid: `staff-${community.code}`, name: '社区工作者' };
  const signedUp = eventSignUps(events, communities, now, signUpRng, () => personName(signUpRng), staffOf);

  return {
    districts: [district],
    streets,
    communities,
    compounds: compoundsOf(communities),
    stations,
    teams,
    events: signedUp.events,
    users,
    event_ledgers: signedUp.event_ledgers,
    sign_ups: signedUp.sign_ups,
  };
}

/**
 * Each community's households live in 3–8 compounds of 150–1,200 households that add up to about the
 * community's, scattered 100–1,500 m from its centre: near ones inside the community station's 15-minute
 * circle, far ones outside it. A generator of its own keeps the other demo data as it was.
 */
function compoundsOf(communities: CommunityDoc[]): CompoundDoc[] {
  const rng = makeRng(SEED + 1);
  return communities.flatMap((community) => {
    const count = rng.int(Math.max(3, Math.ceil(community.households / 900)), Math.max(3, Math.min(8, Math.floor(community.households / 220))));
    const weights = Array.from({ length: count }, () => rng.int(7, 13));
    const total = weights.reduce((sum, w) => sum + w, 0);
    const names = rng.sample(COMPOUND_NAME_PARTS, count);
    return weights.map((weight, i) => ({
      _id: `compound-${community.code}-${i + 1}`,
      name: `${names[i]}${rng.pick(COMPOUND_KINDS)}`,
      communityId: community._id,
      streetId: community.streetId,
      location: geoPointDoc(rng.around(toPosition(community), rng.int(100, 1500))),
      households: Math.min(1200, Math.max(150, Math.round((community.households * weight) / total))),
      active: true,
    }));
  });
}

function toPosition(community: CommunityDoc): LngLat {
  return { lng: community.location.coordinates[0], lat: community.location.coordinates[1] };
}

function weekendDates(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) if (isoWeekday(date) >= 6) dates.push(date);
  return dates;
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

function schedule(rng: Rng, seed: ClassSeed, serviceClass: ServiceClass, today: string, station: StationDoc, community: CommunityDoc): ScheduleDoc {
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

// ---- validation and writing ----------------------------------------------------------------------

/**
 * Every document against its collection's schema, and every reference to another document resolved.
 * Throws on the first problem, naming the document.
 */
export function validateDemoData(data: DemoData): DemoData {
  const parseAll = <T>(collection: keyof DemoData, schema: z.ZodType<T>, docs: unknown[]): T[] =>
    docs.map((doc) => {
      const parsed = schema.safeParse(doc);
      if (!parsed.success) throw new Error(`${collection} ${(doc as { _id?: string })._id}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
  const valid: DemoData = {
    districts: parseAll('districts', DOC_SCHEMAS.districts, data.districts),
    streets: parseAll('streets', DOC_SCHEMAS.streets, data.streets),
    communities: parseAll('communities', DOC_SCHEMAS.communities, data.communities),
    compounds: parseAll('compounds', DOC_SCHEMAS.compounds, data.compounds),
    stations: parseAll('stations', DOC_SCHEMAS.stations, data.stations),
    teams: parseAll('teams', DOC_SCHEMAS.teams, data.teams),
    events: parseAll('events', DOC_SCHEMAS.events, data.events),
    users: parseAll('users', DOC_SCHEMAS.users, data.users),
    event_ledgers: parseAll('event_ledgers', DOC_SCHEMAS.event_ledgers, data.event_ledgers),
    sign_ups: parseAll('sign_ups', DOC_SCHEMAS.sign_ups, data.sign_ups),
  };
  const ids = (docs: Array<{ _id: string }>) => new Set(docs.map((d) => d._id));
  const districtIds = ids(valid.districts);
  const streetIds = ids(valid.streets);
  const communityIds = ids(valid.communities);
  const stationIds = ids(valid.stations);
  const teamIds = ids(valid.teams);
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`dangling reference: ${what}`);
  };
  for (const [name, docs] of Object.entries(valid) as Array<[string, Array<{ _id: string }>]>) {
    check(ids(docs).size === docs.length, `${name} has duplicate ids`);
  }
  for (const s of valid.streets) check(districtIds.has(s.districtId), `street ${s._id} → district ${s.districtId}`);
  for (const c of valid.communities) check(streetIds.has(c.streetId), `community ${c._id} → street ${c.streetId}`);
  for (const c of valid.compounds) {
    const community = valid.communities.find((x) => x._id === c.communityId);
    check(community?.streetId === c.streetId, `compound ${c._id} → community ${c.communityId} in street ${c.streetId}`);
  }
  for (const s of valid.stations) {
    check(streetIds.has(s.streetId), `station ${s._id} → street ${s.streetId}`);
    check(s.communityId === null || communityIds.has(s.communityId), `station ${s._id} → community ${s.communityId}`);
  }
  for (const t of valid.teams) {
    check(communityIds.has(t.communityId), `team ${t._id} → community ${t.communityId}`);
    const stationId = t.schedule?.place.stationId;
    check(!stationId || stationIds.has(stationId), `team ${t._id} → station ${stationId}`);
  }
  for (const e of valid.events) {
    check(communityIds.has(e.communityId), `event ${e._id} → community ${e.communityId}`);
    check(!e.place.stationId || stationIds.has(e.place.stationId), `event ${e._id} → station ${e.place.stationId}`);
  }
  const eventsById = new Map(valid.events.map((e) => [e._id, e]));
  for (const s of valid.sign_ups) {
    const event = eventsById.get(s.eventId);
    check(event?.communityId === s.communityId && event.type === s.eventType, `sign-up ${s._id} → event ${s.eventId}`);
  }
  check(new Set(valid.sign_ups.map((s) => s.entryCode)).size === valid.sign_ups.length, 'sign-ups share an entry code');
  for (const ledger of valid.event_ledgers) {
    const event = eventsById.get(ledger._id);
    check(Boolean(event), `event ledger ${ledger._id} → event`);
    const wrong = ledgerDisagreement(
      event!,
      ledger,
      valid.sign_ups.filter((s) => s.eventId === ledger._id),
    );
    if (wrong) throw new Error(`event ledger ${ledger._id} disagrees with its sign-ups: ${wrong}`);
  }
  for (const u of valid.users) {
    for (const communityId of [u.communityId, ...u.roles.staffOf])
      check(!communityId || communityIds.has(communityId), `user ${u._id} → community ${communityId}`);
    for (const teamId of u.roles.leaderOf) check(teamIds.has(teamId), `user ${u._id} → team ${teamId}`);
  }
  // A team's leader accounts and the accounts' teams name each other.
  for (const t of valid.teams) {
    for (const { openid } of t.leaders) {
      if (openid === null) continue;
      check(
        valid.users.some((u) => u._id === openid && u.roles.leaderOf.includes(t._id)),
        `team ${t._id} → leader ${openid}`,
      );
    }
  }
  for (const u of valid.users) {
    for (const teamId of u.roles.leaderOf) {
      check(
        valid.teams.some((t) => t._id === teamId && t.leaders.some((leader) => leader.openid === u._id)),
        `user ${u._id} is not team ${teamId}'s leader`,
      );
    }
  }
  return valid;
}

/** The database takes at most this many documents per `add()`. */
const ADD_BATCH = 500;

/** Turns every GeoJSON point of a document into the SDK's `db.Geo.Point`, as positions are written. */
function withSdkGeoPoints(value: unknown, db: Database): unknown {
  if (Array.isArray(value)) return value.map((item) => withSdkGeoPoints(item, db));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const record = value as Record<string, unknown>;
  if (record.type === 'Point' && Array.isArray(record.coordinates)) {
    const [lng, lat] = record.coordinates as [number, number];
    return db.Geo.Point(lng, lat);
  }
  return Object.fromEntries(Object.entries(record).map(([key, field]) => [key, withSdkGeoPoints(field, db)]));
}

/** Generates, validates and writes the demo data; answers how many documents each collection got. */
export async function seedDemoData(db: Database, now: Date): Promise<Record<keyof DemoData, number>> {
  const data = validateDemoData(generateDemoData(now));
  const written = {} as Record<keyof DemoData, number>;
  for (const collection of Object.keys(data) as Array<keyof DemoData>) {
    const docs = data[collection].map((doc) => withSdkGeoPoints(doc, db) as object);
    for (let i = 0; i < docs.length; i += ADD_BATCH) {
      await db.collection(collection).add({ data: docs.slice(i, i + ADD_BATCH) as never });
    }
    written[collection] = docs.length;
  }
  return written;
}
