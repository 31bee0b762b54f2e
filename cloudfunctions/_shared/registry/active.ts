import { RegistryKind } from '../../../contract';
import { chinaDate } from '../../../rules/china-time';
import { CHILDREN_OF } from '../../../rules/registry';
import { recordChange } from '../audit';
import { _ } from '../cloud';
import { collection, Stored } from '../collections';
import { isActiveDoc } from '../docs';
import { AppError } from '../errors';
import type { Tx } from '../transaction';
import { allow, existingInTx, nothing, parentInTx, SavedBy, SaveOutcome, NOT_FOUND } from './common';

// ---- deactivating and reactivating ----------------------------------------------------------------

type RegistryDoc = Stored<RegistryKind>;

/** The parent whose being in use a reactivation needs, by kind, and its id in a document of that kind. */
const PARENT_OF: Partial<Record<RegistryKind, { kind: RegistryKind; idOf: (doc: RegistryDoc) => string | null }>> = {
  streets: { kind: 'districts', idOf: (doc) => ('districtId' in doc ? doc.districtId : null) },
  communities: { kind: 'streets', idOf: (doc) => ('streetId' in doc ? doc.streetId : null) },
  compounds: { kind: 'communities', idOf: (doc) => ('communityId' in doc ? doc.communityId : null) },
  teams: { kind: 'communities', idOf: (doc) => ('communityId' in doc ? doc.communityId : null) },
};

async function activeChildren(kind: RegistryKind, id: string): Promise<string | null> {
  for (const child of CHILDREN_OF[kind] ?? []) {
    const total = await collection(child.kind)
      .where({ [child.field]: id, active: _.neq(false) })
      .count();
    if (total > 0) return `这里还有 ${total} 个在用的${child.label}，请先把它们停用或移到别处`;
  }
  return null;
}

/** Active bookings of a team's coming days: a team that stops must first tell those residents (its leaders cancel the days). */
async function comingBookings(teamId: string, at: Date): Promise<number> {
  return collection('bookings')
    .where({ teamId, date: _.gte(chinaDate(at)), status: _.in(['pending', 'confirmed', 'waitlisted']) })
    .count();
}

/**
 * Deactivates (a reason required) or reactivates an object; never deletes it. The same people as saving
 * it. A parent stops only once it has no active children (CONFLICT, saying how many), a team only once no
 * resident holds a booking of its coming days; a child starts again only under a parent in use. Asking
 * for the state it already has changes nothing. Audited as `registry.deactivate` / `registry.activate`.
 */
export async function setActiveInTx(
  tx: Tx,
  by: SavedBy,
  kind: RegistryKind,
  id: string,
  change: { active: boolean; reason: string },
): Promise<SaveOutcome<RegistryDoc>> {
  if (!change.active && !change.reason.trim()) throw new AppError('BAD_INPUT', '请填写停用原因');
  const doc = await existingInTx(tx, kind, id);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND[kind]);
  allow(by.actor, kind, 'communityId' in doc ? [doc.communityId] : []);
  const was = isActiveDoc(doc);
  if (was === change.active) return { doc: { ...doc, active: was }, before: doc, changed: false, afterCommit: nothing };
  if (!change.active) {
    const busy = await activeChildren(kind, id);
    if (busy) throw new AppError('CONFLICT', busy);
    if (kind === 'teams') {
      const bookings = await comingBookings(id, by.at);
      if (bookings > 0) throw new AppError('CONFLICT', `这个服务队还有 ${bookings} 个未到期的预约，请队长先取消这些服务日（居民会收到通知），再停用`);
    }
  } else {
    const parent = PARENT_OF[kind];
    const parentId = parent?.idOf(doc);
    if (parent && parentId) await parentInTx(tx, parent.kind, parentId, true);
  }
  if (kind === 'teams') await tx.update('teams', id, { active: change.active, updatedAt: by.at });
  else await tx.update(kind, id, { active: change.active });
  await recordChange(tx, {
    actor: by.actor.openid,
    action: by.action ?? (change.active ? 'registry.activate' : 'registry.deactivate'),
    kind,
    target: id,
    before: { active: was },
    after: { active: change.active },
    reason: change.reason.trim(),
    at: by.at,
  });
  return { doc: { ...doc, active: change.active }, before: doc, changed: true, afterCommit: nothing };
}
