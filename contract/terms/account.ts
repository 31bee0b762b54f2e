/** Kinds of role: everyone is a resident; the others add rights, and a person may hold several at once. */
export const ROLES = ['resident', 'leader', 'staff', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** The roles that are given (resident is not). */
export const GRANTED_ROLES = ['leader', 'staff', 'admin'] as const;

export type GrantedRole = (typeof GRANTED_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  leader: '服务队队长',
  staff: '社区工作者',
  admin: '区管理员',
};

/** How a people search reads its keyword: all 11 digits, the last 4, or the beginning of a name. */
export function peopleQueryOf(keyword: string): { phone: string } | { phoneLast4: string } | { namePrefix: string } | null {
  if (/^\d+$/.test(keyword)) {
    if (keyword.length === 11) return { phone: keyword };
    if (keyword.length === 4) return { phoneLast4: keyword };
    return null;
  }
  return { namePrefix: keyword };
}
