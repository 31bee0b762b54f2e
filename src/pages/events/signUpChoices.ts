import { ACTIVE_SIGN_UP_STATUSES, DISH_KINDS, DishKind, EventDetail, SignUp, STALL_KINDS, StallKind } from '../../../contract';

/** What an event's sign-up form and a sign-up's change form offer: the kinds wanted, those already full. */

export const isActive = (s: SignUp) => (ACTIVE_SIGN_UP_STATUSES as readonly string[]).includes(s.status);

/** The dish kinds a 百家宴 wants at all. */
export const wantedDishKinds = (e: EventDetail) => DISH_KINDS.filter((k) => (e.dishes?.[k]?.cap ?? 0) > 0);

/** The dish kinds with no room left, marked 已满 (`except` the one a sign-up already brings). */
export const fullDishKinds = (e: EventDetail, except?: DishKind): Partial<Record<DishKind, string>> =>
  Object.fromEntries(DISH_KINDS.filter((k) => k !== except && e.dishes?.[k]?.left === 0).map((k) => [k, '已满']));

/** The stall kinds a 幸福集市 has at all. */
export const offeredStallKinds = (e: EventDetail) => STALL_KINDS.filter((k) => (e.stalls?.[k]?.cap ?? 0) > 0);

/** The stall kinds with no room left, marked 已满. */
export const fullStallKinds = (e: EventDetail): Partial<Record<StallKind, string>> =>
  Object.fromEntries(STALL_KINDS.filter((k) => e.stalls?.[k]?.left === 0).map((k) => [k, '已满']));
