/**
 * The app's words for its things, one word per concept: pages, components and the functions' messages
 * say these and never the words in `not` (test/contract/glossary.test.ts holds the sources to it, and
 * docs/GLOSSARY.md is this table).
 */
export interface Term {
  /** The one word residents read. */
  word: string;
  /** What it names, in English, for the people who write the app. */
  means: string;
  /** Words for the same thing that the app does not use. */
  not: readonly string[];
}

export const GLOSSARY = {
  team: { word: '服务队', means: 'A volunteer service team (haircuts, repairs, health checks…) of a community, led by its 队长', not: [] },
  leader: { word: '队长', means: "A team's leader: keeps its schedule, its day's list and check-in", not: ['负责人'] },
  schedule: { word: '固定服务日', means: "A team's recurring day and hours, e.g. every Saturday morning", not: [] },
  serviceDay: { word: '服务日', means: 'One date a team serves on, with its time slots', not: ['服务时段日'] },
  booking: { word: '预约', means: "A resident's place in a slot of a service day", not: ['排号'] },
  event: { word: '活动', means: "A community's 幸福集市 or 百家宴", not: [] },
  signUp: { word: '报名', means: 'Taking part in an event: as visitors, a stall or a household with a dish', not: ['预订'] },
  waitlist: { word: '候补', means: 'Waiting for a place that frees up, in order', not: ['等候名单', '候补名单'] },
  checkInCode: {
    word: '签到码',
    means: 'The code and QR code a confirmed booking or sign-up shows; the leader or staff scan it to check the person in',
    not: ['入场码', '报名码', '核销码'],
  },
  station: { word: '服务站', means: 'A party-and-mass service station (党群服务站 in its full name) residents can walk to', not: ['服务点', '驿站'] },
  organiser: { word: '主办方', means: "Whoever runs an event (its community's staff); residents call its phone", not: ['组织者', '举办方'] },
  community: { word: '社区', means: 'A residents’ community under a street (街道), with its compounds (小区)', not: [] },
  elderMode: { word: '长辈模式', means: 'The larger-text, larger-target display for elderly residents', not: ['老年模式', '长者模式', '大字模式'] },
} as const satisfies Record<string, Term>;

/** docs/GLOSSARY.md's table, from the module. */
export function glossaryTable(): string {
  const rows = Object.values(GLOSSARY as Record<string, Term>).map((t) => `| ${t.word} | ${t.means} | ${t.not.join('、') || '—'} |`);
  return ['| word | what it names | not |', '| --- | --- | --- |', ...rows].join('\n');
}
