import path from 'path';
import { MAX_UPLOAD_BYTES } from '../../contract';
import { callFunction, startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';

/**
 * Cloud storage in the local cloud (localcloud/src/storage.ts), through the unmodified wx-server-sdk
 * 4.0.2 (its uploadFile, downloadFile, getTempFileURL and deleteFile reach `/admin` and the URLs it is
 * given, as they reach WeChat's TCB API and COS), from this process and from inside a function instance;
 * and the h5 app's stand-ins for wx.cloud.uploadFile and wx.cloud.getTempFileURL.
 */

type Sdk = typeof import('wx-server-sdk');
let cloud: TestCloud;
let sdk: Sdk;

beforeAll(async () => {
  cloud = await startCloud({ env: { LOCALCLOUD_FUNCTIONS: path.join(__dirname, 'fixtures', 'functions'), LOCALCLOUD_CALL_BUDGETS: '0' } });
  useCloudFromThisProcess(cloud);
  sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
});
afterAll(() => cloud?.stop());

// The SDK's typings mix callback and promise styles; results are read through this one cast.
const res = <T = any>(p: unknown) => p as Promise<T>;
const upload = (cloudPath: string, bytes: Buffer) => res<{ fileID: string }>(sdk.uploadFile({ cloudPath, fileContent: bytes }));
const download = (fileID: string) => res<{ fileContent: Buffer }>(sdk.downloadFile({ fileID }));
const tempUrls = (fileList: unknown[]) => res<{ fileList: any[] }>(sdk.getTempFileURL({ fileList } as never));
const remove = (fileList: string[]) => res<{ fileList: any[] }>(sdk.deleteFile({ fileList }));
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: { errCode?: number; code?: string; errMsg?: string }) => ({ code: e.code, errMsg: e.errMsg }),
  );

const BUCKET = '6c6f-local-dev-1300000000';
const xlsxLike = (n: number) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(n - 4, 7)]);

describe('the SDK: uploadFile, downloadFile, getTempFileURL, deleteFile', () => {
  test('a file goes up and comes back byte for byte, under a fileID cloud://<env>.<bucket>/<cloudPath>', async () => {
    const bytes = xlsxLike(300_000);
    const { fileID } = await upload('imports/admin-1/名单 1.xlsx', bytes);
    expect(fileID).toBe(`cloud://local-dev.${BUCKET}/imports/admin-1/名单 1.xlsx`);
    const { fileContent } = await download(fileID);
    expect(Buffer.isBuffer(fileContent)).toBe(true);
    expect(fileContent.equals(bytes)).toBe(true);
    // Uploading to the same path replaces the file, as COS does.
    await upload('imports/admin-1/名单 1.xlsx', Buffer.from('second'));
    expect((await download(fileID)).fileContent.toString()).toBe('second');
  });

  test('getTempFileURL: a URL served by the local cloud, 10 minutes by default, per file a status; at most 50 files', async () => {
    const { fileID } = await upload('exports/花名册.xlsx', xlsxLike(1000));
    const missing = `cloud://local-dev.${BUCKET}/exports/nope.xlsx`;
    const { fileList } = await tempUrls([fileID, missing, 'cloud://another-env.bucket/x.xlsx', { fileID, maxAge: 3600 }, { fileID, maxAge: 10 * 86_400 }]);
    expect(fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 600 });
    expect(fileList[0].tempFileURL).toMatch(new RegExp(`^${cloud.url}/storage/${BUCKET}/exports/花名册\\.xlsx\\?sign=[0-9a-f]+&t=\\d+$`));
    expect(fileList[1]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '' });
    expect(fileList[2]).toMatchObject({ status: -501007, tempFileURL: '' });
    expect(fileList[3]).toMatchObject({ status: 0, maxAge: 3600 });
    // Longer than a day is held to a day.
    expect(fileList[4]).toMatchObject({ status: 0, maxAge: 86_400 });

    const got = await fetch(fileList[0].tempFileURL);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(Buffer.from(await got.arrayBuffer()).equals(xlsxLike(1000))).toBe(true);

    expect(await failure(tempUrls(Array.from({ length: 51 }, () => fileID)))).toMatchObject({ code: 'INVALID_PARAM' });
  });

  test('a temporary URL expires, and one whose signature or expiry was changed is refused', async () => {
    const { fileID } = await upload('exports/short.xlsx', xlsxLike(100));
    const [{ tempFileURL }] = (await tempUrls([{ fileID, maxAge: 1 }])).fileList;
    expect((await fetch(tempFileURL)).status).toBe(200);
    const later = new URL(tempFileURL);
    later.searchParams.set('t', String(Number(later.searchParams.get('t')) + 3600));
    const forged = await fetch(later);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('<Code>AccessDenied</Code>');
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await fetch(tempFileURL);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  test('a missing file: downloadFile fails with STORAGE_FILE_NONEXIST; deleteFile answers per file', async () => {
    const { fileID } = await upload('tmp/gone.xlsx', xlsxLike(10));
    expect((await remove([fileID])).fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    expect(await failure(download(fileID))).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', errMsg: expect.stringContaining('downloadFile:fail') });
    expect((await remove([fileID])).fileList).toEqual([{ fileID, status: -503003, errMsg: expect.any(String) }]);
  });

  test('cloudPaths WeChat refuses, or that would escape a URL or a folder, are refused', async () => {
    for (const cloudPath of [
      '/abs.xlsx',
      'a//b.xlsx',
      '../up.xlsx',
      'a/./b.xlsx',
      'a?b.xlsx',
      'a#b.xlsx',
      '100%.xlsx',
      'a\\b.xlsx',
      'tab\there',
      'x'.repeat(851),
      'dir/',
    ]) {
      expect({ cloudPath, ...(await failure(upload(cloudPath, Buffer.from('x')))) }).toMatchObject({ cloudPath, code: 'INVALID_PARAM' });
    }
  });

  test('uploads need the token of storage.getUploadMetadata; storage actions need the SDK’s session token', async () => {
    const put = await fetch(`${cloud.url}/storage/${BUCKET}/sneaky.xlsx`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(403);
    expect(await put.text()).toContain('<Code>AccessDenied</Code>');
    const admin = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'sneaky.xlsx', sessionToken: 'guess' }),
    });
    expect(admin.status).toBe(403);
  });

  test('storage calls are not database calls: neither counted nor metered', async () => {
    const before = (await (await fetch(`${cloud.url}/health`)).json()).databaseRequests;
    const { fileID } = await upload('tmp/uncounted.xlsx', xlsxLike(10));
    await download(fileID);
    await remove([fileID]);
    expect((await (await fetch(`${cloud.url}/health`)).json()).databaseRequests).toBe(before);
  });

  test('inside a function instance the SDK stores and reads files the same way, with no database call', async () => {
    const { body, calls } = await callFunction<{ result: any }>(cloud.url, 'storage', { cloudPath: 'fn/报名表.xlsx', text: '从函数上传' });
    expect(body.result).toMatchObject({ ok: true, fileID: `cloud://local-dev.${BUCKET}/fn/报名表.xlsx`, text: '从函数上传' });
    expect(await (await fetch(body.result.tempFileURL)).text()).toBe('从函数上传');
    expect(calls.total).toBe(0);
  });
});

describe('the h5 app: /storage/upload and /storage/getTempFileURL (wx.cloud.uploadFile, wx.cloud.getTempFileURL)', () => {
  const post = (pathname: string, body: string | Buffer, headers: Record<string, string>) =>
    fetch(`${cloud.url}${pathname}`, { method: 'POST', body: body as unknown as BodyInit, headers });
  const uploadAs = (openid: string | null, cloudPath: string, bytes: Buffer, type = 'application/octet-stream') =>
    post(`/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, bytes, { 'content-type': type, ...(openid ? { 'x-wx-openid': openid } : {}) });
  const tempUrlsAs = (openid: string, fileList: string[]) =>
    post('/storage/getTempFileURL', JSON.stringify({ fileList }), { 'content-type': 'application/json', 'x-wx-openid': openid });

  test('a user uploads, and gets a URL of their own file only (仅创建者可读写)', async () => {
    const up = await uploadAs('h5-admin', 'imports/h5-admin/名单.xlsx', xlsxLike(5000));
    expect(up.status).toBe(200);
    const { fileID, errMsg } = await up.json();
    expect([fileID, errMsg]).toEqual([`cloud://local-dev.${BUCKET}/imports/h5-admin/名单.xlsx`, 'cloud.uploadFile:ok']);
    // The functions read it with the SDK.
    expect((await download(fileID)).fileContent.length).toBe(5000);

    const mine = await (await tempUrlsAs('h5-admin', [fileID])).json();
    expect(mine).toMatchObject({ errMsg: 'cloud.getTempFileURL:ok', fileList: [{ fileID, status: 0, errMsg: 'ok' }] });
    expect((await fetch(mine.fileList[0].tempFileURL)).status).toBe(200);
    const theirs = await (await tempUrlsAs('h5-someone-else', [fileID])).json();
    expect(theirs.fileList[0]).toMatchObject({ status: -503002, tempFileURL: '' });
    // Nor may another user overwrite it.
    expect((await uploadAs('h5-someone-else', 'imports/h5-admin/名单.xlsx', xlsxLike(10))).status).toBe(403);
    expect((await download(fileID)).fileContent.length).toBe(5000);
  });

  test('over 5 MB is refused with FILE_TOO_LARGE, after the body is read, so the app sees the answer', async () => {
    const up = await uploadAs('h5-admin', 'imports/h5-admin/big.xlsx', xlsxLike(MAX_UPLOAD_BYTES + 1));
    expect(up.status).toBe(413);
    expect(await up.json()).toMatchObject({ code: 'FILE_TOO_LARGE', errCode: -503001, errMsg: expect.stringContaining('cloud.uploadFile:fail') });
    expect((await uploadAs('h5-admin', 'imports/h5-admin/just.xlsx', xlsxLike(MAX_UPLOAD_BYTES))).status).toBe(200);
  });

  test('no identity, another type of body, a bad path, another origin: refused before anything is stored', async () => {
    expect((await uploadAs(null, 'imports/x.xlsx', xlsxLike(10))).status).toBe(401);
    // A form or text/plain is what a page elsewhere can send without a preflight.
    expect((await uploadAs('h5-admin', 'imports/x.xlsx', xlsxLike(10), 'text/plain')).status).toBe(415);
    expect((await uploadAs('h5-admin', 'imports/x.xlsx', xlsxLike(10), 'multipart/form-data; boundary=x')).status).toBe(415);
    expect((await uploadAs('h5-admin', '../x.xlsx', xlsxLike(10))).status).toBe(400);
    const foreign = await post('/storage/upload?cloudPath=x.xlsx', xlsxLike(10), {
      'content-type': 'application/octet-stream',
      'x-wx-openid': 'h5-admin',
      origin: 'http://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect((await tempUrlsAs('h5-admin', [])).status).toBe(400);
    expect((await tempUrls([`cloud://local-dev.${BUCKET}/x.xlsx`])).fileList[0].status).toBe(-503003);
  });
});

describe('durability', () => {
  test('files outlive a restart of the local cloud', async () => {
    const { fileID } = await upload('keep/名单.xlsx', xlsxLike(2000));
    await cloud.stop();
    cloud = await startCloud({ dataDir: cloud.dataDir });
    // The SDK here still points at the old port: ask the restarted cloud directly, with its secret.
    const admin = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: fileID }], sessionToken: cloud.secret }),
    });
    const { data } = await admin.json();
    expect(data.download_list[0]).toMatchObject({ fileID, code: 'SUCCESS' });
    // As the SDK's downloadFile does: the URL carries the path as typed.
    const got = await fetch(encodeURI(data.download_list[0].tempFileURL));
    expect(Buffer.from(await got.arrayBuffer()).equals(xlsxLike(2000))).toBe(true);
  });
});
