import { z } from 'zod';
import { idSchema } from './common';
import { lngLatSchema } from './geo';
import { action } from './result';

/** Streets (街道) and communities (社区): the district's reference data. */
export const streetSchema = z.object({ id: idSchema, code: z.string(), name: z.string() });
export type Street = z.infer<typeof streetSchema>;

export const communitySchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  streetId: idSchema,
  location: lngLatSchema,
  households: z.number().int().min(0),
});
export type Community = z.infer<typeof communitySchema>;

/** The compound (小区) nearest a position, and its community: a new resident's guess at where they live. */
export const nearestCompoundSchema = z.object({ compoundName: z.string(), communityId: idSchema, straightMetres: z.number().min(0) });
export type NearestCompound = z.infer<typeof nearestCompoundSchema>;

export const directoryContract = {
  /** All streets, by code. */
  listStreets: action(z.object({}).strict(), z.array(streetSchema)),
  /** All communities (52: one call), by code; optionally of one street. */
  listCommunities: action(z.object({ streetId: idSchema.optional() }).strict(), z.array(communitySchema)),
  /** The compound in use nearest `position` (GCJ-02; used for this answer only, never stored), within NEAREST_COMPOUND_MAX_M; null when none is. */
  nearestCompound: action(z.object({ position: lngLatSchema }).strict(), nearestCompoundSchema.nullable()),
};
