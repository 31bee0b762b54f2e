import {
  DISH_KIND_LABELS,
  DISH_KINDS,
  EVENT_TYPE_LABELS,
  Roster,
  SIGN_UP_STATUS_LABELS,
  SignUp,
  SignUpKind,
  STALL_KIND_LABELS,
  STALL_KINDS,
} from '../../contract';
import { chinaDate, formatInChina } from '../../rules/china-time';
import { SheetSpec } from '../_shared/spreadsheet';

/** An event's roster as a workbook for the day: 花名册 (everyone signed up) and 汇总 (the totals, kind by kind). Pure. */

export const SIGN_UP_KIND_TEXT: Record<SignUpKind, string> = { visitor: '参观', stall: '摊位', household: '家庭' };

const chinaTime = (iso: string) => formatInChina(new Date(iso), 'YYYY-MM-DD HH:mm');

function bringing(s: SignUp): string {
  if (s.dish) return `${DISH_KIND_LABELS[s.dish.kind]}：${s.dish.name}`;
  if (s.stall) return `${STALL_KIND_LABELS[s.stall.kind]}：${s.stall.description}`;
  return '';
}

function statusText(s: SignUp): string {
  const label = SIGN_UP_STATUS_LABELS[s.status];
  return s.status === 'waitlisted' && s.waitlistPosition ? `${label}（第 ${s.waitlistPosition} 位）` : label;
}

/** `百家宴-<title>-<YYYY-MM-DD>.xlsx`, the title without what file systems refuse. */
export function rosterFileName(event: Roster['event']): string {
  // eslint-disable-next-line no-control-regex -- control characters are among what file systems refuse
  const title = event.title.replace(/[\\/:*?"<>|\u0000-\u001F\u007F]/g, '').trim() || '活动';
  return `${EVENT_TYPE_LABELS[event.type]}-${title}-${chinaDate(new Date(event.startAt))}.xlsx`;
}

export function rosterSheets(roster: Roster, exportedAt: Date): SheetSpec[] {
  const { event, totals, signUps } = roster;
  const banquet = event.type === 'banquet';
  const rows = signUps.map((s, i) => ({
    n: i + 1,
    name: s.name,
    phone: s.phone,
    kind: SIGN_UP_KIND_TEXT[s.kind],
    headcount: s.headcount,
    bringing: bringing(s),
    status: statusText(s),
    attended: s.status === 'attended' ? '是' : '否',
    createdAt: chinaTime(s.createdAt),
  }));
  const held = `有效报名 ${totals.signUps} 份${banquet ? '' : `，摊位 ${totals.stalls} 个`}`;
  const totalsRow = { n: '合计', headcount: totals.people, bringing: held, status: `候补 ${totals.waitlisted} 份`, attended: `已签到 ${totals.attended} 份` };
  const roll: SheetSpec = {
    name: '花名册',
    columns: [
      { header: '序号', key: 'n', width: 6 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '电话', key: 'phone', width: 14 },
      { header: '报名类型', key: 'kind', width: 10 },
      { header: '人数', key: 'headcount', width: 6 },
      { header: banquet ? '菜品' : '摊位', key: 'bringing', width: 36 },
      { header: '状态', key: 'status', width: 16 },
      { header: '签到', key: 'attended', width: 6 },
      { header: '报名时间', key: 'createdAt', width: 18 },
    ],
    freezeHeader: true,
    rows: [...rows, totalsRow],
    boldRows: [rows.length],
  };

  const kinds = banquet
    ? DISH_KINDS.map((k) => [k, DISH_KIND_LABELS[k], event.dishes?.[k]] as const)
    : STALL_KINDS.map((k) => [k, STALL_KIND_LABELS[k], event.stalls?.[k]] as const);
  const unit = banquet ? '道' : '个';
  const facts: Array<[string, string | number]> = [
    ['活动', event.title],
    ['类型', EVENT_TYPE_LABELS[event.type]],
    ['时间', `${chinaTime(event.startAt)} 至 ${chinaTime(event.endAt)}`],
    ['地点', event.place.address],
    ['名额（人）', event.capacity],
    ['报名人数（人）', totals.people],
    ['剩余名额（人）', event.placesLeft],
    ['有效报名（份）', totals.signUps],
    ...(banquet ? [] : [['摊位（个）', totals.stalls] as [string, number]]),
    ['候补（份）', totals.waitlisted],
    ['已签到（份）', totals.attended],
    ['导出时间', formatInChina(exportedAt, 'YYYY-MM-DD HH:mm')],
  ];
  const summaryRows: SheetSpec['rows'] = [
    ...facts.map(([item, value]) => ({ item, value })),
    {},
    // A second header, over the kinds' table.
    { item: banquet ? '菜品类别' : '摊位类别', value: `上限（${unit}）`, taken: `已报（${unit}）`, left: `剩余（${unit}）` },
    ...kinds.filter(([, , c]) => c && (c.cap > 0 || c.taken > 0)).map(([, label, c]) => ({ item: label, value: c!.cap, taken: c!.taken, left: c!.left })),
  ];
  const summary: SheetSpec = {
    name: '汇总',
    columns: [
      { header: '项目', key: 'item', width: 18 },
      { header: '内容', key: 'value', width: 36 },
      { header: '', key: 'taken', width: 10 },
      { header: '', key: 'left', width: 10 },
    ],
    rows: summaryRows,
    boldRows: [facts.length + 1],
  };
  return [roll, summary];
}
