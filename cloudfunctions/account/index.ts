import { accountContract, RoleAssignment, User } from '../../contract';
import { bootstrapAdmins, loadCaller, requireOpenid, requireRole, UserDoc } from '../_shared/auth';
import { _, db, getById, getList } from '../_shared/cloud';
import { AppError } from '../_shared/errors';
import { decodeCursor, encodeCursor } from '../_shared/paging';
import { before } from '../_shared/query';
import { createRouter } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';
import { maskPhone } from '../../rules/privacy';

/** `account`: who am I, my profile, and role assignment by a district admin. */

function toUser(doc: UserDoc, viewer: string, adminView = false): User {
  const self = doc._id === viewer;
  return {
    openid: doc._id,
    name: doc.name,
    phone: self ? doc.phone : adminView ? maskPhone(doc.phone) : '',
    communityId: doc.communityId,
    role: bootstrapAdmins().has(doc._id) ? 'admin' : doc.role,
    staffCommunityId: doc.staffCommunityId,
    leaderTeamId: doc.leaderTeamId,
    createdAt: new Date(doc.createdAt).toISOString(),
    updatedAt: new Date(doc.updatedAt).toISOString(),
  };
}

async function requireExisting(collection: 'communities' | 'teams', id: string, message: string): Promise<void> {
  if (!(await getById(collection, id))) throw new AppError('NOT_FOUND', message);
}

function roleFields(assignment: RoleAssignment): Pick<UserDoc, 'role' | 'staffCommunityId' | 'leaderTeamId'> {
  return {
    role: assignment.role,
    staffCommunityId: assignment.role === 'staff' ? assignment.communityId : null,
    leaderTeamId: assignment.role === 'leader' ? assignment.teamId : null,
  };
}

export const main = createRouter('account', accountContract, {
  async whoami(_input, ctx) {
    const caller = await loadCaller(ctx);
    return { openid: caller.openid, role: caller.role, user: caller.user ? toUser(caller.user, caller.openid) : null };
  },

  async updateProfile(input, ctx) {
    const openid = requireOpenid(ctx);
    if (input.communityId) await requireExisting('communities', input.communityId, '没有找到这个社区，请重新选择');
    const saved = await withTransaction(async (tx) => {
      const existing = await tx.get<UserDoc>('users', openid);
      const doc: Omit<UserDoc, '_id'> = {
        role: 'resident',
        staffCommunityId: null,
        leaderTeamId: null,
        createdAt: ctx.now,
        ...(existing ? withoutId(existing) : {}),
        name: input.name,
        phone: input.phone,
        communityId: input.communityId,
        updatedAt: ctx.now,
      };
      await tx.set('users', openid, doc);
      return { _id: openid, ...doc };
    });
    return toUser(saved, openid);
  },

  async assignRole(input, ctx) {
    const admin = await requireRole(ctx, 'admin');
    if (input.role === 'staff') await requireExisting('communities', input.communityId, '没有找到这个社区');
    if (input.role === 'leader') await requireExisting('teams', input.teamId, '没有找到这个服务队');
    const saved = await withTransaction(async (tx) => {
      const target = await tx.get<UserDoc>('users', input.openid);
      if (!target) throw new AppError('NOT_FOUND', '这位用户还没有登记个人信息，请对方先在“我的”里填写');
      const fields = roleFields(input);
      await tx.update('users', input.openid, { ...fields, updatedAt: ctx.now });
      // Every role change is kept with who made it and when.
      await tx.add('audit_log', {
        actor: admin.openid,
        action: 'account.assignRole',
        target: input.openid,
        before: { role: target.role, staffCommunityId: target.staffCommunityId, leaderTeamId: target.leaderTeamId },
        after: fields,
        at: ctx.now,
      });
      return { ...target, ...fields, updatedAt: ctx.now };
    });
    return toUser(saved, admin.openid, true);
  },

  async listUsers(input, ctx) {
    const admin = await requireRole(ctx, 'admin');
    const after = input.cursor ? decodeCursor(input.cursor) : undefined;
    const conditions: object[] = [];
    if (input.role) conditions.push({ role: input.role });
    if (after) {
      conditions.push(before('createdAt', new Date(after.at), after.id));
    }
    const docs = await getList<UserDoc>(
      db
        .collection('users')
        .where(conditions.length ? _.and(conditions) : {})
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(input.pageSize + 1),
    );
    const page = docs.slice(0, input.pageSize);
    const last = page[page.length - 1];
    return {
      items: page.map((d) => toUser(d, admin.openid, true)),
      nextCursor: docs.length > input.pageSize && last ? encodeCursor({ at: new Date(last.createdAt).toISOString(), id: last._id }) : null,
    };
  },
});

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}
