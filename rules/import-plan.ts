/**
 * What an import of a spreadsheet would do, row by row, before anything is written: each row is new,
 * changed (with the difference), unchanged, or refused (with its reasons, in Chinese). Pure: the caller
 * reads the rows and the stored records, this compares them.
 *
 * A row is matched to a stored record by its natural key (a street's code, a compound's community and
 * name…). Two rows of one file with the same key are a mistake: the later ones are refused, naming the
 * first, so that applying the file twice can never depend on the order of its rows.
 */

/** One row as read from the sheet: its fields when they are valid, else what is wrong with it. */
export type ReadRow<F> =
  { row: number; key: string; fields: F; problems?: undefined } | { row: number; key: string | null; fields?: undefined; problems: string[] };

/** A difference of one field, as the admin reads it in the preview. */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export type RowFate<F> =
  | { row: number; fate: 'new'; key: string; fields: F }
  | { row: number; fate: 'changed'; key: string; id: string; fields: F; changes: FieldChange[] }
  | { row: number; fate: 'unchanged'; key: string; id: string }
  | { row: number; fate: 'refused'; key: string | null; reasons: string[] };

export interface SheetRules<F> {
  /** The compared fields in the order the preview shows them, with their column names. */
  labels: Partial<Record<keyof F & string, string>>;
  /** A field's value as the admin reads it (and as it is compared): equal text, equal value. */
  show: (field: keyof F & string, fields: F) => string;
}

export function planRows<F>(rows: ReadRow<F>[], stored: Map<string, { id: string; fields: F }>, rules: SheetRules<F>): RowFate<F>[] {
  const firstRowOfKey = new Map<string, number>();
  return rows.map((read): RowFate<F> => {
    if (read.key !== null) {
      const first = firstRowOfKey.get(read.key);
      if (first !== undefined) return { row: read.row, fate: 'refused', key: read.key, reasons: [`与第 ${first} 行重复`] };
      firstRowOfKey.set(read.key, read.row);
    }
    if (read.problems) return { row: read.row, fate: 'refused', key: read.key, reasons: read.problems };
    const existing = stored.get(read.key);
    if (!existing) return { row: read.row, fate: 'new', key: read.key, fields: read.fields };
    const changes = changesBetween(existing.fields, read.fields, rules);
    if (changes.length === 0) return { row: read.row, fate: 'unchanged', key: read.key, id: existing.id };
    return { row: read.row, fate: 'changed', key: read.key, id: existing.id, fields: read.fields, changes };
  });
}

export function changesBetween<F>(before: F, after: F, rules: SheetRules<F>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, label] of Object.entries(rules.labels) as Array<[keyof F & string, string]>) {
    const was = rules.show(field, before);
    const now = rules.show(field, after);
    if (was !== now) changes.push({ field, label, before: was, after: now });
  }
  return changes;
}

/** How many rows of each fate: the preview's summary line. */
export function fateCounts(fates: Array<{ fate: RowFate<unknown>['fate'] }>): Record<RowFate<unknown>['fate'], number> {
  const counts = { new: 0, changed: 0, unchanged: 0, refused: 0 };
  for (const { fate } of fates) counts[fate]++;
  return counts;
}
