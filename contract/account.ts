import { z } from 'zod';
import { idSchema, isoDateTimeSchema, keywordSchema, openidSchema, pageInputSchema, pageOf, personNameSchema, phoneSchema } from './common';
import { action } from './result';
import { ROLES } from './terms/account';

export const roleSchema = z.enum(ROLES);

/** What a person may do beyond the resident features: admin of the district, staff of communities, leader of teams. */
export const rolesSchema = z.object({
  admin: z.boolean(),
  /** Communities they serve as staff. */
  staffOf: z.array(idSchema).max(20),
  /** Teams they lead. */
  leaderOf: z.array(idSchema).max(20),
});
export type Roles = z.infer<typeof rolesSchema>;
export const NO_ROLES: Roles = { admin: false, staffOf: [], leaderOf: [] };

/** One role with its scope: leader of a team, staff of a community, or district admin. */
export const roleGrantSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('leader'), teamId: idSchema }),
  z.object({ role: z.literal('staff'), communityId: idSchema }),
  z.object({ role: z.literal('admin') }),
]);
export type RoleGrant = z.infer<typeof roleGrantSchema>;

/** One role a person holds, with its scope named for people (e.g. 社区工作者 · 桥西社区). */
export const heldRoleSchema = z.object({ grant: roleGrantSchema, label: z.string() });
export type HeldRole = z.infer<typeof heldRoleSchema>;

export const userSchema = z.object({
  openid: openidSchema,
  name: z.string(),
  /** Unmasked only for the user themself and for district admins; others see it masked (138****5678). */
  phone: z.string(),
  communityId: z.string().nullable(),
  roles: rolesSchema,
  /** The same roles, each with its scope's name, for showing and taking back. */
  held: z.array(heldRoleSchema),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type User = z.infer<typeof userSchema>;

export const accountContract = {
  /** Who the caller is: their OPENID, their profile if they have one, and their roles. */
  whoami: action(z.object({}).strict(), z.object({ openid: openidSchema, roles: rolesSchema, user: userSchema.nullable() })),
  /**
   * The caller's own phone number from WeChat's phone-number button: its one-time `code`, decoded by
   * WeChat (phonenumber.getPhoneNumber). Only answered, not saved: the profile form fills it in.
   */
  phoneFromWeChat: action(z.object({ code: z.string().trim().min(1).max(128) }).strict(), z.object({ phone: phoneSchema })),
  /** Creates or updates the caller's own profile. */
  updateProfile: action(z.object({ name: personNameSchema, phone: phoneSchema, communityId: idSchema.nullable() }).strict(), userSchema),
  /** A district admin gives a registered person a role (one found by search; strangers are invited instead). */
  grantRole: action(z.object({ openid: openidSchema, grant: roleGrantSchema }).strict(), userSchema),
  /**
   * Takes one role back: district admins any role, community staff the leaders of their community's teams.
   * Taking back a role the person does not hold changes nothing.
   */
  revokeRole: action(z.object({ openid: openidSchema, grant: roleGrantSchema }).strict(), userSchema),
  /**
   * The one-time step that gives a new environment its first district admin: the caller, registered,
   * enters the setup code the deployer set (ADMIN_SETUP_CODE). Works once per environment.
   */
  claimFirstAdmin: action(z.object({ setupCode: z.string().trim().min(1, '请填写设置码').max(64) }).strict(), userSchema),
  /** District admins list people, newest first, optionally those holding a role. */
  listUsers: action(pageInputSchema.extend({ role: roleSchema.optional() }).strict(), pageOf(userSchema)),
  /**
   * Finds people by the beginning of their name, by their whole phone number (11 digits) or by its last
   * 4 digits, in name order: district admins anyone, with the number whole; staff the people registered
   * in their communities, numbers masked (138****5678).
   */
  searchPeople: action(pageInputSchema.extend({ keyword: keywordSchema.pipe(z.string().min(1, '请输入姓名或手机号')) }).strict(), pageOf(userSchema)),
};
