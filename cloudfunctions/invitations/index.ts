import { Invitation, InvitationState, invitationsContract, invitePath, RoleGrant, ROLE_LABELS, Roles } from '../../contract';
import { managesRole, servesCommunity, withRole } from '../../rules/permissions';
import { recordChange } from '../_shared/audit';
import { Caller, loadActor, requireOpenid } from '../_shared/auth';
import { _ } from '../_shared/cloud';
import { collection, getById } from '../_shared/collections';
import { InvitationDoc, isActiveDoc, isoString, rolesOfUserDoc, upgradeUserDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { decodeCursor, pageFrom } from '../_shared/paging';
import { allOf, before } from '../_shared/query';
import { COMMUNITY_NOT_FOUND, grantInTx, TEAM_NOT_FOUND } from '../_shared/roles';
import { createRouter } from '../_shared/router';
import { withTransaction } from '../_shared/transaction';
import { checkGuesses, invitationIdOf, invitationKey, NOT_A_CODE, newCode, refuseUnknown } from './codes';

/**
 * `invitations`: staff and district admins hand out roles as short codes (and QR codes of the accept
 * page's link); whoever enters a valid code and has a profile takes the role.
 *
 * Codes: 8 signs of a 31-sign alphabet drawn from crypto.randomBytes, about 8.5 × 10^11 codes. Only a
 * keyed hash is stored (HMAC-SHA256 with INVITATION_KEY, as the document's _id): reading the database
 * gives neither the codes nor, without the key, a way to test guesses offline. Guessing online is
 * bounded: a caller's unknown codes are counted, and after MAX_MISSES in an hour every preview and
 * accept answers LIMIT until the hour is over (docs/API.md works out the odds).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export function stateOf(doc: Pick<InvitationDoc, 'revokedAt' | 'usedCount' | 'maxUses' | 'expiresAt'>, now: Date): InvitationState {
  if (doc.revokedAt) return 'revoked';
  if (doc.usedCount >= doc.maxUses) return 'usedUp';
  if (now.getTime() >= new Date(doc.expiresAt).getTime()) return 'expired';
  return 'valid';
}

function toInvitation(doc: InvitationDoc, now: Date): Invitation {
  return {
    id: doc._id,
    grant: doc.grant,
    roleLabel: doc.roleLabel,
    communityId: doc.communityId,
    invitedBy: { openid: doc.createdBy, name: doc.createdByName },
    createdAt: isoString(doc.createdAt),
    expiresAt: isoString(doc.expiresAt),
    maxUses: doc.maxUses,
    uses: doc.uses.map((use) => ({ name: use.name, at: isoString(use.at) })),
    state: stateOf(doc, now),
    revokedAt: doc.revokedAt ? isoString(doc.revokedAt) : null,
  };
}

/** The community a grant belongs to and its words; NOT_FOUND for an unknown team or community. */
async function scopeOf(grant: RoleGrant): Promise<{ communityId: string | null; roleLabel: string }> {
  if (grant.role === 'leader') {
    const team = await getById('teams', grant.teamId);
    if (!team) throw new AppError('NOT_FOUND', TEAM_NOT_FOUND);
    return { communityId: team.communityId, roleLabel: `${ROLE_LABELS.leader} · ${team.name}` };
  }
  if (grant.role === 'staff') {
    const community = await getById('communities', grant.communityId);
    if (!community) throw new AppError('NOT_FOUND', COMMUNITY_NOT_FOUND);
    return { communityId: community._id, roleLabel: `${ROLE_LABELS.staff} · ${community.name}` };
  }
  return { communityId: null, roleLabel: ROLE_LABELS.admin };
}

/** Who may make, see and take back an invitation: admins any; staff those for leaders of their communities' teams. */
function keepsInvitation(actor: Caller, doc: Pick<InvitationDoc, 'grant' | 'communityId'>): boolean {
  return managesRole(actor, doc.grant.role, { teamCommunityId: doc.communityId });
}

function requireInviter(actor: Caller): void {
  if (!actor.admin && actor.staffOf.length === 0) throw new AppError('FORBIDDEN', '只有社区工作者和区管理员可以发邀请');
}

const sameRoles = (a: Roles, b: Roles) => JSON.stringify(a) === JSON.stringify(b);

/** Why a code cannot be used now, in words; null when it can. */
function refusalOf(doc: InvitationDoc, now: Date): AppError | null {
  const state = stateOf(doc, now);
  if (state === 'revoked') return new AppError('CLOSED', '这个邀请已被邀请人撤销，请向邀请人要新的邀请码');
  if (state === 'usedUp') return new AppError('FULL', '这个邀请码已经用完了，请向邀请人要新的邀请码');
  if (state === 'expired') return new AppError('CLOSED', '这个邀请码已经过期了，请向邀请人要新的邀请码');
  return null;
}

export const main = createRouter('invitations', invitationsContract, {
  async create(input, ctx) {
    const actor = await loadActor(ctx);
    requireInviter(actor);
    const key = invitationKey();
    const { communityId, roleLabel } = await scopeOf(input.grant);
    if (!keepsInvitation(actor, { grant: input.grant, communityId })) {
      throw new AppError('FORBIDDEN', input.grant.role === 'leader' ? '只能邀请本社区服务队的队长' : '只有区管理员可以邀请社区工作者和区管理员');
    }
    const { doc, code } = await withTransaction(async (tx) => {
      // Two codes alike are all but impossible (one in 10^11 per pair); a clash draws again.
      for (let attempt = 0; attempt < 3; attempt++) {
        const code = newCode();
        const id = invitationIdOf(code, key);
        if (await tx.get('invitations', id)) continue;
        const doc: InvitationDoc = {
          _id: id,
          grant: input.grant,
          communityId,
          roleLabel,
          createdBy: actor.openid,
          createdByName: actor.user?.name ?? '',
          createdAt: ctx.now,
          expiresAt: new Date(ctx.now.getTime() + input.validDays * DAY_MS),
          maxUses: input.maxUses,
          usedCount: 0,
          uses: [],
          revokedAt: null,
          revokedBy: null,
        };
        const { _id, ...fields } = doc;
        await tx.set('invitations', _id, fields);
        await recordChange(tx, {
          actor: actor.openid,
          action: 'invitations.create',
          kind: 'invitations',
          target: id,
          before: null,
          after: { grant: doc.grant, maxUses: doc.maxUses, expiresAt: doc.expiresAt },
          at: ctx.now,
        });
        return { doc, code };
      }
      throw new AppError('BUSY');
    });
    return { invitation: toInvitation(doc, ctx.now), code, path: invitePath(code) };
  },

  async list(input, ctx) {
    const actor = await loadActor(ctx);
    requireInviter(actor);
    // Staff see their communities' invitations to lead a team (not an admin's invitation to be their community's staff).
    const conditions: object[] = actor.admin ? [] : [{ communityId: _.in(actor.staffOf), 'grant.role': 'leader' }];
    if (input.cursor) {
      const last = decodeCursor(input.cursor);
      conditions.push(before('createdAt', new Date(last.at), last.id));
    }
    const docs = await collection('invitations')
      .where(allOf(conditions))
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.pageSize + 1)
      .get();
    return pageFrom(
      docs,
      input.pageSize,
      (doc) => toInvitation(doc, ctx.now),
      (last) => ({ at: isoString(last.createdAt), id: last._id }),
    );
  },

  async revoke(input, ctx) {
    const actor = await loadActor(ctx);
    requireInviter(actor);
    const doc = await withTransaction(async (tx) => {
      const doc = await tx.get('invitations', input.invitationId);
      if (!doc || !(actor.admin || servesCommunity(actor, doc.communityId))) throw new AppError('NOT_FOUND', '没有找到这个邀请');
      if (!keepsInvitation(actor, doc)) throw new AppError('FORBIDDEN', '只有区管理员可以撤销这个邀请');
      // Taking back twice changes nothing.
      if (doc.revokedAt) return doc;
      const patch = { revokedAt: ctx.now, revokedBy: actor.openid };
      await tx.update('invitations', doc._id, patch);
      await recordChange(tx, {
        actor: actor.openid,
        action: 'invitations.revoke',
        kind: 'invitations',
        target: doc._id,
        before: { revokedAt: null, usedCount: doc.usedCount },
        after: { revokedAt: ctx.now, usedCount: doc.usedCount },
        at: ctx.now,
      });
      return { ...doc, ...patch };
    });
    return toInvitation(doc, ctx.now);
  },

  async preview(input, ctx) {
    const openid = requireOpenid(ctx);
    const id = invitationIdOf(input.inviteCode);
    const misses = await checkGuesses(openid, ctx.now);
    const [doc, user] = await Promise.all([getById('invitations', id), getById('users', openid)]);
    if (!doc) return refuseUnknown(openid, misses, ctx.now);
    const roles = user ? rolesOfUserDoc(user) : null;
    return {
      grant: doc.grant,
      roleLabel: doc.roleLabel,
      invitedBy: doc.createdByName,
      expiresAt: isoString(doc.expiresAt),
      usesLeft: Math.max(0, doc.maxUses - doc.usedCount),
      state: stateOf(doc, ctx.now),
      hasProfile: user !== null,
      alreadyHeld: roles !== null && sameRoles(withRole(roles, doc.grant), roles),
    };
  },

  async accept(input, ctx) {
    const openid = requireOpenid(ctx);
    const id = invitationIdOf(input.inviteCode);
    const misses = await checkGuesses(openid, ctx.now);
    let unknown = false;
    try {
      return await withTransaction(async (tx) => {
        // The invitation is read and written in this transaction: two people taking its last use at once
        // conflict on it, and the one retried finds it used up.
        const doc = await tx.get('invitations', id);
        if (!doc) {
          unknown = true;
          throw new AppError('NOT_FOUND', NOT_A_CODE);
        }
        const refusal = refusalOf(doc, ctx.now);
        if (refusal) throw refusal;
        const stored = await tx.get('users', openid);
        if (!stored) throw new AppError('FORBIDDEN', '请先在“我的”里填写个人信息，再接受邀请');
        const user = upgradeUserDoc(stored);
        if (sameRoles(withRole(user.roles, doc.grant), user.roles)) {
          throw new AppError('CONFLICT', `您已经是${doc.roleLabel}了，不用再接受这个邀请（邀请码没有用掉）`);
        }
        // A leader's team as it is now: stopped, it takes no leaders; moved, its new community's staff answer for it.
        const team = doc.grant.role === 'leader' ? await tx.get('teams', doc.grant.teamId) : null;
        if (doc.grant.role === 'leader' && (!team || !isActiveDoc(team))) throw new AppError('CLOSED', '这个服务队已停用，这个邀请码已失效');
        const scope = { grant: doc.grant, communityId: team?.communityId ?? doc.communityId };
        // The inviter must still look after the role they handed out (staff moved on, an admin no longer).
        const inviter = await tx.get('users', doc.createdBy);
        const inviterRoles = inviter ? rolesOfUserDoc(inviter) : { admin: false, staffOf: [], leaderOf: [] };
        if (!keepsInvitation({ openid: doc.createdBy, ...inviterRoles, user: null }, scope)) {
          throw new AppError('CLOSED', '邀请人已不再负责这项工作，这个邀请码已失效，请向社区或区管理员要新的邀请码');
        }
        await tx.update('invitations', id, { usedCount: doc.usedCount + 1, uses: [...doc.uses, { openid, name: user.name, at: ctx.now }] });
        const { roles } = await grantInTx(tx, user, doc.grant, {
          openid,
          action: 'invitations.accept',
          at: ctx.now,
          reason: `接受 ${doc.createdByName} 的邀请（${id.slice(0, 12)}）`,
        });
        return { grant: doc.grant, roleLabel: doc.roleLabel, roles };
      });
    } catch (err) {
      if (unknown) return refuseUnknown(openid, misses, ctx.now);
      throw err;
    }
  },
});
