import type { Occurrence } from '../../contract';
import { bySoonestServiceDay, positionOf, serviceDayKey, teamsAfter } from '../../rules/team-order';

/** The 服务 tab near home: each group of teams by its next service day, those without one last. */

const day = (date: string, startTime: string): Occurrence => ({ date, startTime, endTime: '23:00' });
const team = (id: string, name: string, next: Occurrence | null) => ({ id, name, nextOccurrence: next });

test('soonest service day first, then the earlier start on the same day, teams without a day last', () => {
  const teams = [
    team('t1', '理发队', null),
    team('t2', '维修队', day('2026-12-09', '09:00')),
    team('t3', '义诊队', day('2026-12-07', '14:00')),
    team('t4', '辅导队', day('2026-12-07', '08:30')),
    team('t5', '读书队', day('2027-01-02', '09:00')),
  ];
  expect(bySoonestServiceDay(teams).map((t) => t.id)).toEqual(['t4', 't3', 't2', 't5', 't1']);
});

test('teams on the same day and hour, or without a day, go by name (as the database orders names), then id', () => {
  const same = day('2026-12-07', '09:00');
  const teams = [team('b', 'B队', same), team('a', 'B队', same), team('c', 'A队', same), team('e', 'B队', null), team('d', 'A队', null)];
  expect(bySoonestServiceDay(teams).map((t) => t.id)).toEqual(['c', 'a', 'b', 'd', 'e']);
});

test('the order does not change the list it is given', () => {
  const teams = [team('t1', '甲', null), team('t2', '乙', day('2026-12-07', '09:00'))];
  bySoonestServiceDay(teams);
  expect(teams.map((t) => t.id)).toEqual(['t1', 't2']);
});

test('a day key sorts after every date when there is no service day', () => {
  expect(serviceDayKey(day('2026-12-07', '09:00'))).toBe('2026-12-07 09:00');
  expect(serviceDayKey(null) > serviceDayKey(day('2099-12-31', '23:59'))).toBe(true);
});

test('the next page of a group: every team after the last one shown, none twice, none skipped', () => {
  const ordered = bySoonestServiceDay([
    team('t1', 'A', day('2026-12-07', '09:00')),
    team('t2', 'B', day('2026-12-07', '09:00')),
    team('t3', 'C', day('2026-12-08', '09:00')),
    team('t4', 'D', null),
  ]);
  const pages = [ordered.slice(0, 2)];
  for (let rest = teamsAfter(ordered, positionOf(pages[0].at(-1)!)); rest.length; rest = teamsAfter(ordered, positionOf(pages.at(-1)!.at(-1)!))) {
    pages.push(rest.slice(0, 1));
  }
  expect(pages.flat().map((t) => t.id)).toEqual(ordered.map((t) => t.id));
  expect(teamsAfter(ordered, positionOf(ordered.at(-1)!))).toEqual([]);
});
