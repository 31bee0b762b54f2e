import { readWorkbook, writeWorkbook } from '../../cloudfunctions/_shared/spreadsheet';
import { IMPORT_SHEET_NAMES, IMPORT_SHEETS, ImportSheet } from '../../contract';
import { generateDemoData, seedDemoData } from '../../demo/seed';
import { ActionAnswer, callAction, expectOk, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * The `imports` function, called as the app calls it, on a cloud seeded with the demo district: the
 * district's registry goes out as a workbook and comes back in (the round trip), and every kind of bad
 * file or row is refused in words, with nothing half-applied.
 */

let cloud: TestCloud;
let sdk: typeof import('wx-server-sdk');
const data = generateDemoData(new Date());
const ADMIN = 'demo-admin';
const DISTRICT = data.districts[0]._id;

const call = (action: string, input: unknown, openid: string = ADMIN): Promise<ActionAnswer> => callAction(cloud.url, 'imports', action, input, openid);
const refusal = (answer: ActionAnswer) => (answer.ok ? 'ok' : answer.code);

let uploads = 0;
/** Uploads bytes as the app does (into the caller's folder of cloud storage): the fileID. */
async function upload(bytes: Buffer, openid = ADMIN): Promise<string> {
  const { fileID } = await sdk.uploadFile({ cloudPath: `imports/${openid}/test-${++uploads}.xlsx`, fileContent: bytes });
  return fileID;
}

type Rows = Partial<Record<ImportSheet, Array<Record<string, string | number>>>>;
/** A workbook of the template's sheets with these rows (columns as the rows name them). */
async function workbook(rows: Rows): Promise<Buffer> {
  return writeWorkbook(
    (Object.keys(rows) as ImportSheet[]).map((sheet) => {
      const headers = Array.from(new Set(rows[sheet]!.flatMap((r) => Object.keys(r))));
      return { name: IMPORT_SHEET_NAMES[sheet], columns: headers.map((h) => ({ header: h, key: h })), rows: rows[sheet]! };
    }),
  );
}

async function preview(bytes: Buffer, fileName = '导入.xlsx') {
  return call('preview', { districtId: DISTRICT, fileID: await upload(bytes), fileName });
}

/** Every row of a preview, following the pages. */
async function allRows(importId: string): Promise<any[]> {
  const rows: any[] = [];
  let cursor: string | undefined;
  do {
    const page = expectOk(await call('rows', { importId, pageSize: 50, ...(cursor ? { cursor } : {}) }));
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

/** Applies until done, as the app does (each call writes a bounded number of rows). */
async function applyAll(importId: string, validOnly = false) {
  for (let calls = 1; ; calls++) {
    const summary = expectOk(await call('apply', { importId, validOnly }));
    if (summary.state === 'applied') return { summary, calls };
    if (calls > 200) throw new Error('apply never finished');
  }
}

/** A stored workbook's sheets, each as its rows' cell texts sorted (a sheet's order among equal names follows ids). */
async function sheetsOf(fileID: string): Promise<Record<string, string[]>> {
  const { fileContent } = (await sdk.downloadFile({ fileID })) as { fileContent: Buffer };
  const { sheets } = await readWorkbook(fileContent);
  return Object.fromEntries(sheets.map((s) => [s.name, s.rows.map((r) => JSON.stringify(r.cells)).sort()]));
}

async function count(collection: string): Promise<number> {
  const { total } = (await sdk.database().collection(collection).count()) as unknown as { total: number };
  return total;
}

const community = data.communities[0];
const compoundRow = (overrides: Record<string, string | number> = {}) => ({
  小区名称: '新建小区',
  所属社区: community.name,
  经度: community.location.coordinates[0] + 0.001,
  纬度: community.location.coordinates[1],
  户数: 120,
  ...overrides,
});

beforeAll(async () => {
  cloud = await startCloud();
  useCloudFromThisProcess(cloud);
  sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  await seedDemoData(sdk.database(), new Date());
}, 120_000);
afterAll(() => cloud?.stop());

describe('who may import', () => {
  test('district admins only; staff, leaders, residents and strangers are refused', async () => {
    const file = await workbook({ compounds: [compoundRow()] });
    const previewed = expectOk(await preview(file));
    for (const openid of ['demo-staff', 'demo-leader', 'demo-resident', 'demo-stranger']) {
      expect(refusal(await call('rows', { importId: previewed.id }, openid))).toBe('FORBIDDEN');
      expect(refusal(await call('apply', { importId: previewed.id, validOnly: false }, openid))).toBe('FORBIDDEN');
      expect(refusal(await call('template', {}, openid))).toBe('FORBIDDEN');
      expect(refusal(await call('exportRegistry', { districtId: DISTRICT }, openid))).toBe('FORBIDDEN');
      expect(refusal(await call('preview', { districtId: DISTRICT, fileID: await upload(file, openid), fileName: 'a.xlsx' }, openid))).toBe('FORBIDDEN');
    }
  });

  test('an import nobody previewed is not found', async () => {
    expect(refusal(await call('rows', { importId: 'no-such-import' }))).toBe('NOT_FOUND');
    expect(refusal(await call('apply', { importId: 'no-such-import', validOnly: false }))).toBe('NOT_FOUND');
  });

  test('an admin reads only files they uploaded themselves', async () => {
    const fileID = await upload(await workbook({ compounds: [compoundRow()] }), 'demo-staff');
    expect(await call('preview', { districtId: DISTRICT, fileID, fileName: 'a.xlsx' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('files that cannot be imported are refused in words, and nothing is written', () => {
  test('a damaged file, a file over 5 MB, a file that is not .xlsx', async () => {
    const good = await workbook({ compounds: [compoundRow()] });
    expect(await preview(good.subarray(0, good.length / 2))).toMatchObject({ ok: false, code: 'FILE_DAMAGED', message: expect.stringContaining('损坏') });
    expect(await preview(Buffer.concat([good, Buffer.alloc(6 * 1024 * 1024)]))).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(await preview(Buffer.from('小区名称,所属社区\n东苑,清洋社区\n'))).toMatchObject({ ok: false, code: 'FILE_NOT_XLSX' });
    expect(await preview(good, 'a.csv')).toMatchObject({ ok: false, code: 'BAD_INPUT' });
  });

  test('wrong columns and unknown sheets are problems of the file: nothing can be applied', async () => {
    const summary = expectOk(await preview(await workbook({ compounds: [{ 名称: '东苑', 所属社区: community.name, 经度: 121.2, 纬度: 37.5, 户数: 1 }] })));
    expect(summary.fileProblems).toEqual([expect.stringContaining('缺少列：小区名称'), expect.stringContaining('不认识的列：名称')]);
    expect(await call('apply', { importId: summary.id, validOnly: true })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const other = await writeWorkbook([{ name: '人员', columns: [{ header: '姓名', key: 'n' }], rows: [{ n: '王' }] }]);
    expect(expectOk(await preview(other)).fileProblems).toEqual([expect.stringContaining('不认识的工作表“人员”')]);
  });

  test('bad rows are refused with their row number and reason; applying then writes nothing unless only the valid rows are asked for', async () => {
    const before = await count('compounds');
    const file = await workbook({
      compounds: [
        compoundRow({ 小区名称: '甲小区' }),
        compoundRow({ 小区名称: '甲小区', 户数: 99 }),
        compoundRow({ 小区名称: '乙小区', 所属社区: '没有这个社区' }),
        compoundRow({ 小区名称: '丙小区', 户数: '很多' }),
        compoundRow({ 小区名称: '丁小区', 经度: 100 }),
      ],
    });
    const summary = expectOk(await preview(file));
    expect(summary.fileProblems).toEqual([]);
    expect(summary.counts.compounds).toEqual({ refused: 4, new: 1, changed: 0, unchanged: 0 });
    const rows = await allRows(summary.id);
    expect(rows.filter((r) => r.fate === 'refused').map((r) => [r.row, r.reasons])).toEqual([
      [3, ['与第 2 行重复']],
      [4, [expect.stringContaining('没有找到社区“没有这个社区”')]],
      [5, ['“户数”要填数字']],
      [6, [expect.stringContaining('超过 5 公里')]],
    ]);
    expect(await call('apply', { importId: summary.id })).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('4 行有错误') });
    expect(await count('compounds')).toBe(before);

    const { summary: applied } = await applyAll(summary.id, true);
    expect(applied).toMatchObject({ state: 'applied', toApply: 1, applied: 1, failed: 0 });
    expect(await count('compounds')).toBe(before + 1);
  });

  test('a code another district holds is refused, not taken over', async () => {
    const other = expectOk(await callAction(cloud.url, 'registry', 'saveDistrict', { code: 'T-OTHER', name: '牟平区' }, ADMIN));
    expectOk(await callAction(cloud.url, 'registry', 'saveStreet', { code: 'T-OTHER-1', name: '宁海街道', districtId: other.id }, ADMIN));
    const summary = expectOk(await preview(await workbook({ streets: [{ 街道代码: 'T-OTHER-1', 街道名称: '宁海街道' }] })));
    expect(await allRows(summary.id)).toEqual([expect.objectContaining({ row: 2, fate: 'refused', reasons: ['这个街道代码已被其他区的街道使用'] })]);
  });

  test('a formula is refused in the row it is in', async () => {
    const ExcelJS = require('exceljs') as typeof import('exceljs');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('小区');
    sheet.addRow(['小区名称', '所属社区', '经度', '纬度', '户数']);
    sheet.addRow(['公式小区', community.name, community.location.coordinates[0], community.location.coordinates[1], { formula: '100+20', result: 120 }]);
    const summary = expectOk(await preview(Buffer.from(await book.xlsx.writeBuffer())));
    expect(await allRows(summary.id)).toEqual([
      expect.objectContaining({ row: 2, fate: 'refused', reasons: expect.arrayContaining([expect.stringContaining('是公式')]) }),
    ]);
  });

  test('a team in a community the file itself adds, under a street the file adds, goes in parents first', async () => {
    const file = await workbook({
      teams: [{ 服务队名称: '新社区理发队', 所属社区: '新建社区', 服务类别: '理发', 服务项目: '理发、剃须', 队长姓名: '钱队长', 队长手机: '13912345678' }],
      communities: [{ 社区代码: 'T-NEW-1', 社区名称: '新建社区', 所属街道: '新建街道', 经度: 121.3, 纬度: 37.5, 户数: 900 }],
      streets: [{ 街道代码: 'T-NEW', 街道名称: '新建街道' }],
    });
    const summary = expectOk(await preview(file));
    expect([summary.counts.streets.new, summary.counts.communities.new, summary.counts.teams.new]).toEqual([1, 1, 1]);
    await applyAll(summary.id);
    const team = expectOk(await callAction(cloud.url, 'service', 'listTeams', { keyword: '新社区理发队' }, 'demo-resident')).items[0];
    expect(team).toMatchObject({ name: '新社区理发队', communityName: '新建社区' });
    const detail = expectOk(await callAction(cloud.url, 'service', 'getTeam', { teamId: team.id }, 'demo-resident'));
    expect(detail.leaders).toEqual(['钱队长']);
  });
});

describe('the round trip', () => {
  test('the demo district exported as .xlsx reproduces it; importing it again changes nothing', async () => {
    const exported = expectOk(await call('exportRegistry', { districtId: DISTRICT }));
    const fileBefore = await sheetsOf(exported.fileID);
    expect(Object.keys(fileBefore)).toEqual(IMPORT_SHEETS.map((s) => IMPORT_SHEET_NAMES[s]));
    const { fileContent } = (await sdk.downloadFile({ fileID: exported.fileID })) as { fileContent: Buffer };

    // The same file against the district it came from: nothing to do.
    const same = expectOk(await preview(fileContent));
    for (const sheet of IMPORT_SHEETS) expect(same.counts[sheet]).toMatchObject({ refused: 0, new: 0, changed: 0 });

    // The registry wiped (the district and the people stay), then built again from the file.
    const db = sdk.database();
    const _ = db.command;
    for (const collection of ['streets', 'communities', 'compounds', 'teams', 'stations']) {
      await db
        .collection(collection)
        .where({ _id: _.exists(true) })
        .remove();
    }
    const rebuilt = expectOk(await preview(fileContent));
    expect(rebuilt.counts).toEqual({
      streets: { refused: 0, new: fileBefore['街道'].length, changed: 0, unchanged: 0 },
      communities: { refused: 0, new: fileBefore['社区'].length, changed: 0, unchanged: 0 },
      compounds: { refused: 0, new: fileBefore['小区'].length, changed: 0, unchanged: 0 },
      teams: { refused: 0, new: fileBefore['服务队'].length, changed: 0, unchanged: 0 },
      stations: { refused: 0, new: fileBefore['服务站'].length, changed: 0, unchanged: 0 },
    });
    const { summary } = await applyAll(rebuilt.id);
    expect(summary).toMatchObject({ state: 'applied', failed: 0, applied: summary.toApply });
    const again = expectOk(await call('exportRegistry', { districtId: DISTRICT }));
    expect(await sheetsOf(again.fileID)).toEqual(fileBefore);

    // A second import of the same file: every row unchanged, and applying writes nothing.
    const second = expectOk(await preview(fileContent));
    for (const sheet of IMPORT_SHEETS) expect(second.counts[sheet]).toMatchObject({ refused: 0, new: 0, changed: 0 });
    const changes = await count('audit_log');
    expect(expectOk(await call('apply', { importId: second.id }))).toMatchObject({ state: 'applied', toApply: 0 });
    expect(await count('audit_log')).toBe(changes);
  }, 180_000);

  test('a changed row shows the difference, and applying it is audited as the import', async () => {
    const exported = expectOk(await call('exportRegistry', { districtId: DISTRICT }));
    const { fileContent } = (await sdk.downloadFile({ fileID: exported.fileID })) as { fileContent: Buffer };
    const { sheets } = await readWorkbook(fileContent);
    const streetsSheet = sheets.find((s) => s.name === '街道')!;
    const rows = streetsSheet.rows.map((r) => r.cells as Record<string, string>);
    const was = rows[0]['街道名称'];
    rows[0] = { ...rows[0], 街道名称: `${was}（新）` };
    const summary = expectOk(await preview(await workbook({ streets: rows })));
    expect(summary.counts.streets).toMatchObject({ changed: 1, unchanged: rows.length - 1 });
    const [changed] = (await allRows(summary.id)).filter((r) => r.fate === 'changed');
    // What will be saved, as the registry tidies names (full-width brackets become plain ones).
    expect(changed.changes).toEqual([{ label: '街道名称', before: was, after: `${was}(新)` }]);
    expect((await applyAll(summary.id)).summary).toMatchObject({ applied: 1, failed: 0 });
    const { data: entries } = (await sdk.database().collection('audit_log').where({ action: 'imports.apply', kind: 'streets' }).get()) as unknown as {
      data: any[];
    };
    expect(entries.some((e) => e.after.name === `${was}(新)` && e.before.name === was && e.actor === ADMIN)).toBe(true);
    // Importing the same file again finds nothing to do.
    expect(expectOk(await preview(await workbook({ streets: rows }))).counts.streets).toMatchObject({ changed: 0, unchanged: rows.length });
  });
});

test('the template has every sheet with its columns and an example row', async () => {
  const template = expectOk(await call('template', {}));
  expect(template.fileName).toMatch(/\.xlsx$/);
  // The app opens it by the URL the function made (the user did not create the file, so could not ask for one).
  const opened = await fetch(template.url);
  expect(opened.status).toBe(200);
  expect(
    Buffer.from(await opened.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  const sheets = await sheetsOf(template.fileID);
  expect(Object.keys(sheets)).toEqual(IMPORT_SHEETS.map((s) => IMPORT_SHEET_NAMES[s]));
  for (const rows of Object.values(sheets)) expect(rows).toHaveLength(1);
});
