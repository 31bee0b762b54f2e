import {
  DEFAULT_MESSAGES,
  FateCounts,
  IMPORT_SHEET_NAMES,
  IMPORT_SHEETS,
  ImportRow,
  ImportSheet,
  importsContract,
  ImportSummary,
  ROW_FATES,
} from '../../contract';
import { formatInChina } from '../../rules/china-time';
import { fateCounts, planRows, ReadRow, RowFate } from '../../rules/import-plan';
import { requireRole } from '../_shared/auth';
import { _, cloud, promised } from '../_shared/cloud';
import { collection, getById } from '../_shared/collections';
import { ImportDoc, ImportRowDoc } from '../_shared/docs';
import { AppError } from '../_shared/errors';
import { deleteUploaded, readUploadedWorkbook } from '../_shared/files';
import { JOB_HANDLERS } from '../_shared/fanouts';
import { actionRunLimits, jobIdOf, newJob, runJob, startJobInTx } from '../_shared/jobs';
import { newId } from '../_shared/ids';
import { decodeCursorAs, encodeCursor } from '../_shared/paging';
import { createRouter } from '../_shared/router';
import { CellValue, SheetSpec, writeWorkbook } from '../_shared/spreadsheet';
import { withTransaction } from '../_shared/transaction';
import { Parents, RowsOf } from './rows';
import { headerProblems, readRowOf, sheetNamed, SHEETS } from './sheets';
import { loadDistrict, parentsOf, Stored, storedRows } from './stored';
import { z } from 'zod';

/**
 * `imports`: the district's Excel lists in and out (district admins). The workbook's sheets and columns
 * are sheets.ts; each row's fate is rules/import-plan.ts; applying saves each row the way the registry's
 * screens do (_shared/import-apply.ts), a few rows per step of a job.
 */

/** Rows one workbook may hold, all sheets together: a district's registry is a few hundred. */
export const MAX_IMPORT_ROWS = 3000;

const NOT_FOUND_IMPORT = '没有找到这次导入，请重新上传文件';
const ELSEWHERE: Partial<Record<ImportSheet, { sheet: 'streets' | 'communities' | 'stations'; reason: string }>> = {
  streets: { sheet: 'streets', reason: '这个街道代码已被其他区的街道使用' },
  communities: { sheet: 'communities', reason: '这个社区代码已被其他区的社区使用' },
  stations: { sheet: 'stations', reason: '其他区已有同名的服务站，请改一个名称' },
};

/** A row's fields as the import document stores them: a record of field names to values. */
const recordOf = (fields: object): Record<string, unknown> => Object.fromEntries(Object.entries(fields));

function rowDoc<K extends ImportSheet>(sheet: K, fate: RowFate<RowsOf[K]>, titleOf: (key: string | null) => string): ImportRowDoc {
  const base = { sheet, row: fate.row, key: fate.key, failure: null, applied: false };
  switch (fate.fate) {
    case 'refused':
      return { ...base, fate: 'refused', title: titleOf(fate.key), reasons: fate.reasons, changes: [], fields: null, id: null };
    case 'new':
      return { ...base, fate: 'new', title: SHEETS[sheet].title(fate.fields), reasons: [], changes: [], fields: recordOf(fate.fields), id: null };
    case 'changed':
      return {
        ...base,
        fate: 'changed',
        title: SHEETS[sheet].title(fate.fields),
        reasons: [],
        changes: fate.changes.map(({ label, before, after }) => ({ label, before, after })),
        fields: recordOf(fate.fields),
        id: fate.id,
      };
    case 'unchanged':
      return { ...base, fate: 'unchanged', title: titleOf(fate.key), reasons: [], changes: [], fields: null, id: fate.id };
  }
}

function summaryOf(doc: ImportDoc): ImportSummary {
  const counts = Object.fromEntries(IMPORT_SHEETS.map((sheet) => [sheet, fateCounts(doc.rows.filter((r) => r.sheet === sheet))])) as Record<
    ImportSheet,
    FateCounts
  >;
  const reached = doc.rows.filter((r) => r.applied);
  const toApply = doc.toApply.length ? doc.toApply.length : doc.rows.filter((r) => r.fate === 'new' || r.fate === 'changed').length;
  return {
    id: doc._id,
    fileName: doc.fileName,
    districtId: doc.districtId,
    state: doc.state,
    fileProblems: doc.fileProblems,
    counts,
    toApply,
    applied: reached.filter((r) => r.failure === null).length,
    failed: reached.filter((r) => r.failure !== null).length,
    createdAt: doc.createdAt.toISOString(),
  };
}

/**
 * A workbook written to the caller's folder of cloud storage, and a temporary URL the app opens it by: the
 * function created the file, so the user could not ask for its URL themselves (storage is 仅创建者可读写).
 */
async function storeWorkbook(openid: string, fileName: string, sheets: SheetSpec[], now: Date): Promise<{ fileID: string; url: string; fileName: string }> {
  const fileContent = await writeWorkbook(sheets, { createdAt: now });
  const { fileID } = await cloud.uploadFile({ cloudPath: `exports/${openid}/${newId()}.xlsx`, fileContent });
  const { fileList } = await promised(cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] }));
  if (fileList[0]?.status !== 0) throw new AppError('INTERNAL', DEFAULT_MESSAGES.INTERNAL);
  return { fileID, url: fileList[0].tempFileURL, fileName };
}

function sheetSpec<K extends ImportSheet>(sheet: K, rows: Array<Record<string, CellValue>>): SheetSpec {
  return {
    name: IMPORT_SHEET_NAMES[sheet],
    columns: SHEETS[sheet].columns.map((c) => ({ header: c.header, key: c.header, width: c.width })),
    rows,
    freezeHeader: true,
  };
}

const rowsCursorSchema = z.strictObject({ at: z.number().int().min(0) });
/** The preview's rows in the order the admin reads them: refused first, then new, changed, unchanged; each by sheet and row. */
const FATE_ORDER = Object.fromEntries(ROW_FATES.map((fate, i) => [fate, i])) as Record<string, number>;

export const main = createRouter('imports', importsContract, {
  async template(_input, ctx) {
    const admin = await requireRole(ctx, 'admin');
    const sheets = IMPORT_SHEETS.map((sheet) => sheetSpec(sheet, [SHEETS[sheet].example]));
    return storeWorkbook(admin.openid, '辖区信息导入模板.xlsx', sheets, ctx.now);
  },

  async exportRegistry(input, ctx) {
    const admin = await requireRole(ctx, 'admin');
    const district = await loadDistrict(input.districtId);
    const stored = await storedRows(district._id);
    const rowsOf = <K extends ImportSheet>(sheet: K) =>
      [...(stored[sheet] as Stored[K]).values()].map(({ fields }) => SHEETS[sheet].write(fields as RowsOf[K]));
    const sheets = IMPORT_SHEETS.map((sheet) => sheetSpec(sheet, rowsOf(sheet)));
    return storeWorkbook(admin.openid, `${district.name}辖区信息-${formatInChina(ctx.now, 'YYYY-MM-DD')}.xlsx`, sheets, ctx.now);
  },

  async preview(input, ctx) {
    const admin = await requireRole(ctx, 'admin');
    const district = await loadDistrict(input.districtId);
    // Only the caller's own uploads (src/platform/cloudFiles.ts puts them under imports/<OPENID>/).
    const workbook = await readUploadedWorkbook(input.fileID, { folder: `imports/${admin.openid}/`, maxRows: MAX_IMPORT_ROWS });
    // Read once: the rows are kept with the preview, and the file (leaders' phones) need not stay in storage.
    await deleteUploaded([input.fileID]);
    const fileProblems: string[] = [];
    const bySheet = new Map<ImportSheet, (typeof workbook.sheets)[number]>();
    for (const read of workbook.sheets) {
      const sheet = sheetNamed(read.name);
      if (!sheet) {
        if (read.rows.length)
          fileProblems.push(`不认识的工作表“${read.name}”：请用模板里的表名（${IMPORT_SHEETS.map((s) => IMPORT_SHEET_NAMES[s]).join('、')}）`);
        continue;
      }
      bySheet.set(sheet, read);
      fileProblems.push(...headerProblems(sheet, read.headers));
      for (const problem of read.problems) if (problem.rowNumber === null) fileProblems.push(`“${read.name}”表：${problem.message}`);
    }
    const total = [...bySheet.values()].reduce((n, s) => n + s.rows.length, 0);
    if (!fileProblems.length && total === 0) fileProblems.push('文件里没有可导入的内容：请在模板的各表里逐行填写');
    if (total > MAX_IMPORT_ROWS) fileProblems.push(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请分成几个文件`);

    const rows: ImportRowDoc[] = [];
    if (!fileProblems.length) {
      const stored = await storedRows(district._id);
      const cellProblems = (sheet: ImportSheet, row: number) => (bySheet.get(sheet)?.problems ?? []).filter((p) => p.rowNumber === row).map((p) => p.message);
      const noParents: Parents = { street: () => null, community: () => null, refusedRow: () => null };
      const read = <K extends ImportSheet>(sheet: K, parents: Parents): ReadRow<RowsOf[K]>[] =>
        (bySheet.get(sheet)?.rows ?? []).map((r) => readRowOf(sheet, r.rowNumber, r.cells, parents, cellProblems(sheet, r.rowNumber)));
      // Streets first: the communities' rows find them; then communities: everything else finds those.
      const streetRows = read('streets', noParents);
      const communityRows = read('communities', parentsOf(stored, { streets: streetRows, communities: [] }));
      const parents = parentsOf(stored, { streets: streetRows, communities: communityRows });
      const plan = <K extends ImportSheet>(sheet: K, readRows: ReadRow<RowsOf[K]>[]) => {
        const storedOf = stored[sheet] as Map<string, { id: string; fields: RowsOf[K] }>;
        const titleOf = (key: string | null) => {
          const found = key === null ? undefined : storedOf.get(key);
          // A refused row's key names it (a compound's and a team's after its community's code).
          return found ? SHEETS[sheet].title(found.fields) : (key?.split('/').pop() ?? '');
        };
        const elsewhere = ELSEWHERE[sheet as ImportSheet];
        const taken = elsewhere ? stored.elsewhere[elsewhere.sheet] : null;
        for (const planned of planRows(readRows, storedOf, SHEETS[sheet].rules)) {
          // A key another district holds would edit that district's object: refused, not new.
          const fate: typeof planned =
            planned.fate === 'new' && elsewhere && taken?.has(planned.key)
              ? { row: planned.row, fate: 'refused', key: planned.key, reasons: [elsewhere.reason] }
              : planned;
          rows.push(rowDoc(sheet, fate, titleOf));
        }
      };
      plan('streets', streetRows);
      plan('communities', communityRows);
      plan('compounds', read('compounds', parents));
      plan('teams', read('teams', parents));
      plan('stations', read('stations', parents));
    }
    const doc: ImportDoc = {
      _id: newId(),
      districtId: district._id,
      fileName: input.fileName,
      by: admin.openid,
      state: 'previewed',
      fileProblems,
      rows,
      validOnly: false,
      toApply: [],
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    const { _id, ...fields } = doc;
    await collection('imports').doc(_id).set(fields);
    return summaryOf(doc);
  },

  async rows(input, ctx) {
    await requireRole(ctx, 'admin');
    const doc = await getById('imports', input.importId);
    if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND_IMPORT);
    const start = input.cursor ? decodeCursorAs(input.cursor, rowsCursorSchema).at : 0;
    const sheetOrder = (sheet: ImportSheet) => IMPORT_SHEETS.indexOf(sheet);
    const ordered = doc.rows
      .filter((r) => !input.fate || r.fate === input.fate)
      .sort((a, b) => FATE_ORDER[a.fate] - FATE_ORDER[b.fate] || sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row);
    const page = ordered.slice(start, start + input.pageSize);
    const items: ImportRow[] = page.map((r) => ({
      sheet: r.sheet,
      row: r.row,
      fate: r.fate,
      title: r.title,
      reasons: r.reasons,
      changes: r.changes,
      failure: r.applied ? r.failure : null,
    }));
    return { items, nextCursor: start + page.length < ordered.length ? encodeCursor({ at: start + page.length }) : null };
  },

  async apply(input, ctx) {
    const admin = await requireRole(ctx, 'admin');
    const jobId = jobIdOf('applyImport', input.importId);
    await withTransaction(async (tx) => {
      const doc = await tx.get('imports', input.importId);
      if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND_IMPORT);
      // Applying already (a second tap, another admin, a retry): continue it as it was started.
      if (doc.state !== 'previewed') return;
      if (doc.fileProblems.length) throw new AppError('BAD_INPUT', '文件有问题，不能导入：请按提示修改后重新上传');
      const refused = doc.rows.filter((r) => r.fate === 'refused').length;
      if (refused && !input.validOnly) throw new AppError('CONFLICT', `文件里有 ${refused} 行有错误，什么也没有导入。请修改后重新上传，或选择“只导入正确的行”`);
      // Parents before children: the sheets in order, each sheet's rows in order.
      const toApply = doc.rows
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => r.fate === 'new' || r.fate === 'changed')
        .map(({ i }) => i);
      await tx.update('imports', doc._id, { state: toApply.length ? 'applying' : 'applied', validOnly: input.validOnly, toApply, updatedAt: ctx.now });
      if (toApply.length) await startJobInTx(tx, newJob(jobId, 'applyImport', { importId: doc._id, byOpenid: admin.openid }, ctx.now));
    });
    await runJob(jobId, JOB_HANDLERS, actionRunLimits(ctx.now));
    const doc = await getById('imports', input.importId);
    if (!doc) throw new AppError('INTERNAL', DEFAULT_MESSAGES.INTERNAL);
    return summaryOf(doc);
  },
});
