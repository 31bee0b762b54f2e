import { now } from '../clock';
import { CellValue, loadWorkbookClass } from './workbook';

/** Writing a workbook: its sheets, columns and rows, every text made safe for the file's XML. */

export interface SheetColumn {
  /** Row 1's text (bold); '' leaves the header cell empty. */
  header: string;
  /** The row field this column shows. */
  key: string;
  /** In characters. */
  width?: number;
}

export interface SheetSpec {
  /** At most 31 characters, none of : \ / ? * [ ] (Excel's rules). */
  name: string;
  columns: SheetColumn[];
  /** One record per row, by column key (absent or undefined: an empty cell); a key no column has is a mistake and throws. */
  rows: Array<Record<string, CellValue | undefined>>;
  /** Rows (indexes into `rows`) in bold: a totals line, a second header. */
  boldRows?: number[];
  /** Keep the header row in view when scrolling. */
  freezeHeader?: boolean;
}

/** Characters XML 1.0 cannot carry at all (C0 controls but tab, newline, return; lone surrogates; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A user's text made safe for a cell: characters XML cannot carry are dropped, and text a spreadsheet
 * would read as a formula once re-saved as CSV (starting = + - @, tab or return) gets a leading
 * apostrophe, the usual neutraliser (OWASP "CSV injection").
 */
export function cellText(text: string): string {
  const clean = text.replace(FORBIDDEN_IN_XML, '');
  return /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
}

const SHEET_NAME_PROBLEM = /[:\\/?*[\]]/;

function cellValue(value: CellValue | undefined): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a cell holds a finite number, not ${value}`);
    return value;
  }
  return cellText(value);
}

/**
 * A whole .xlsx file: each sheet's header row in bold, then its rows; column widths; the header frozen
 * when asked. Parts are deflated (a roster of 2,000 sign-ups is about 90 KB, well under callFunction's
 * 1 MB answer). `createdAt` stamps the file's properties (default: the functions' clock).
 */
export async function writeWorkbook(sheets: SheetSpec[], options: { createdAt?: Date } = {}): Promise<Buffer> {
  if (sheets.length === 0) throw new Error('a workbook has at least one sheet');
  const Workbook = await loadWorkbookClass();
  const workbook = new Workbook();
  const at = options.createdAt ?? now();
  workbook.creator = '幸福家园';
  workbook.created = at;
  workbook.modified = at;
  for (const spec of sheets) {
    if (!spec.name || spec.name.length > 31 || SHEET_NAME_PROBLEM.test(spec.name)) throw new Error(`not a sheet name Excel accepts: ${spec.name}`);
    const sheet = workbook.addWorksheet(spec.name, { views: spec.freezeHeader ? [{ state: 'frozen', ySplit: 1, xSplit: 0 }] : [] });
    spec.columns.forEach((column, i) => {
      if (column.width !== undefined) sheet.getColumn(i + 1).width = column.width;
    });
    const keys = new Set(spec.columns.map((c) => c.key));
    sheet.addRow(spec.columns.map((c) => cellValue(c.header))).font = { bold: true };
    const bold = new Set(spec.boldRows ?? []);
    spec.rows.forEach((record, i) => {
      for (const key of Object.keys(record)) if (!keys.has(key)) throw new Error(`sheet ${spec.name}: no column has the key ${key}`);
      const row = sheet.addRow(spec.columns.map((c) => cellValue(record[c.key])));
      if (bold.has(i)) row.font = { bold: true };
    });
  }
  const bytes = await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 9 } } });
  return Buffer.from(bytes as ArrayBuffer);
}
