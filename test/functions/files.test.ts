import ExcelJS from 'exceljs';
import { MAX_UPLOAD_BYTES } from '../../contract';
import { startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * Uploaded files as the functions read them (cloudfunctions/_shared/files.ts), against the local cloud's
 * storage through the real wx-server-sdk: the checks every function that reads an upload makes, whatever
 * the app checked before uploading.
 */

type Files = typeof import('../../cloudfunctions/_shared/files');
type Sdk = typeof import('wx-server-sdk');
let cloud: TestCloud;
let files: Files;
let sdk: Sdk;

beforeAll(async () => {
  cloud = await startCloud();
  // Before the function code loads: its SDK instance is made at import.
  useCloudFromThisProcess(cloud);
  files = require('../../cloudfunctions/_shared/files');
  sdk = require('wx-server-sdk');
});
afterAll(() => cloud?.stop());

const upload = async (cloudPath: string, bytes: Buffer) => ((await sdk.uploadFile({ cloudPath, fileContent: bytes })) as unknown as { fileID: string }).fileID;

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('名单').addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; message?: string } | null;
  expect(err).not.toBeNull();
  return { code: err!.code!, message: err!.message! };
}

test('an uploaded workbook is read by header; what to fix in it is in its problems', async () => {
  const fileID = await upload(
    'imports/admin-a/名单.xlsx',
    await workbook([
      ['姓名', '电话', '人数'],
      [' 王秀兰 ', '13800000000', 2],
      ['李强', '13900000000', { formula: 'C2+1', result: 3 }],
    ]),
  );
  const { sheets } = await files.readUploadedWorkbook(fileID, { folder: 'imports/admin-a/', columns: { required: ['姓名', '电话'], optional: ['人数'] } });
  expect(sheets[0].rows).toEqual([
    { rowNumber: 2, cells: { 姓名: '王秀兰', 电话: '13800000000', 人数: 2 } },
    { rowNumber: 3, cells: { 姓名: '李强', 电话: '13900000000', 人数: null } },
  ]);
  expect(sheets[0].problems.map((p) => p.message)).toEqual(['第 3 行“人数”是公式，请改成数值或文字']);
});

test('over 5 MB is FILE_TOO_LARGE, however it was uploaded', async () => {
  const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(MAX_UPLOAD_BYTES - 3)]);
  const fileID = await upload('imports/admin-a/big.xlsx', big);
  expect(await refusal(files.readUploadedWorkbook(fileID))).toEqual({ code: 'FILE_TOO_LARGE', message: '文件不能超过 5 MB' });
  // Exactly 5 MB is allowed (and is then no workbook).
  const fileID2 = await upload('imports/admin-a/just.xlsx', big.subarray(0, MAX_UPLOAD_BYTES));
  expect((await files.downloadUploaded(fileID2)).length).toBe(MAX_UPLOAD_BYTES);
  expect((await refusal(files.readUploadedWorkbook(fileID2))).code).toBe('FILE_DAMAGED');
});

test('a picture or an old .xls named .xlsx is FILE_NOT_XLSX; a workbook cut short is FILE_DAMAGED', async () => {
  const png = await upload('imports/admin-a/photo.xlsx', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  expect(await refusal(files.readUploadedWorkbook(png))).toEqual({ code: 'FILE_NOT_XLSX', message: '请上传 .xlsx 格式的 Excel 文件' });
  const xls = await upload('imports/admin-a/old.xlsx', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'));
  expect((await refusal(files.readUploadedWorkbook(xls))).code).toBe('FILE_NOT_XLSX');
  const whole = await workbook([['姓名'], ['王秀兰']]);
  const cut = await upload('imports/admin-a/cut.xlsx', whole.subarray(0, whole.length - 100));
  expect((await refusal(files.readUploadedWorkbook(cut))).code).toBe('FILE_DAMAGED');
});

test('a fileID that is none, outside the caller’s folder, or of a file gone, is refused', async () => {
  expect((await refusal(files.readUploadedWorkbook('imports/admin-a/名单.xlsx'))).code).toBe('BAD_INPUT');
  expect((await refusal(files.readUploadedWorkbook('cloud://env.bucket/imports/../secret.xlsx'))).code).toBe('BAD_INPUT');
  const theirs = await upload('imports/admin-b/名单.xlsx', await workbook([['姓名'], ['王']]));
  expect(await refusal(files.readUploadedWorkbook(theirs, { folder: 'imports/admin-a/' }))).toEqual({ code: 'FORBIDDEN', message: '只能读取自己上传的文件' });
  // A folder is a whole segment: `imports/admin-` is not a prefix of `imports/admin-b/`.
  expect((await refusal(files.readUploadedWorkbook(theirs, { folder: 'imports/admin-' }))).code).toBe('FORBIDDEN');
  expect((await files.readUploadedWorkbook(theirs, { folder: 'imports/admin-b' })).sheets[0].rows).toHaveLength(1);
  await files.deleteUploaded([theirs, theirs]);
  expect(await refusal(files.readUploadedWorkbook(theirs))).toEqual({ code: 'NOT_FOUND', message: '没有找到上传的文件，请重新上传' });
});

test('cloudPathOf takes the path after the bucket', () => {
  expect(files.cloudPathOf('cloud://prod-1a2b.7072-prod-1a2b-1300000000/imports/o1/名单 1.xlsx')).toBe('imports/o1/名单 1.xlsx');
  for (const bad of ['', 'imports/x.xlsx', 'cloud://env-only', 'cloud://env.bucket/', 'cloud://env.bucket/a//b', 'https://x/y'])
    expect(files.cloudPathOf(bad)).toBeNull();
});
