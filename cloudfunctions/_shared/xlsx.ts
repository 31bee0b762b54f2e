import { deflateRawSync } from 'zlib';

/**
 * A small Office Open XML spreadsheet (.xlsx) writer: sheets of text and numbers, a bold header row,
 * column widths and a frozen header, in a zip container of our own. Pure (bytes in memory, no I/O),
 * so it is unit-tested byte by byte and runs in any cloud function.
 */

export type CellValue = string | number | null;

export interface SheetRow {
  cells: CellValue[];
  /** Bold, as a header or a totals line. */
  bold?: boolean;
}

export interface SheetSpec {
  /** At most 31 characters, none of : \ / ? * [ ] (Excel's rules). */
  name: string;
  /** Column widths in characters, first column first. */
  widths?: number[];
  rows: SheetRow[];
  /** Rows kept in view when scrolling (the header). */
  frozenRows?: number;
}

// ---- text in cells ----------------------------------------------------------------------------------

/** Characters XML 1.0 cannot carry at all (C0 controls but tab, newline, return; lone surrogates; U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/**
 * A user's text made safe for a cell: characters XML cannot carry are dropped, and text a spreadsheet
 * would read as a formula once re-saved as CSV (starting = + - @, tab or return) gets a leading
 * apostrophe, the usual neutraliser (OWASP "CSV injection").
 */
export function cellText(text: string): string {
  const clean = text.replace(FORBIDDEN_IN_XML, '');
  return /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
}

/** A 0-based column index as Excel's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// ---- the workbook's parts ------------------------------------------------------------------------

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** Style indexes of styles.xml's cellXfs: 0 plain, 1 bold. */
const BOLD_STYLE = 1;

function cellXml(value: CellValue, ref: string, bold: boolean): string {
  const style = bold ? ` s="${BOLD_STYLE}"` : '';
  if (value === null || value === '') return bold ? `<c r="${ref}"${style}/>` : '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a cell holds a finite number, not ${value}`);
    return `<c r="${ref}"${style}><v>${value}</v></c>`;
  }
  // xml:space keeps leading and trailing spaces as typed.
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cellText(value))}</t></is></c>`;
}

export function sheetXml(sheet: SheetSpec): string {
  const rows = sheet.rows
    .map((row, r) => `<row r="${r + 1}">${row.cells.map((value, c) => cellXml(value, `${columnName(c)}${r + 1}`, row.bold === true)).join('')}</row>`)
    .join('');
  const frozen = sheet.frozenRows
    ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${sheet.frozenRows}" topLeftCell="A${sheet.frozenRows + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
    : '';
  const widths = sheet.widths?.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${frozen}${widths}<sheetData>${rows}</sheetData></worksheet>`;
}

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const SHEET_NAME_PROBLEM = /[:\\/?*[\]]/;

/** The parts of a workbook, by their path in the package. */
export function workbookParts(sheets: SheetSpec[]): Array<{ name: string; text: string }> {
  if (sheets.length === 0) throw new Error('a workbook has at least one sheet');
  for (const s of sheets) {
    if (!s.name || s.name.length > 31 || SHEET_NAME_PROBLEM.test(s.name)) throw new Error(`not a sheet name Excel accepts: ${s.name}`);
  }
  const n = sheets.map((_, i) => i + 1);
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    n
      .map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('') +
    '</Types>';
  const rootRels = `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
    sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    n.map((i) => `<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    '</Relationships>';
  return [
    { name: '[Content_Types].xml', text: contentTypes },
    { name: '_rels/.rels', text: rootRels },
    { name: 'xl/workbook.xml', text: workbook },
    { name: 'xl/_rels/workbook.xml.rels', text: workbookRels },
    { name: 'xl/styles.xml', text: STYLES_XML },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: sheetXml(s) })),
  ];
}

// ---- the zip container -------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zip uses): crc32("123456789") = 0xCBF43926. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** Zip method numbers: 0 stored, 8 deflated. */
const STORED = 0;
const DEFLATED = 8;
/** 1980-01-01 00:00 in MS-DOS form: a fixed stamp keeps the same rows the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;

/**
 * A zip archive of the entries, in order. Each entry is stored as is, or, with `deflate`, deflated
 * when that makes it smaller (a sheet's repetitive XML shrinks about tenfold). The archive is small
 * (well under 4 GB and 65,535 entries), so no zip64 records.
 */
export function zip(entries: ZipEntry[], { deflate = false }: { deflate?: boolean } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const packed = deflate ? deflateRawSync(entry.data, { level: 9 }) : null;
    const useDeflate = packed !== null && packed.length < entry.data.length;
    const body = useDeflate ? packed : Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    const method = useDeflate ? DEFLATED : STORED;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directorySize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

/** A whole .xlsx file. */
export function xlsx(sheets: SheetSpec[], options: { deflate?: boolean } = {}): Uint8Array {
  return zip(
    workbookParts(sheets).map((p) => ({ name: p.name, data: new Uint8Array(Buffer.from(p.text, 'utf8')) })),
    options,
  );
}
