import { NO_ROLES, Roles } from '../../contract';
import { roleKindsOf } from '../../rules/permissions';

/** The role fields of a stored user document (see cloudfunctions/_shared/docs/), for fixtures. */
export function storedRoles(roles: Partial<Roles> = {}): { roles: Roles; roleKinds: ReturnType<typeof roleKindsOf> } {
  const all = { ...NO_ROLES, ...roles };
  return { roles: all, roleKinds: roleKindsOf(all) };
}
