import fs from 'fs';
import { z } from 'zod';

/**
 * The database spec (cloudfunctions/database.json): every collection, its indexes and its client
 * security rule, declared once. The local cloud creates exactly these; deployment reads the same file.
 */
const indexSpec = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_]+$/),
    /** Field path → 1 / -1 (ascending / descending) or "2dsphere" (geo). */
    keys: z.record(z.string().min(1), z.union([z.literal(1), z.literal(-1), z.literal('2dsphere')])),
    unique: z.boolean().default(false),
  })
  .refine((i) => Object.keys(i.keys).length > 0, 'an index needs at least one key')
  .refine(
    (i) => !Object.values(i.keys).includes('2dsphere') || (Object.keys(i.keys).length === 1 && !i.unique),
    'a 2dsphere index has exactly one field and is not unique',
  );

const collectionSpec = z.object({
  description: z.string(),
  indexes: z.array(indexSpec).max(20).default([]),
  /**
   * Why any query may read the whole collection: a registry the district keeps of at most a few
   * hundred documents (strict index mode lets its queries through; in production they read it all).
   */
  fullScan: z.string().min(1).optional(),
  /** Client-side rule; functions bypass it. The project keeps every collection closed to clients. */
  rules: z.object({ read: z.literal(false), write: z.literal(false) }),
});

export const databaseSpecSchema = z.object({
  collections: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), collectionSpec).refine((c) => Object.keys(c).length <= 100, 'at most 100 collections'),
});

export type DatabaseSpec = z.infer<typeof databaseSpecSchema>;
export type IndexSpec = z.infer<typeof indexSpec>;

export function loadDatabaseSpec(file: string): DatabaseSpec {
  return databaseSpecSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
