import ExcelJS from 'exceljs';
// JSZip comes with exceljs (its zip layer): here it makes archives no spreadsheet program would.
import JSZip from 'jszip';
import { AppError } from '../../cloudfunctions/_shared/errors';
import { cellText, columnLetters, MAX_UNPACKED_BYTES, readWorkbook, SheetSpec, writeWorkbook, zipDirectory } from '../../cloudfunctions/_shared/spreadsheet';

/**
 * The functions' workbooks (cloudfunctions/_shared/spreadsheet/, on exceljs): what `writeWorkbook`
 * writes, read back by exceljs's own reader; what `readWorkbook` makes of workbooks as people fill them
 * in (formulas, dates, merged cells, stray columns) and of files that are no workbook at all.
 */

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A workbook made as a person would, with exceljs: one sheet, row 1 the header. */
async function made(fill: (sheet: ExcelJS.Worksheet) => void, name = '名单'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet(name));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return { code: (err as AppError).code, message: (err as AppError).message };
}

describe('cell text', () => {
  test('characters XML cannot carry are dropped', () => {
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

  test('column letters run A…Z, AA…', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('writeWorkbook', () => {
  const sheets = (): SheetSpec[] => [
    {
      name: '花名册',
      columns: [
        { header: '序号', key: 'n', width: 6 },
        { header: '姓名', key: 'name', width: 20 },
        { header: '', key: 'note' },
      ],
      freezeHeader: true,
      rows: [
        { n: 1, name: '=cmd|"/c calc"!A1' },
        { n: 2.5, name: 'a & <b> "c"\u0001', note: null },
        { n: '合计', name: '' },
      ],
      boldRows: [2],
    },
    { name: '汇总', columns: [{ header: '人数', key: 'people' }], rows: [{ people: 3 }] },
  ];

  test('exceljs reads back what was written: a bold header, widths, a frozen header, text and numbers, bold rows', async () => {
    const bytes = await writeWorkbook(sheets(), { createdAt: new Date('2026-12-05T02:00:00Z') });
    // An Office Open XML package: a zip whose first part is [Content_Types].xml.
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(bytes.subarray(30, 30 + '[Content_Types].xml'.length).toString()).toBe('[Content_Types].xml');

    const workbook = await load(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['花名册', '汇总']);
    expect(workbook.created.toISOString()).toBe('2026-12-05T02:00:00.000Z');
    const roll = workbook.getWorksheet('花名册')!;
    expect([roll.getCell('A1').value, roll.getCell('B1').value, roll.getCell('C1').value]).toEqual(['序号', '姓名', null]);
    expect(roll.getCell('A1').font?.bold).toBe(true);
    expect(roll.getCell('A2').font?.bold).toBeFalsy();
    // Neutralised, and never a formula.
    expect(roll.getCell('B2').value).toBe(`'=cmd|"/c calc"!A1`);
    expect(roll.getCell('B2').formula).toBeUndefined();
    expect([roll.getCell('A3').value, roll.getCell('B3').value, roll.getCell('C3').value]).toEqual([2.5, 'a & <b> "c"', null]);
    expect([roll.getCell('A4').value, roll.getCell('B4').value]).toEqual(['合计', null]);
    expect(roll.getCell('A4').font?.bold).toBe(true);
    expect(roll.getColumn(2).width).toBe(20);
    expect(roll.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.getCell('A2').value).toBe(3);
    expect(summary.views?.[0]?.state).not.toBe('frozen');
  });

  test('what Excel would refuse, and a row field no column shows, are mistakes that throw', async () => {
    const one = (patch: Partial<SheetSpec>) => [{ ...sheets()[1], ...patch }];
    await expect(writeWorkbook([])).rejects.toThrow('at least one sheet');
    await expect(writeWorkbook(one({ name: '名单[1]' }))).rejects.toThrow('sheet name');
    await expect(writeWorkbook(one({ name: 'x'.repeat(32) }))).rejects.toThrow('sheet name');
    await expect(writeWorkbook(one({ rows: [{ people: Number.NaN }] }))).rejects.toThrow('finite number');
    await expect(writeWorkbook(one({ rows: [{ peple: 3 }] }))).rejects.toThrow('no column has the key peple');
  });

  test('a sheet of 2,000 rows is deflated to well under callFunction’s 1 MB answer', async () => {
    const rows = Array.from({ length: 2000 }, (_x, i) => ({ n: i + 1, name: `居民${i}`, dish: '热菜：家常红烧肉炖土豆' }));
    const bytes = await writeWorkbook([{ name: '花名册', columns: ['n', 'name', 'dish'].map((key) => ({ header: key, key })), rows }]);
    expect(bytes.length).toBeLessThan(100 * 1024);
    const read = await readWorkbook(bytes);
    expect(read.sheets[0].rows).toHaveLength(2000);
  });
});

describe('readWorkbook', () => {
  test('row 1 is the header; each row with anything in it is a record by header, text trimmed, empty text null', async () => {
    const bytes = await made((sheet) => {
      sheet.addRow(['  姓名 ', '电话', '人数']);
      sheet.addRow([' 王秀兰 ', '13800000000', 3]);
      sheet.addRow([]);
      sheet.addRow(['   ', null, null]);
      sheet.addRow(['李强', 13900000000, null]);
    });
    const { sheets } = await readWorkbook(bytes);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toEqual({
      name: '名单',
      headers: ['姓名', '电话', '人数'],
      rows: [
        { rowNumber: 2, cells: { 姓名: '王秀兰', 电话: '13800000000', 人数: 3 } },
        { rowNumber: 5, cells: { 姓名: '李强', 电话: 13900000000, 人数: null } },
      ],
      missing: [],
      unknown: [],
      problems: [],
    });
  });

  test('what writeWorkbook writes reads back as written', async () => {
    const bytes = await writeWorkbook([
      {
        name: '导入模板',
        columns: [
          { header: '姓名', key: 'name' },
          { header: '人数', key: 'n' },
        ],
        rows: [{ name: '王秀兰', n: 2 }, { name: '李强' }],
      },
    ]);
    const [sheet] = (await readWorkbook(bytes)).sheets;
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: { 姓名: '王秀兰', 人数: 2 } },
      { rowNumber: 3, cells: { 姓名: '李强', 人数: null } },
    ]);
  });

  test('a formula is refused cell by cell, in words the person can act on; so is an error value', async () => {
    const bytes = await made((sheet) => {
      sheet.addRow(['姓名', '人数', '备注']);
      sheet.addRow(['王秀兰', 2, '']);
      sheet.addRow(['李强', { formula: 'B2+1', result: 3 }, { error: '#N/A' }]);
      sheet.getCell('B4').value = { formula: 'B3+1', result: 4 };
      sheet.getCell('A4').value = '赵敏';
    });
    const [sheet] = (await readWorkbook(bytes)).sheets;
    expect(sheet.problems.map((p) => p.message)).toEqual([
      '第 3 行“人数”是公式，请改成数值或文字',
      '第 3 行“备注”是错误值 #N/A，请改正',
      '第 4 行“人数”是公式，请改成数值或文字',
    ]);
    expect(sheet.problems[0]).toMatchObject({ rowNumber: 3, column: '人数' });
    // The value a formula shows is not taken for what was typed.
    expect(sheet.rows.find((r) => r.rowNumber === 3)!.cells['人数']).toBeNull();
  });

  test('a shared formula (filled down in Excel) is a formula too', async () => {
    const bytes = await made((sheet) => {
      sheet.addRow(['人数']);
      sheet.getCell('A2').value = 1;
      sheet.getCell('A3').value = { formula: 'A2+1', result: 2, shareType: 'shared', ref: 'A3:A4' } as ExcelJS.CellValue;
      sheet.getCell('A4').value = { sharedFormula: 'A3', result: 3 } as ExcelJS.CellValue;
    });
    const [sheet] = (await readWorkbook(bytes)).sheets;
    expect(sheet.problems.map((p) => p.message)).toEqual(['第 3 行“人数”是公式，请改成数值或文字', '第 4 行“人数”是公式，请改成数值或文字']);
  });

  test('missing and unknown columns are reported against the expected ones, and rows carry only known columns', async () => {
    const bytes = await made((sheet) => {
      sheet.addRow(['姓名', '年龄', '备注', null, '身份证']);
      sheet.addRow(['王秀兰', 70, '独居', '多余的内容', '370611']);
    });
    const [sheet] = (await readWorkbook(bytes, { columns: { required: ['姓名', '电话'], optional: ['备注'] } })).sheets;
    expect(sheet.missing).toEqual(['电话']);
    expect(sheet.unknown).toEqual(['年龄', '身份证', '第 D 列（没有列名）']);
    expect(sheet.problems.map((p) => p.message)).toEqual([
      '表格缺少“电话”列，请按模板填写第 1 行的列名',
      '第 1 行的“年龄”不是模板里的列名，请删掉这一列或改成模板里的列名',
      '第 1 行的“身份证”不是模板里的列名，请删掉这一列或改成模板里的列名',
      '第 D 列（没有列名）有内容，请在第 1 行填上列名或删掉这一列',
    ]);
    expect(sheet.rows).toEqual([{ rowNumber: 2, cells: { 姓名: '王秀兰', 备注: '独居' } }]);
  });

  test('two columns with one header are refused', async () => {
    const bytes = await made((sheet) => {
      sheet.addRow(['姓名', '电话', '姓名']);
      sheet.addRow(['王秀兰', '138', '李强']);
    });
    const [sheet] = (await readWorkbook(bytes)).sheets;
    expect(sheet.problems.map((p) => p.message)).toEqual(['第 1 行有两列都叫“姓名”，请只留一列']);
  });

  test('dates read as the day typed, rich text and links as their text, merged cells as their first cell', async () => {
    const bytes = await made((sheet) => {
      sheet.addRow(['社区', '日期', '说明', '链接']);
      sheet.addRow([
        '幸福社区',
        new Date(Date.UTC(2026, 11, 5)),
        { richText: [{ text: '粗体' }, { text: '普通 ' }] },
        { text: '福山区', hyperlink: 'https://example.com' },
      ]);
      sheet.addRow([null, new Date(Date.UTC(2026, 11, 5, 9, 30)), 'x']);
      sheet.mergeCells('A2:A3');
      sheet.getCell('B2').numFmt = 'yyyy-mm-dd';
      sheet.getCell('B3').numFmt = 'yyyy-mm-dd hh:mm';
    });
    const [sheet] = (await readWorkbook(bytes)).sheets;
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows.map((r) => r.cells)).toEqual([
      { 社区: '幸福社区', 日期: '2026-12-05', 说明: '粗体普通', 链接: '福山区' },
      { 社区: '幸福社区', 日期: '2026-12-05 09:30', 说明: 'x', 链接: null },
    ]);
  });

  test('past maxRows the rest is not read and the person is told where to split', async () => {
    const bytes = await made((sheet) => {
      sheet.addRow(['姓名']);
      for (let i = 0; i < 5; i++) sheet.addRow([`居民${i}`]);
    });
    const [sheet] = (await readWorkbook(bytes, { maxRows: 3 })).sheets;
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(sheet.problems.map((p) => p.message)).toEqual(['一次最多导入 3 行，请把第 5 行起的内容分到另一个文件']);
  });

  test('every sheet is read, each with its own header', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('一').addRows([['姓名'], ['王']]);
    workbook.addWorksheet('二').addRows([['电话'], ['138']]);
    const { sheets } = await readWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(sheets.map((s) => [s.name, s.rows[0].cells])).toEqual([
      ['一', { 姓名: '王' }],
      ['二', { 电话: '138' }],
    ]);
  });
});

describe('files that are no workbook', () => {
  test('an old .xls, a CSV or a picture is FILE_NOT_XLSX; so is a zip of something else', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await refusal(readWorkbook(xls))).toEqual({ code: 'FILE_NOT_XLSX', message: '请上传 .xlsx 格式的 Excel 文件' });
    expect((await refusal(readWorkbook(Buffer.from('姓名,电话\n王,138\n')))).code).toBe('FILE_NOT_XLSX');
    expect((await refusal(readWorkbook(Buffer.alloc(0)))).code).toBe('FILE_NOT_XLSX');
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    expect((await refusal(readWorkbook(await docx.generateAsync({ type: 'nodebuffer' })))).code).toBe('FILE_NOT_XLSX');
  });

  test('a workbook cut short, or with a broken part, is FILE_DAMAGED', async () => {
    const bytes = await made((sheet) => sheet.addRows([['姓名'], ['王秀兰']]));
    expect(zipDirectory(bytes)!.map((e) => e.name)).toContain('xl/workbook.xml');
    expect(await refusal(readWorkbook(bytes.subarray(0, bytes.length - 200)))).toEqual({
      code: 'FILE_DAMAGED',
      message: '文件已损坏，无法读取，请在 Excel 中重新保存为 .xlsx 后再上传',
    });
    const zip = await JSZip.loadAsync(bytes);
    zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c>');
    zip.file('xl/workbook.xml', 'not xml at all <<<');
    expect((await refusal(readWorkbook(await zip.generateAsync({ type: 'nodebuffer' })))).code).toBe('FILE_DAMAGED');
  });

  test('a workbook that unpacks past what a function can hold is FILE_TOO_LARGE before it is read', async () => {
    const zip = await JSZip.loadAsync(await made((sheet) => sheet.addRows([['姓名'], ['王秀兰']])));
    // Zeros deflate to almost nothing: a small file, a large workbook.
    zip.file('xl/media/padding.bin', Buffer.alloc(MAX_UNPACKED_BYTES));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(100 * 1024);
    expect(await refusal(readWorkbook(bytes))).toEqual({ code: 'FILE_TOO_LARGE', message: '表格内容太多，请分成几个文件上传（每个文件约 2 万行以内）' });
  });
});
