import { z } from 'zod';
import { idSchema, isoDateTimeSchema, pageInputSchema, pageOf } from './common';
import { action } from './result';
import { IMPORT_SHEETS, ROW_FATES, IMPORT_STATES } from './terms/imports';

/**
 * Importing what the district already keeps in Excel (导入): an admin uploads an .xlsx of streets,
 * communities, compounds, service teams and stations; the function reads it and answers a preview with
 * every row's fate (new, changed with the difference, unchanged, refused with the reason and the row
 * number); nothing is written until the admin confirms. Re-importing the same file changes nothing.
 * A file with refused rows applies nothing unless the admin chooses to apply the valid rows.
 */

/** A sheet of the workbook, in the order applied (IMPORT_SHEET_NAMES names each). */
export const importSheetSchema = z.enum(IMPORT_SHEETS);

export const rowFateSchema = z.enum(ROW_FATES);

export const fateCountsSchema = z.object({ refused: z.number(), new: z.number(), changed: z.number(), unchanged: z.number() });
export type FateCounts = z.infer<typeof fateCountsSchema>;

/** One row of the preview as the admin reads it. */
export const importRowSchema = z.object({
  sheet: importSheetSchema,
  /** The row number in the sheet, as Excel shows it (the header is row 1). */
  row: z.number().int(),
  fate: rowFateSchema,
  /** What the row is about (a name), for the list. */
  title: z.string(),
  /** Refused: why, in Chinese. */
  reasons: z.array(z.string()),
  /** Changed: each difference. */
  changes: z.array(z.object({ label: z.string(), before: z.string(), after: z.string() })),
  /** After applying: the row could not be saved (someone changed the registry meanwhile), and why. */
  failure: z.string().nullable(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importStateSchema = z.enum(IMPORT_STATES);

export const importSummarySchema = z.object({
  id: idSchema,
  fileName: z.string(),
  districtId: idSchema,
  state: importStateSchema,
  /** Problems with the file as a whole (an unknown sheet, missing columns): nothing can be applied. */
  fileProblems: z.array(z.string()),
  counts: z.record(importSheetSchema, fateCountsSchema),
  /** Rows to write: new and changed (of the valid rows, when applying only those). */
  toApply: z.number().int(),
  /** Rows written so far, and rows that failed when written. */
  applied: z.number().int(),
  failed: z.number().int(),
  createdAt: isoDateTimeSchema,
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

const fileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/\.xlsx$/i, '请上传 .xlsx 格式的 Excel 文件');

/**
 * A workbook the function wrote to cloud storage, with a temporary URL to open it by (valid 10 minutes):
 * storage is 仅创建者可读写 and the function, not the user, created the file.
 */
const storedFileSchema = z.object({ fileID: z.string(), url: z.string(), fileName: z.string() });

export const importsContract = {
  /** An empty workbook with every sheet's columns and an example row: the file the district fills in. */
  template: action(z.object({}).strict(), storedFileSchema),
  /** The district's registry as it is, in the same workbook: edit it and import it again. Admins. */
  exportRegistry: action(z.object({ districtId: idSchema }).strict(), storedFileSchema),
  /** Reads an uploaded workbook (the caller's own upload) and answers what importing it would do. Writes only the preview. Admins. */
  preview: action(z.object({ districtId: idSchema, fileID: z.string().min(1).max(500), fileName: fileNameSchema }).strict(), importSummarySchema),
  /** The preview's rows, refused first, then new, changed and unchanged; optionally of one fate. */
  rows: action(pageInputSchema.extend({ importId: idSchema, fate: rowFateSchema.optional() }).strict(), pageOf(importRowSchema)),
  /**
   * Applies a previewed import (again: continues one being applied). A file with refused rows applies
   * nothing unless `validOnly`. Each call writes a bounded number of rows and answers the progress;
   * the app calls again until `state` is applied (the `outbox` timer finishes it if the app goes away).
   */
  apply: action(z.object({ importId: idSchema, validOnly: z.boolean().default(false) }).strict(), importSummarySchema),
};
