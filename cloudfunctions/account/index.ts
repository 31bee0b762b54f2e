import { timingSafeEqual } from 'crypto';
import { z } from 'zod';
import { accountContract, HeldRole, peopleQueryOf, phoneSchema, ROLE_LABELS, Roles, User } from '../../contract';
import { isStaffOrAdmin, managesRole, roleKindsOf } from '../../rules/permissions';
import { maskPhone } from '../../rules/privacy';
import { loadActor, requireOpenid, requireRole } from '../_shared/auth';
import { _, cloud } from '../_shared/cloud';
import { collection, getById } from '../_shared/collections';
import { NEW_USER_ROLES, rolesOfUserDoc, upgradeUserDoc, UserDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { decodeCursor, decodeCursorAs, pageFrom } from '../_shared/paging';
import { after, allOf, before, getByIds } from '../_shared/query';
import { grantInTx, revokeInTx, TEAM_NOT_FOUND } from '../_shared/roles';
import { createRouter } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';

/** `account`: who am I, my profile, and the roles district admins (and staff, for leaders) give and take back. */

/** The `settings` document that records who claimed the environment's first admin role, and when. */
const FIRST_ADMIN = 'first-admin';

/** Whether the code is the environment's setup code; none set, nobody can claim. Compared in constant time. */
function setupCodeMatches(code: string): boolean {
  const expected = process.env.ADMIN_SETUP_CODE ?? '';
  if (expected.length < 8) return false;
  const a = Buffer.from(code);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The number WeChat's phone-number button's one-time code stands for (its country code dropped), or null
 * when WeChat refuses the code (used, expired, or not the caller's): a refusal is the person's to retry.
 */
async function phoneNumberOf(code: string): Promise<string | null> {
  const openapi = cloud.openapi as { phonenumber: { getPhoneNumber(params: { code: string }): Promise<{ phoneInfo: PhoneInfo }> } };
  try {
    const { phoneInfo } = await openapi.phonenumber.getPhoneNumber({ code });
    return phoneInfo.countryCode === '86' ? phoneInfo.purePhoneNumber : null;
  } catch (err) {
    if ((err as { errCode?: number }).errCode === INVALID_CODE) throw new AppError('BAD_INPUT', '没能从微信取到手机号，请再点一次或直接填写');
    throw err;
  }
}

/** WeChat's phone_info (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html). */
type PhoneInfo = { phoneNumber: string; purePhoneNumber: string; countryCode: string };

/** WeChat's errcode for a code it does not take. */
const INVALID_CODE = 40029;

const NOT_REGISTERED = '这位用户还没有登记个人信息，请对方先在“我的”里填写';

/** The names of the teams and communities people's roles are scoped to: two reads for a whole page. */
async function scopeNamesOf(docs: UserDoc[]): Promise<Map<string, string>> {
  const roles = docs.map((doc) => rolesOfUserDoc(doc));
  const [teams, communities] = await Promise.all([
    getByIds(
      'teams',
      roles.flatMap((r) => r.leaderOf),
    ),
    getByIds(
      'communities',
      roles.flatMap((r) => r.staffOf),
    ),
  ]);
  return new Map([...teams.values(), ...communities.values()].map((doc) => [doc._id, doc.name]));
}

function heldRolesOf(roles: Roles, names: Map<string, string>): HeldRole[] {
  const named = (id: string) => names.get(id) ?? '（已不存在）';
  return [
    ...(roles.admin ? [{ grant: { role: 'admin' as const }, label: ROLE_LABELS.admin }] : []),
    ...roles.staffOf.map((communityId) => ({ grant: { role: 'staff' as const, communityId }, label: `${ROLE_LABELS.staff} · ${named(communityId)}` })),
    ...roles.leaderOf.map((teamId) => ({ grant: { role: 'leader' as const, teamId }, label: `${ROLE_LABELS.leader} · ${named(teamId)}` })),
  ];
}

/** How much of other people's phone numbers a list shows: none, masked (138****5678), or whole (admins' search). */
type PhoneView = 'hidden' | 'masked' | 'whole';

/** People as `viewer` sees them: their own phone whole, others' as `view` says. */
async function toUsers(stored: UserDoc[], viewer: string, view: PhoneView = 'hidden'): Promise<User[]> {
  const names = await scopeNamesOf(stored);
  return stored.map((found) => {
    const doc = upgradeUserDoc(found);
    const self = doc._id === viewer;
    return {
      openid: doc._id,
      name: doc.name,
      phone: self || view === 'whole' ? doc.phone : view === 'masked' ? maskPhone(doc.phone) : '',
      communityId: doc.communityId,
      roles: doc.roles,
      held: heldRolesOf(doc.roles, names),
      createdAt: new Date(doc.createdAt).toISOString(),
      updatedAt: new Date(doc.updatedAt).toISOString(),
    };
  });
}

async function toUser(stored: UserDoc, viewer: string, view: PhoneView = 'hidden'): Promise<User> {
  return (await toUsers([stored], viewer, view))[0];
}

export const main = createRouter('account', accountContract, {
  async whoami(_input, ctx) {
    const caller = await loadActor(ctx);
    const { admin, staffOf, leaderOf } = caller;
    return { openid: caller.openid, roles: { admin, staffOf, leaderOf }, user: caller.user ? await toUser(caller.user, caller.openid) : null };
  },

  async phoneFromWeChat(input, ctx) {
    requireOpenid(ctx);
    const phone = await phoneNumberOf(input.code);
    if (!phoneSchema.safeParse(phone).success) throw new AppError('BAD_INPUT', '微信绑定的不是大陆手机号，请直接填写手机号');
    return { phone: phone! };
  },

  async updateProfile(input, ctx) {
    const openid = requireOpenid(ctx);
    if (input.communityId && !(await getById('communities', input.communityId))) throw new AppError('NOT_FOUND', '没有找到这个社区，请重新选择');
    const saved = await withTransaction(async (tx) => {
      const existing = await tx.get('users', openid);
      const doc: Omit<UserDoc, '_id'> = {
        ...NEW_USER_ROLES,
        createdAt: ctx.now,
        ...(existing ? withoutId(upgradeUserDoc(existing)) : {}),
        name: input.name,
        phone: input.phone,
        phoneLast4: input.phone.slice(-4),
        communityId: input.communityId,
        updatedAt: ctx.now,
      };
      await tx.set('users', openid, doc);
      return { _id: openid, ...doc };
    });
    return toUser(saved, openid);
  },

  async grantRole(input, ctx) {
    const admin = await requireRole(ctx, 'admin');
    const saved = await withTransaction(async (tx) => {
      const target = await tx.get('users', input.openid);
      if (!target) throw new AppError('NOT_FOUND', NOT_REGISTERED);
      const { roles } = await grantInTx(tx, target, input.grant, { openid: admin.openid, action: 'account.grantRole', at: ctx.now });
      return { ...target, roles, roleKinds: roleKindsOf(roles) };
    });
    return toUser(saved, admin.openid, 'masked');
  },

  async revokeRole(input, ctx) {
    const actor = await loadActor(ctx);
    const grant = input.grant;
    const team = grant.role === 'leader' ? await getById('teams', grant.teamId) : null;
    if (grant.role === 'leader' && !team) throw new AppError('NOT_FOUND', TEAM_NOT_FOUND);
    if (!managesRole(actor, grant.role, { teamCommunityId: team?.communityId })) {
      throw new AppError('FORBIDDEN', grant.role === 'leader' ? '只有本社区的社区工作者或区管理员可以撤销队长' : '只有区管理员可以撤销这个角色');
    }
    if (grant.role === 'admin' && input.openid === actor.openid) throw new AppError('CONFLICT', '不能撤销自己的区管理员角色，请另一位管理员操作');
    const saved = await withTransaction(async (tx) => {
      const target = await tx.get('users', input.openid);
      if (!target) throw new AppError('NOT_FOUND', NOT_REGISTERED);
      const { roles } = await revokeInTx(tx, target, grant, { openid: actor.openid, action: 'account.revokeRole', at: ctx.now });
      return { ...target, roles, roleKinds: roleKindsOf(roles) };
    });
    return toUser(saved, actor.openid, actor.admin ? 'masked' : 'hidden');
  },

  async claimFirstAdmin(input, ctx) {
    const openid = requireOpenid(ctx);
    if (!setupCodeMatches(input.setupCode)) throw new AppError('FORBIDDEN', '设置码不对，请向部署本系统的技术人员确认');
    const saved = await withTransaction(async (tx) => {
      // The claim and the role are written together: a second claim, even at the same moment, conflicts here.
      const claimed = await tx.get('settings', FIRST_ADMIN);
      const caller = await tx.get('users', openid);
      // The claimer asking again (an answer lost on the way) is told they hold it.
      if (claimed && claimed.openid === openid && caller) return upgradeUserDoc(caller);
      if (claimed) throw new AppError('CONFLICT', '本环境已经有区管理员了，请向区管理员要邀请码');
      if (!caller) throw new AppError('NOT_FOUND', '请先在“我的”里填写个人信息，再输入设置码');
      await tx.set('settings', FIRST_ADMIN, { openid, at: ctx.now });
      const { roles } = await grantInTx(tx, caller, { role: 'admin' }, { openid, action: 'account.claimFirstAdmin', at: ctx.now });
      return { ...caller, roles, roleKinds: roleKindsOf(roles) };
    });
    return toUser(saved, openid);
  },

  async listUsers(input, ctx) {
    const admin = await requireRole(ctx, 'admin');
    const after = input.cursor ? decodeCursor(input.cursor) : undefined;
    const conditions: object[] = [];
    if (input.role) conditions.push({ roleKinds: input.role });
    if (after) conditions.push(before('createdAt', new Date(after.at), after.id));
    const docs = await collection('users')
      .where(allOf(conditions))
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.pageSize + 1)
      .get();
    const page = pageFrom(
      docs,
      input.pageSize,
      (doc) => doc,
      (last) => ({ at: new Date(last.createdAt).toISOString(), id: last._id }),
    );
    return { items: await toUsers(page.items, admin.openid, 'masked'), nextCursor: page.nextCursor };
  },

  async searchPeople(input, ctx) {
    const actor = await loadActor(ctx);
    if (!isStaffOrAdmin(actor)) throw new AppError('FORBIDDEN', '只有社区工作者和区管理员可以查找人员');
    const query = peopleQueryOf(input.keyword);
    if (!query) throw new AppError('BAD_INPUT', '请输入姓名、完整的 11 位手机号，或手机号的后 4 位');
    // Staff find the people registered in their communities; admins anyone.
    const conditions: object[] = actor.admin ? [] : [{ communityId: _.in(actor.staffOf) }];
    if ('phone' in query) conditions.push({ phone: query.phone });
    else if ('phoneLast4' in query) conditions.push({ phoneLast4: query.phoneLast4 });
    // A name's beginning: a range on the name index (every name starting with it sorts between the two).
    else conditions.push({ name: _.gte(query.namePrefix) }, { name: _.lt(`${query.namePrefix}\uffff`) });
    if (input.cursor) {
      const last = decodeCursorAs(input.cursor, nameCursorSchema);
      conditions.push(after('name', last.name, last.id));
    }
    const docs = await collection('users')
      .where(allOf(conditions))
      .orderBy('name', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.pageSize + 1)
      .get();
    const page = pageFrom(
      docs,
      input.pageSize,
      (doc) => doc,
      (last) => ({ name: last.name, id: last._id }),
    );
    return { items: await toUsers(page.items, actor.openid, actor.admin ? 'whole' : 'masked'), nextCursor: page.nextCursor };
  },
});

const nameCursorSchema = z.strictObject({ name: z.string(), id: z.string() });

function withoutId<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}
