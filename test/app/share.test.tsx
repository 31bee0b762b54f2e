import { shareDay, shareEvent, shareTeam } from '../../src/share';

describe('what a page shares to a chat or 朋友圈', () => {
  test('a team: its name and fixed service days; the receiver opens the same team', () => {
    const schedule = { recurrence: { kind: 'weekly' as const, weekdays: [6, 2] } };
    expect(shareTeam({ id: 'team-7', name: '福山义诊队', schedule })).toEqual({
      title: '福山义诊队 · 固定服务日 每周二、周六',
      path: '/pages/service/team?id=team-7',
      query: 'id=team-7',
    });
    expect(shareTeam({ id: 'team-8', name: '理发服务队', schedule: null }).title).toBe('理发服务队');
  });

  test('a service day: the team, the date with its weekday and the hours; the same team and date open', () => {
    expect(shareDay({ teamId: 'team-7', teamName: '福山义诊队', occurrence: { date: '2026-12-07', startTime: '09:00', endTime: '11:30' } })).toEqual({
      title: '福山义诊队 服务日 · 12月7日 周一 上午9:00–11:30',
      path: '/pages/service/day?teamId=team-7&date=2026-12-07',
      query: 'teamId=team-7&date=2026-12-07',
    });
  });

  test('an event: its title and when it starts in China time; the same event opens', () => {
    // 01:00Z is 09:00 in Fushan.
    expect(shareEvent({ id: 'ev 1', title: '幸福集市', startAt: '2026-12-07T01:00:00.000Z' })).toEqual({
      title: '幸福集市 · 12月7日 周一 上午9:00',
      path: '/pages/events/detail?id=ev%201',
      query: 'id=ev%201',
    });
  });
});
