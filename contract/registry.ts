import { z } from 'zod';
import { idSchema, isoDateTimeSchema, openidSchema, pageInputSchema, pageOf } from './common';
import { lngLatSchema } from './geo';
import { action } from './result';
import { serviceClassSchema } from './service';
import { REGISTRY_KINDS } from './terms/registry';

/**
 * The registry (辖区管理): the district and what it is made of (streets, communities, compounds, service
 * teams), kept from the app by district admins, community staff (their communities' compounds and teams)
 * and team leaders (their team's description and contact phone). Nothing is deleted: a thing no longer in
 * use is deactivated, with a reason, and disappears from residents' lists while its history stays.
 *
 * The inputs here only bound sizes and types; the rules (trimmed names of 1–30 characters, codes, phone
 * formats, a compound near its community) are `rules/registry.ts`, shared by the function, the app's
 * forms and the Excel import, and answered as BAD_INPUT in the user's words.
 */

export const registryKindSchema = z.enum(REGISTRY_KINDS);

/** Text as typed: bounded here, checked by the rules. */
const text = (max: number) => z.string().max(max, `最多 ${max} 个字`);

export const districtFieldsSchema = z.object({ code: text(40), name: text(60) });
export type DistrictFields = z.infer<typeof districtFieldsSchema>;

export const streetFieldsSchema = z.object({ code: text(40), name: text(60), districtId: idSchema });
export type StreetFields = z.infer<typeof streetFieldsSchema>;

export const communityFieldsSchema = z.object({
  code: text(40),
  name: text(60),
  streetId: idSchema,
  /** GCJ-02: the community's centre. */
  location: lngLatSchema,
  households: z.number().int('户数要填整数'),
});
export type CommunityFields = z.infer<typeof communityFieldsSchema>;

export const compoundFieldsSchema = z.object({
  name: text(60),
  communityId: idSchema,
  location: lngLatSchema,
  households: z.number().int('户数要填整数'),
});
export type CompoundFields = z.infer<typeof compoundFieldsSchema>;

/** A leader as the district's list names them: the account comes later, by invitation. */
export const listedLeaderSchema = z.object({ name: text(40), phone: text(20) });
export type ListedLeader = z.infer<typeof listedLeaderSchema>;

export const teamFieldsSchema = z.object({
  name: text(60),
  serviceClass: serviceClassSchema,
  communityId: idSchema,
  description: text(1000),
  services: z.array(text(40)).max(40),
  /** Shown to residents on the team page (tap to call); empty: none. */
  contactPhone: text(30),
  /** The leaders on the district's list who have no account yet (those who have one are kept as they are). */
  leaders: z.array(listedLeaderSchema).max(20),
});
export type TeamFields = z.infer<typeof teamFieldsSchema>;

/** What a team's own leaders may change. */
export const teamProfileFieldsSchema = z.object({ description: text(1000), contactPhone: text(30) });
export type TeamProfileFields = z.infer<typeof teamProfileFieldsSchema>;

// ---- what the lists answer -------------------------------------------------------------------------

export const districtSchema = z.object({ id: idSchema, code: z.string(), name: z.string(), active: z.boolean() });
export type District = z.infer<typeof districtSchema>;

export const registryStreetSchema = z.object({ id: idSchema, code: z.string(), name: z.string(), districtId: z.string(), active: z.boolean() });
export type RegistryStreet = z.infer<typeof registryStreetSchema>;

export const registryCommunitySchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  streetId: idSchema,
  location: lngLatSchema,
  households: z.number().int().min(0),
  active: z.boolean(),
});
export type RegistryCommunity = z.infer<typeof registryCommunitySchema>;

export const compoundSchema = z.object({
  id: idSchema,
  name: z.string(),
  communityId: idSchema,
  streetId: idSchema,
  location: lngLatSchema,
  households: z.number().int().min(0),
  active: z.boolean(),
});
export type Compound = z.infer<typeof compoundSchema>;

export const registryTeamSchema = z.object({
  id: idSchema,
  name: z.string(),
  serviceClass: serviceClassSchema,
  communityId: idSchema,
  description: z.string(),
  services: z.array(z.string()),
  contactPhone: z.string().nullable(),
  /** In the team's order; `hasAccount`: the person accepted an invitation and holds the role. */
  leaders: z.array(z.object({ name: z.string(), phone: z.string().nullable(), hasAccount: z.boolean() })),
  active: z.boolean(),
});
export type RegistryTeam = z.infer<typeof registryTeamSchema>;

/** One field an audited change touched, its values as short text. */
export const fieldChangeSchema = z.object({ field: z.string(), before: z.string(), after: z.string() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** One entry of the audit log, as the 操作记录 screen shows it. */
export const changeEntrySchema = z.object({
  id: idSchema,
  at: isoDateTimeSchema,
  actor: z.string(),
  /** The actor's registered name; empty when they have no profile. */
  actorName: z.string(),
  /** `<function>.<action>`, e.g. `registry.saveTeam`. */
  action: z.string(),
  kind: z.string(),
  target: z.string(),
  /** The object's name after the change (or before, when it has none after); empty when it has none. */
  targetName: z.string(),
  reason: z.string(),
  changes: z.array(fieldChangeSchema),
});
export type ChangeEntry = z.infer<typeof changeEntrySchema>;

const reasonSchema = z.string().trim().max(100, '原因最多 100 个字').default('');
const activeFields = { active: z.boolean(), reason: reasonSchema };

export const registryContract = {
  /** Anyone who keeps part of the registry (admins, staff) and the pickers of admin screens: every district. */
  listDistricts: action(z.object({}).strict(), z.array(districtSchema)),
  /** Admins: a district's streets by code, inactive ones too. */
  listStreets: action(z.object({ districtId: idSchema.optional() }).strict(), z.array(registryStreetSchema)),
  /** Admins (a street's or all) and staff (their own communities): communities by code, inactive ones too. */
  listCommunities: action(z.object({ streetId: idSchema.optional() }).strict(), z.array(registryCommunitySchema)),
  /** Admins and the community's staff: its compounds by name, inactive ones too; paged. */
  listCompounds: action(pageInputSchema.extend({ communityId: idSchema }).strict(), pageOf(compoundSchema)),
  /** Admins and the community's staff: its teams by name, inactive ones too, leaders' phones whole; paged. */
  listTeams: action(pageInputSchema.extend({ communityId: idSchema }).strict(), pageOf(registryTeamSchema)),

  /** Admins: create (no id) or edit a district. */
  saveDistrict: action(districtFieldsSchema.extend({ districtId: idSchema.optional() }).strict(), districtSchema),
  /** Admins: create or edit a street (moving it to another district too). */
  saveStreet: action(streetFieldsSchema.extend({ streetId: idSchema.optional() }).strict(), registryStreetSchema),
  /** Admins: create or edit a community; moving it to another street moves its compounds' and stations' street too. */
  saveCommunity: action(communityFieldsSchema.extend({ communityId: idSchema.optional() }).strict(), registryCommunitySchema),
  /** Admins and the community's staff (of both communities, when moving it): create or edit a compound. */
  saveCompound: action(compoundFieldsSchema.extend({ compoundId: idSchema.optional() }).strict(), compoundSchema),
  /** Admins and the community's staff: create or edit a team (its listed leaders too; accounts come by invitation). */
  saveTeam: action(teamFieldsSchema.extend({ teamId: idSchema.optional() }).strict(), registryTeamSchema),
  /** The team's leaders (and its community's staff, admins): its description and contact phone only. */
  updateTeamProfile: action(teamProfileFieldsSchema.extend({ teamId: idSchema }).strict(), registryTeamSchema),

  /** Deactivate (a reason required; never deleted) or reactivate; the same keepers as saving. */
  setDistrictActive: action(z.object({ districtId: idSchema, ...activeFields }).strict(), districtSchema),
  setStreetActive: action(z.object({ streetId: idSchema, ...activeFields }).strict(), registryStreetSchema),
  setCommunityActive: action(z.object({ communityId: idSchema, ...activeFields }).strict(), registryCommunitySchema),
  setCompoundActive: action(z.object({ compoundId: idSchema, ...activeFields }).strict(), compoundSchema),
  setTeamActive: action(z.object({ teamId: idSchema, ...activeFields }).strict(), registryTeamSchema),

  /** Admins: the audit log newest first, optionally one person's changes, or one kind of object (and one object). */
  listChanges: action(
    pageInputSchema
      .extend({
        actor: openidSchema.optional(),
        kind: z
          .string()
          .max(40)
          .regex(/^[a-z_]+$/)
          .optional(),
        target: idSchema.optional(),
      })
      .strict()
      .refine((i) => !i.target || i.kind, { message: '请先选择对象的种类', path: ['kind'] }),
    pageOf(changeEntrySchema),
  ),
};
