import ExcelJS from 'exceljs';
import { crc32 as zlibCrc32, inflateRawSync } from 'zlib';
import { cellText, columnName, crc32, escapeXml, sheetXml, workbookParts, xlsx, zip } from '../../cloudfunctions/_shared/xlsx';

/** Our own .xlsx writer (cloudfunctions/_shared/xlsx.ts): the zip container byte by byte, the XML, and what a real reader makes of it. */

interface ReadEntry {
  name: string;
  method: number;
  crc: number;
  data: Uint8Array;
}

/** Reads a zip the way an unzipper does: from the end-of-central-directory record to each local entry. */
function unzip(bytes: Uint8Array): ReadEntry[] {
  const buf = Buffer.from(bytes);
  const end = buf.length - 22;
  expect(buf.readUInt32LE(end)).toBe(0x06054b50);
  const count = buf.readUInt16LE(end + 10);
  const directorySize = buf.readUInt32LE(end + 12);
  let at = buf.readUInt32LE(end + 16);
  expect(at + directorySize).toBe(end);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const packedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = buf.readUInt32LE(at + 42);
    // The local header repeats what the central directory says.
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    expect([buf.readUInt16LE(local + 8), buf.readUInt32LE(local + 14), buf.readUInt32LE(local + 18), buf.readUInt32LE(local + 22)]).toEqual([
      method,
      crc,
      packedSize,
      size,
    ]);
    expect(buf.subarray(local + 30, local + 30 + nameLength).toString('utf8')).toBe(name);
    const start = local + 30 + nameLength + buf.readUInt16LE(local + 28);
    const packed = buf.subarray(start, start + packedSize);
    const data = method === 8 ? inflateRawSync(packed) : packed;
    expect(data.length).toBe(size);
    entries.push({ name, method, crc, data: new Uint8Array(data) });
    at += 46 + nameLength;
  }
  return entries;
}

const text = (data: Uint8Array) => Buffer.from(data).toString('utf8');

describe('zip container', () => {
  test('CRC-32 is the IEEE one zip uses', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    const sample = Buffer.from('花名册 <row r="1"/> '.repeat(50));
    expect(crc32(sample)).toBe(zlibCrc32(sample));
  });

  test('stored entries: headers, central directory and end record agree, and each CRC matches its bytes', () => {
    const files = [
      { name: 'a.txt', data: new Uint8Array(Buffer.from('hello')) },
      { name: 'dir/名单.xml', data: new Uint8Array(Buffer.from('<x>幸福家园</x>')) },
      { name: 'empty', data: new Uint8Array() },
    ];
    const bytes = zip(files);
    const read = unzip(bytes);
    expect(read.map((e) => [e.name, e.method, text(e.data)])).toEqual([
      ['a.txt', 0, 'hello'],
      ['dir/名单.xml', 0, '<x>幸福家园</x>'],
      ['empty', 0, ''],
    ]);
    for (const e of read) expect(e.crc).toBe(zlibCrc32(Buffer.from(e.data)));
    // Stored: the bytes are there as they are, name flagged UTF-8.
    expect(Buffer.from(bytes).indexOf('hello')).toBeGreaterThan(0);
    expect(Buffer.from(bytes).readUInt16LE(6) & 0x0800).toBe(0x0800);
    // The same entries give the same bytes.
    expect(Buffer.from(zip(files)).equals(Buffer.from(bytes))).toBe(true);
  });

  test('deflate shrinks what shrinks and stores what does not', () => {
    const repetitive = new Uint8Array(Buffer.from('<c r="A1" t="inlineStr"><is><t>报名成功</t></is></c>'.repeat(200)));
    const tiny = new Uint8Array(Buffer.from('x'));
    const bytes = zip(
      [
        { name: 'big.xml', data: repetitive },
        { name: 'tiny', data: tiny },
      ],
      { deflate: true },
    );
    const [big, small] = unzip(bytes);
    expect(big.method).toBe(8);
    expect(Buffer.from(big.data).equals(Buffer.from(repetitive))).toBe(true);
    expect(big.crc).toBe(zlibCrc32(Buffer.from(repetitive)));
    expect(small.method).toBe(0);
    expect(bytes.length).toBeLessThan(repetitive.length / 10);
  });
});

describe('cell text', () => {
  test('XML specials are escaped and characters XML cannot carry are dropped', () => {
    expect(escapeXml('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
    expect(cellText('王\u0000秀\u0007兰\u001F')).toBe('王秀兰');
    expect(cellText('第一行\n第二行\t尾')).toBe('第一行\n第二行\t尾');
    expect(cellText('bad \uD800 surrogate \uFFFF')).toBe('bad  surrogate ');
    expect(cellText('😀 ok')).toBe('😀 ok');
  });

  test('text a spreadsheet would run as a formula gets a leading apostrophe', () => {
    for (const risky of ['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd']) expect(cellText(risky)).toBe(`'${risky}`);
    expect(cellText('\u0000=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    for (const safe of ['王秀兰', '热菜：=红烧肉', '13812345678', '']) expect(cellText(safe)).toBe(safe);
  });

  test('column names run A…Z, AA…', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('workbook', () => {
  test('sheets hold inline strings and numbers, a bold header, widths and a frozen header', () => {
    const xml = sheetXml({
      name: 's',
      widths: [6, 12],
      frozenRows: 1,
      rows: [{ bold: true, cells: ['序号', '姓名'] }, { cells: [1, '<王>'] }, { cells: [2, null] }],
    });
    expect(xml).toContain('<col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="12" customWidth="1"/>');
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">序号</t></is></c>');
    expect(xml).toContain('<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t xml:space="preserve">&lt;王&gt;</t></is></c></row>');
    expect(xml).toContain('<row r="3"><c r="A3"><v>2</v></c></row>');
    expect(() => sheetXml({ name: 's', rows: [{ cells: [Number.NaN] }] })).toThrow();
  });

  test('the package names every part in [Content_Types].xml and the workbook relationships', () => {
    const parts = workbookParts([
      { name: '花名册', rows: [] },
      { name: '汇总', rows: [] },
    ]);
    expect(parts.map((p) => p.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const types = parts[0].text;
    for (const part of ['/xl/workbook.xml', '/xl/styles.xml', '/xl/worksheets/sheet1.xml', '/xl/worksheets/sheet2.xml'])
      expect(types).toContain(`PartName="${part}"`);
    expect(parts[2].text).toContain('<sheet name="花名册" sheetId="1" r:id="rId1"/><sheet name="汇总" sheetId="2" r:id="rId2"/>');
    expect(parts[3].text).toContain('Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"');
    expect(() => workbookParts([])).toThrow();
    expect(() => workbookParts([{ name: '名单[1]', rows: [] }])).toThrow();
    expect(() => workbookParts([{ name: 'x'.repeat(32), rows: [] }])).toThrow();
  });

  test.each([false, true])('an independent reader (exceljs) reads it back as written (deflate: %s)', async (deflate) => {
    const bytes = xlsx(
      [
        {
          name: '花名册',
          widths: [6, 20],
          frozenRows: 1,
          rows: [{ bold: true, cells: ['序号', '姓名'] }, { cells: [1, '=cmd|"/c calc"!A1'] }, { cells: [2.5, 'a & <b> "c"\u0001'] }],
        },
        { name: '汇总', rows: [{ cells: ['人数', 3] }] },
      ],
      { deflate },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const roll = workbook.getWorksheet('花名册')!;
    expect(roll.getCell('A1').value).toBe('序号');
    expect(roll.getCell('A1').font?.bold).toBe(true);
    expect(roll.getCell('A2').font?.bold).toBeFalsy();
    expect(roll.getCell('B2').value).toBe(`'=cmd|"/c calc"!A1`);
    expect(roll.getCell('B2').formula).toBeUndefined();
    expect([roll.getCell('A3').value, roll.getCell('B3').value]).toEqual([2.5, 'a & <b> "c"']);
    expect(roll.getColumn(2).width).toBe(20);
    expect(roll.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(workbook.getWorksheet('汇总')!.getCell('B1').value).toBe(3);
  });
});
