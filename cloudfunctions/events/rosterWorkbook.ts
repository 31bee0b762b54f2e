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
import { SheetSpec } from '../_shared/xlsx';

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
  const header = ['序号', '姓名', '电话', '报名类型', '人数', banquet ? '菜品' : '摊位', '状态', '签到', '报名时间'];
  const rows = signUps.map((s, i) => ({
    cells: [
      i + 1,
      s.name,
      s.phone,
      SIGN_UP_KIND_TEXT[s.kind],
      s.headcount,
      bringing(s),
      statusText(s),
      s.status === 'attended' ? '是' : '否',
      chinaTime(s.createdAt),
    ],
  }));
  const held = `有效报名 ${totals.signUps} 份${banquet ? '' : `，摊位 ${totals.stalls} 个`}`;
  const totalsRow = { bold: true, cells: ['合计', '', '', '', totals.people, held, `候补 ${totals.waitlisted} 份`, `已签到 ${totals.attended} 份`, ''] };
  const roll: SheetSpec = {
    name: '花名册',
    widths: [6, 12, 14, 10, 6, 36, 16, 6, 18],
    frozenRows: 1,
    rows: [{ bold: true, cells: header }, ...rows, totalsRow],
  };

  const kinds = banquet
    ? DISH_KINDS.map((k) => [k, DISH_KIND_LABELS[k], event.dishes?.[k]] as const)
    : STALL_KINDS.map((k) => [k, STALL_KIND_LABELS[k], event.stalls?.[k]] as const);
  const unit = banquet ? '道' : '个';
  const summary: SheetSpec = {
    name: '汇总',
    widths: [18, 36, 10, 10],
    rows: [
      { bold: true, cells: ['项目', '内容'] },
      { cells: ['活动', event.title] },
      { cells: ['类型', EVENT_TYPE_LABELS[event.type]] },
      { cells: ['时间', `${chinaTime(event.startAt)} 至 ${chinaTime(event.endAt)}`] },
      { cells: ['地点', event.place.address] },
      { cells: ['名额（人）', event.capacity] },
      { cells: ['报名人数（人）', totals.people] },
      { cells: ['剩余名额（人）', event.placesLeft] },
      { cells: ['有效报名（份）', totals.signUps] },
      ...(banquet ? [] : [{ cells: ['摊位（个）', totals.stalls] }]),
      { cells: ['候补（份）', totals.waitlisted] },
      { cells: ['已签到（份）', totals.attended] },
      { cells: ['导出时间', formatInChina(exportedAt, 'YYYY-MM-DD HH:mm')] },
      { cells: [] },
      { bold: true, cells: [banquet ? '菜品类别' : '摊位类别', `上限（${unit}）`, `已报（${unit}）`, `剩余（${unit}）`] },
      ...kinds.filter(([, , c]) => c && (c.cap > 0 || c.taken > 0)).map(([, label, c]) => ({ cells: [label, c!.cap, c!.taken, c!.left] })),
    ],
  };
  return [roll, summary];
}
