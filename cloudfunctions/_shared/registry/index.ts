/**
 * The registry's one implementation of saving: the `registry` function's actions and the Excel import
 * call these for each object (row), so the rules, the permissions, the natural keys and the audit entry
 * are the same whichever way a change comes in.
 *
 * Each `save…InTx` runs inside the caller's transaction (withTransaction) and keeps it small: the object
 * and its parent read by id, one write, one audit entry. It validates the fields (rules/registry.ts;
 * BAD_INPUT with the first problem), checks who may (FORBIDDEN), finds the parent (NOT_FOUND; an inactive
 * parent takes no new children: CONFLICT), refuses a second object with the same natural key (CONFLICT),
 * and writes nothing when the fields are what is stored already. It answers the stored document, what
 * was there before (null: created) and `afterCommit`: the copies elsewhere to bring in line once the
 * transaction has committed (a community's street on its compounds and stations, a team's name on its
 * coming bookings). Each is one update of many documents outside any transaction, idempotent: saving the
 * object again repeats it.
 *
 * Natural keys (how the import finds an existing object): a district, street or community by its code,
 * a compound or a team by its community and name. Codes and names are unique among active and
 * inactive objects alike (reactivate the old one rather than make a second).
 */

export * from './active';
export type { SavedBy, SaveOutcome } from './common';
export * from './keys';
export * from './places';
export * from './teams';
