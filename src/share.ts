import type { DayView, EventDetail, Schedule, TeamDetail } from '../contract';
import { momentWords, slotWords } from '../rules/words';
import { describeRecurrence } from './format';

/**
 * What a page shares to a chat (title and path) or to 朋友圈 (title and the query of the same page):
 * the receiver opens the page the sender is looking at, with the same parameters. Pure: the pages pass
 * the data they loaded.
 */
export interface Share {
  title: string;
  /** The page with its query, from the root: what 发送给朋友 opens. */
  path: string;
  /** The query alone: 朋友圈 opens the page it was shared from with it. */
  query: string;
}

function share(title: string, page: string, params: Record<string, string>): Share {
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return { title, path: `/${page}?${query}`, query };
}

/** "福山义诊队 · 固定服务日 每周二、周六"; a team without a schedule is shared by its name. */
export function shareTeam(team: Pick<TeamDetail, 'id' | 'name'> & { schedule: Pick<Schedule, 'recurrence'> | null }): Share {
  const title = team.schedule ? `${team.name} · 固定服务日 ${describeRecurrence(team.schedule.recurrence)}` : team.name;
  return share(title, 'pages/service/team', { id: team.id });
}

/** "福山义诊队 服务日 · 12月7日 周一 上午9:00–11:30" (the messages' words: rules/words.ts) */
export function shareDay(day: Pick<DayView, 'teamId' | 'teamName' | 'occurrence'>): Share {
  return share(`${day.teamName} 服务日 · ${slotWords(day.occurrence.date, day.occurrence.startTime, day.occurrence.endTime)}`, 'pages/service/day', {
    teamId: day.teamId,
    date: day.occurrence.date,
  });
}

/** "幸福集市 · 12月7日 周一 上午9:00" (China time). */
export function shareEvent(event: Pick<EventDetail, 'id' | 'title' | 'startAt'>): Share {
  return share(`${event.title} · ${momentWords(new Date(event.startAt))}`, 'pages/events/detail', { id: event.id });
}
