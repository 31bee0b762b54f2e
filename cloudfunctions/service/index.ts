import { z } from 'zod';
import { Occurrence, serviceContract, TeamSummary } from '../../contract';
import { nextOccurrences } from '../../rules/recurrence';
import { requireOpenid } from '../_shared/auth';
import { db, getById, getList } from '../_shared/cloud';
import { CommunityDoc, TeamDoc, toSchedule } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { decodeCursorAs, pageFrom } from '../_shared/paging';
import { after, allOf, containsKeyword, getByIds } from '../_shared/query';
import { createRouter } from '../_shared/router';

/** `service`: the city service teams and their fixed service days, for the 服务 tab. */

/** How many coming service days a team's page shows. */
const UPCOMING_SHOWN = 6;

const teamCursorSchema = z.strictObject({ name: z.string(), id: z.string() });

function upcomingOf(team: TeamDoc, now: Date, count: number): Occurrence[] {
  return team.schedule ? nextOccurrences(team.schedule, now, count) : [];
}

function toSummary(doc: TeamDoc, communityName: string, upcoming: Occurrence[]): TeamSummary {
  return {
    id: doc._id,
    name: doc.name,
    serviceClass: doc.serviceClass,
    communityId: doc.communityId,
    // A team whose community has gone still lists; the app shows it without a community name.
    communityName,
    description: doc.description,
    nextOccurrence: upcoming[0] ?? null,
  };
}

export const main = createRouter('service', serviceContract, {
  async listTeams(input, ctx) {
    requireOpenid(ctx);
    const conditions: object[] = [];
    if (input.serviceClass) conditions.push({ serviceClass: input.serviceClass });
    if (input.communityId) conditions.push({ communityId: input.communityId });
    if (input.keyword) conditions.push(containsKeyword(['name', 'description'], input.keyword));
    if (input.cursor) {
      const last = decodeCursorAs(input.cursor, teamCursorSchema);
      conditions.push(after('name', last.name, last.id));
    }
    const docs = await getList<TeamDoc>(
      db.collection('teams').where(allOf(conditions)).orderBy('name', 'asc').orderBy('_id', 'asc').limit(input.pageSize + 1),
    );
    const communities = await getByIds<CommunityDoc>('communities', docs.map((d) => d.communityId));
    return pageFrom(
      docs,
      input.pageSize,
      (doc) => toSummary(doc, communities.get(doc.communityId)?.name ?? '', upcomingOf(doc, ctx.now, 1)),
      (last) => ({ name: last.name, id: last._id }),
    );
  },

  async getTeam(input, ctx) {
    requireOpenid(ctx);
    const team = await getById<TeamDoc>('teams', input.teamId);
    if (!team) throw new AppError('NOT_FOUND', '没有找到这个服务队，可能已经解散');
    const community = await getById<CommunityDoc>('communities', team.communityId);
    const upcoming = upcomingOf(team, ctx.now, UPCOMING_SHOWN);
    return {
      ...toSummary(team, community?.name ?? '', upcoming),
      services: team.services,
      leaderName: team.leaderName,
      schedule: team.schedule ? toSchedule(team.schedule) : null,
      upcoming,
    };
  },
});
