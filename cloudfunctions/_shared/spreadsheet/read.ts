import type { Cell, Worksheet } from 'exceljs';
import { AppError } from '../errors';
import { CellValue, loadWorkbookClass } from './workbook';

/** Reading an uploaded workbook: checked as a zip before exceljs opens it, every cell read as text or a number or a problem. */

/**
 * The most a workbook may unpack to (its parts' sizes, as its zip directory declares them). exceljs
 * holds a whole workbook in memory, about ten times its XML: 10 MB of XML (some 20,000 rows of 8
 * columns) needs about 100 MB of a function's 256 MB (docs/PERFORMANCE.md, "Spreadsheets").
 */
export const MAX_UNPACKED_BYTES = 10 * 1024 * 1024;

export interface ReadOptions {
  /**
   * The columns expected, by header. Missing required ones and headers of neither list are reported
   * (`missing`, `unknown`, and a problem each); rows then carry only the known columns. Without it,
   * every headed column is read.
   */
  columns?: { required: readonly string[]; optional?: readonly string[] };
  /** Rows after the header read at most; more is a problem (the rows past it are not read). */
  maxRows?: number;
}

export interface ReadRow {
  /** The row's number as Excel shows it (the header is 1). */
  rowNumber: number;
  /** By header: trimmed text (empty text is null), a number, or null. */
  cells: Record<string, CellValue>;
}

export interface ReadProblem {
  /** Excel's row number, or null for a problem of the whole sheet. */
  rowNumber: number | null;
  /** The header of the column concerned, or null. */
  column: string | null;
  /** What is wrong and what to do, in plain Chinese, for the person who made the file. */
  message: string;
}

export interface ReadSheet {
  name: string;
  /** Row 1's headers, left to right, trimmed (columns without one are left out). */
  headers: string[];
  /** The rows that hold anything, in order. */
  rows: ReadRow[];
  /** Required headers not in row 1. */
  missing: string[];
  /** Headers of neither list, and `第 X 列（没有列名）` for a column with data but no header. */
  unknown: string[];
  /** Everything to fix before the sheet can be used; empty when it is clean. */
  problems: ReadProblem[];
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;

/** Whether the bytes start as a zip archive does (an .xlsx is one; an old .xls, a CSV or a picture is not). */
export function looksLikeZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL;
}

/**
 * The zip's directory: each part's name and unpacked size as declared. Null when the archive is cut
 * short or its directory is broken. (zip64 archives, for parts over 4 GB, have no place here: their
 * sizes read as 4 GB and are refused as too large.)
 */
export function zipDirectory(bytes: Buffer): Array<{ name: string; size: number }> | null {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--) {
    if (bytes.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: Array<{ name: string; size: number }> = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== ZIP_CENTRAL) return null;
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (at + 46 + skip > end) return null;
    entries.push({ name: bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'), size });
    at += 46 + skip;
  }
  return entries;
}

/** Excel's letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  return name;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date cell as text. Excel stores a wall-clock day and time without a zone and exceljs hands it over
 * as that instant in UTC, so it is read back in UTC: `YYYY-MM-DD`, with ` HH:mm` when it has a time.
 */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return d.getUTCHours() || d.getUTCMinutes() ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

type Read = { value: CellValue } | { problem: string };

function trimmed(text: string): CellValue {
  const t = text.trim();
  return t === '' ? null : t;
}

/** A cell as a value, or why it cannot be one. Merged cells read as their first cell (a community merged down a column fills each row). */
function readCell(cell: Cell): Read {
  const v: unknown = cell.master.value;
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { problem: '不是有效的数字' };
  if (typeof v === 'string') return { value: trimmed(v) };
  if (typeof v === 'boolean') return { value: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { problem: '不是有效的日期' } : { value: dateText(v) };
  const o = v as { formula?: unknown; sharedFormula?: unknown; error?: unknown; richText?: Array<{ text: string }>; text?: unknown };
  if (o.formula !== undefined || o.sharedFormula !== undefined) return { problem: '是公式，请改成数值或文字' };
  if (o.error !== undefined) return { problem: `是错误值 ${String(o.error)}，请改正` };
  if (Array.isArray(o.richText)) return { value: trimmed(o.richText.map((r) => r.text).join('')) };
  if (typeof o.text === 'string') return { value: trimmed(o.text) }; // a hyperlink: its text
  return { problem: '的内容无法识别，请改成数值或文字' };
}

const cellProblem = (rowNumber: number, column: string, what: string): ReadProblem => ({
  rowNumber,
  column,
  message: `第 ${rowNumber} 行“${column}”${what}`,
});

function readSheet(sheet: Worksheet, options: ReadOptions): ReadSheet {
  const problems: ReadProblem[] = [];
  const headerRow = sheet.getRow(1);
  const lastColumn = Math.max(sheet.columnCount, headerRow.cellCount);
  /** Header by column number. */
  const headerOf = new Map<number, string>();
  const seen = new Set<string>();
  /** Columns whose header is refused (told once, not again as columns without a header). */
  const refused = new Set<number>();
  for (let c = 1; c <= lastColumn; c++) {
    const read = readCell(headerRow.getCell(c));
    if ('problem' in read) {
      problems.push({ rowNumber: 1, column: null, message: `第 1 行第 ${columnLetters(c)} 列的列名${read.problem}` });
      refused.add(c);
      continue;
    }
    if (read.value === null) continue;
    const header = String(read.value);
    if (seen.has(header)) {
      problems.push({ rowNumber: 1, column: header, message: `第 1 行有两列都叫“${header}”，请只留一列` });
      refused.add(c);
      continue;
    }
    seen.add(header);
    headerOf.set(c, header);
  }
  const headers = Array.from(headerOf.values());

  const expected = options.columns;
  const known = expected ? new Set([...expected.required, ...(expected.optional ?? [])]) : null;
  const missing = expected ? expected.required.filter((h) => !seen.has(h)) : [];
  const unknown = known ? headers.filter((h) => !known.has(h)) : [];
  for (const h of missing) problems.push({ rowNumber: 1, column: h, message: `表格缺少“${h}”列，请按模板填写第 1 行的列名` });
  for (const h of unknown) problems.push({ rowNumber: 1, column: h, message: `第 1 行的“${h}”不是模板里的列名，请删掉这一列或改成模板里的列名` });
  const wanted = (c: number) => headerOf.has(c) && (!known || known.has(headerOf.get(c)!));

  const rows: ReadRow[] = [];
  const headless = new Set<number>();
  const maxRows = options.maxRows ?? Infinity;
  let dataRows = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1 || dataRows > maxRows) return;
    const cells: Record<string, CellValue> = {};
    for (const h of headers) if (!known || known.has(h)) cells[h] = null;
    let any = false;
    const rowProblems: ReadProblem[] = [];
    const last = Math.max(lastColumn, row.cellCount);
    for (let c = 1; c <= last; c++) {
      const read = readCell(row.getCell(c));
      if (!headerOf.has(c)) {
        if (!refused.has(c) && (!('value' in read) || read.value !== null)) headless.add(c);
        continue;
      }
      if (!wanted(c)) continue;
      const header = headerOf.get(c)!;
      if ('problem' in read) {
        rowProblems.push(cellProblem(rowNumber, header, read.problem));
        any = true;
      } else if (read.value !== null) {
        cells[header] = read.value;
        any = true;
      }
    }
    if (!any) return;
    dataRows++;
    if (dataRows > maxRows) {
      problems.push({ rowNumber, column: null, message: `一次最多导入 ${maxRows} 行，请把第 ${rowNumber} 行起的内容分到另一个文件` });
      return;
    }
    problems.push(...rowProblems);
    rows.push({ rowNumber, cells });
  });
  for (const c of Array.from(headless).sort((a, b) => a - b)) {
    const label = `第 ${columnLetters(c)} 列（没有列名）`;
    unknown.push(label);
    problems.push({ rowNumber: 1, column: null, message: `${label}有内容，请在第 1 行填上列名或删掉这一列` });
  }
  return { name: sheet.name, headers, rows, missing, unknown, problems };
}

/**
 * Reads a workbook's sheets: row 1 is the header, each following row with anything in it a record by
 * header. Refuses (AppError) what is not a workbook (`FILE_NOT_XLSX`), what cannot be read
 * (`FILE_DAMAGED`) and what unpacks past MAX_UNPACKED_BYTES (`FILE_TOO_LARGE`); what a person must fix
 * in a sheet that was read (a formula, an error value, a missing or unknown column) is in its `problems`.
 */
export async function readWorkbook(bytes: Buffer, options: ReadOptions = {}): Promise<{ sheets: ReadSheet[] }> {
  if (!looksLikeZip(bytes)) throw new AppError('FILE_NOT_XLSX');
  const directory = zipDirectory(bytes);
  if (!directory) throw new AppError('FILE_DAMAGED');
  if (!directory.some((e) => e.name === 'xl/workbook.xml')) throw new AppError('FILE_NOT_XLSX');
  const unpacked = directory.reduce((sum, e) => sum + e.size, 0);
  if (unpacked > MAX_UNPACKED_BYTES) throw new AppError('FILE_TOO_LARGE', '表格内容太多，请分成几个文件上传（每个文件约 2 万行以内）');
  const Workbook = await loadWorkbookClass();
  const workbook = new Workbook();
  try {
    // exceljs types its input as an ArrayBuffer (its reader takes a Buffer too): a copy of the bytes in one.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw new AppError('FILE_DAMAGED');
  }
  return { sheets: workbook.worksheets.map((sheet) => readSheet(sheet, options)) };
}
