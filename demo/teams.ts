import { ServiceClass } from '../contract';
import { CommunityDoc, StationDoc, TeamDoc } from '../cloudfunctions/_shared/docs';
import { personName } from './people';
import { Rng } from './random';
import { schedule } from './schedules';

/** The demo district's 206 service teams: what each class of team offers, their names, and their fixed service days. */

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

export interface ClassSeed {
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

/** `daysAgo` gives the instant that many days before the generator's now. */
export function teamsOf(
  rng: Rng,
  communities: CommunityDoc[],
  communityStation: Map<string, StationDoc>,
  today: string,
  daysAgo: (days: number) => Date,
): TeamDoc[] {
  // Teams: shuffled classes dealt round the communities, so each has three or four.
  const classes = rng.shuffle((Object.keys(CLASSES) as ServiceClass[]).flatMap((c) => Array<ServiceClass>(CLASSES[c].teams).fill(c)));
  const namesByClass = new Map<ServiceClass, string[]>(
    (Object.keys(CLASSES) as ServiceClass[]).map((c) => [c, rng.shuffle(TEAM_BRANDS.flatMap((brand) => CLASSES[c].suffixes.map((suffix) => brand + suffix)))]),
  );
  return classes.map((serviceClass, i) => {
    const community = communities[i % communities.length];
    const seed = CLASSES[serviceClass];
    const age = rng.int(60, 400);
    const createdAt = daysAgo(age);
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
      updatedAt: daysAgo(age - rng.int(0, age)),
    };
  });
}
