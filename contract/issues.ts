import type { z } from 'zod';

/**
 * Refused input in words a resident understands. zod's own messages are English ("Invalid input:
 * expected string…"); the contract's hand-written ones are Chinese and win. Everything else is worded
 * here, once, naming the field by its Chinese name. The English detail belongs in logs only.
 */

/** The Chinese name of every field an action takes, by its key. */
export const FIELD_LABELS: Record<string, string> = {
  active: '是否启用',
  address: '地址',
  approve: '审核结果',
  bookingId: '预约',
  bookingIds: '预约',
  cancelHoursBefore: '可取消时间',
  capacity: '名额',
  close: '结束时间',
  closesHoursBefore: '截止时间',
  code: '签到码',
  grant: '角色',
  communityId: '社区',
  homeCommunityId: '我的社区',
  cursor: '翻页位置',
  date: '日期',
  day: '日期',
  deadline: '报名截止时间',
  description: '说明',
  dish: '菜品',
  dishCaps: '菜品数量',
  endAt: '结束时间',
  endTime: '结束时间',
  eventId: '活动',
  exceptions: '特别安排',
  from: '起点',
  headcount: '人数',
  ids: '编号',
  includeInactive: '是否包括已停用',
  joinWaitlist: '是否候补',
  keyword: '搜索词',
  kind: '类别',
  lat: '纬度',
  level: '级别',
  lng: '经度',
  location: '位置',
  position: '位置',
  maxHeadcount: '每户人数上限',
  month: '月份',
  name: '名称',
  needsApproval: '是否需要审核',
  note: '备注',
  nth: '第几个',
  open: '开始时间',
  openid: '用户',
  openingHours: '开放时间',
  opensDaysBefore: '开放预约时间',
  pageSize: '每页条数',
  periods: '时段',
  phone: '手机号',
  place: '地点',
  placesPerSlot: '每个时段的名额',
  reason: '原因',
  recurrence: '重复方式',
  role: '身份',
  schedule: '服务安排',
  scope: '范围',
  service: '服务',
  serviceClass: '服务类别',
  services: '服务项目',
  signUpId: '报名',
  slotMinutes: '每个时段的时长',
  stall: '摊位',
  stallCaps: '摊位数量',
  startAt: '开始时间',
  startTime: '开始时间',
  state: '状态',
  stationId: '服务站',
  streetId: '街道',
  subscribe: '是否接收提醒',
  teamId: '服务队',
  title: '标题',
  to: '新的时间',
  type: '类型',
  validFrom: '生效日期',
  validUntil: '截止日期',
  visitorsNeedApproval: '是否需要审核',
  weekday: '星期',
  weekdays: '星期',
  weeklyLimit: '每周预约次数',
  setupCode: '设置码',
  actor: '操作人',
  compoundId: '小区',
  contactPhone: '联系电话',
  districtId: '区',
  households: '户数',
  leaders: '队长',
  target: '对象',
  importId: '导入',
  fileID: '文件',
  fileName: '文件名',
  fate: '结果',
  validOnly: '只导入正确的行',
  inviteCode: '邀请码',
  invitationId: '邀请',
  validDays: '有效天数',
  maxUses: '可用次数',
};

const CHINESE = /[\u4e00-\u9fff]/;

/** The field an issue is about, in Chinese: the nearest named key of its path. */
function labelOf(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string') return FIELD_LABELS[key] ?? '填写的内容';
  }
  return '提交的内容';
}

/** One issue in words (parse with `{ reportInput: true }`, so that a missing field tells from a wrong one). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (CHINESE.test(issue.message)) return issue.message;
  const label = labelOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `请填写${label}` : `${label}的格式不对`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `请填写${label}` : `${label}至少 ${issue.minimum} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}至少选 ${issue.minimum} 项`;
      return `${label}不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `${label}最多 ${issue.maximum} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}最多 ${issue.maximum} 项`;
      return `${label}不能大于 ${issue.maximum}`;
    case 'unrecognized_keys':
      return '提交的内容里有多余的项目，请更新小程序后再试';
    case 'invalid_value':
      return `${label}不在可选的范围内`;
    default:
      return `${label}的格式不对`;
  }
}

/** The first problem of a refused input, in Chinese. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? describeIssue(first) : '填写的信息有误，请检查后再试';
}
