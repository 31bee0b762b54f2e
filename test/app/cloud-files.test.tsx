import { checkXlsx, CloudFileError, pickXlsx, uploadFile } from '../../src/platform/cloudFiles';
import { setDemoOpenid } from '../../src/stores/identity';

/**
 * Cloud files from the app (src/platform/cloudFiles.ts): picking an .xlsx, uploading it and getting a
 * file's URL, through WeChat on weapp and through the local cloud's endpoints on h5 (which
 * test/localcloud/storage.test.ts tests from the other side), refusals in the user's words.
 */
jest.mock('@tarojs/taro', () => {
  const taro = require('./taroMock').taroModuleWithStubs();
  // Taro's babel step makes `Taro.chooseMessageFile()` a named import; `Taro.cloud.*` stays on the default export.
  const cloud = { uploadFile: jest.fn(), getTempFileURL: jest.fn() };
  return { ...taro, chooseMessageFile: jest.fn(), cloud, default: { ...taro.default, cloud } };
});

const taro = jest.requireMock('@tarojs/taro') as { chooseMessageFile: jest.Mock; cloud: { uploadFile: jest.Mock; getTempFileURL: jest.Mock } };
const MB = 1024 * 1024;

async function refused(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CloudFileError);
  return (err as Error).message;
}

afterEach(() => {
  process.env.TARO_ENV = 'h5';
  jest.restoreAllMocks();
});

test('an .xlsx of at most 5 MB passes; anything else is refused in the words the functions use', () => {
  expect(() => checkXlsx({ name: '名单.XLSX', size: 5 * MB })).not.toThrow();
  expect(() => checkXlsx({ name: '名单.xls', size: 100 })).toThrow('请上传 .xlsx 格式的 Excel 文件');
  expect(() => checkXlsx({ name: '名单.xlsx', size: 5 * MB + 1 })).toThrow('文件不能超过 5 MB');
  expect(() => checkXlsx({ name: '名单.xlsx', size: 0 })).toThrow('文件是空的');
});

describe('on weapp', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    taro.chooseMessageFile.mockReset();
    taro.cloud.uploadFile.mockReset();
    taro.cloud.getTempFileURL.mockReset();
  });

  test('the user picks one .xlsx from a chat; cancelling is no error', async () => {
    taro.chooseMessageFile.mockResolvedValue({ tempFiles: [{ name: '名单.xlsx', size: 2048, path: 'wxfile://tmp/a.xlsx', time: 0, type: 'file' }] });
    expect(await pickXlsx()).toEqual({ name: '名单.xlsx', size: 2048, source: 'wxfile://tmp/a.xlsx' });
    expect(taro.chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx'] });
    taro.chooseMessageFile.mockRejectedValue({ errMsg: 'chooseMessageFile:fail cancel' });
    expect(await pickXlsx()).toBeNull();
    taro.chooseMessageFile.mockResolvedValue({ tempFiles: [{ name: '大名单.xlsx', size: 6 * MB, path: 'wxfile://tmp/b.xlsx', time: 0, type: 'file' }] });
    expect(await refused(pickXlsx())).toBe('文件不能超过 5 MB');
  });

  test('uploads through Taro.cloud; failures are said plainly', async () => {
    taro.cloud.uploadFile.mockResolvedValue({ fileID: 'cloud://env.bucket/imports/o/a.xlsx', statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
    const picked = { name: 'a.xlsx', size: 10, source: 'wxfile://tmp/a.xlsx' };
    expect(await uploadFile(picked, 'imports/o/a.xlsx')).toBe('cloud://env.bucket/imports/o/a.xlsx');
    expect(taro.cloud.uploadFile).toHaveBeenCalledWith({ cloudPath: 'imports/o/a.xlsx', filePath: 'wxfile://tmp/a.xlsx' });
    expect(await refused(uploadFile({ ...picked, size: 5 * MB + 1 }, 'imports/o/a.xlsx'))).toBe('文件不能超过 5 MB');
    taro.cloud.uploadFile.mockRejectedValue({ errMsg: 'cloud.uploadFile:fail network' });
    expect(await refused(uploadFile(picked, 'imports/o/a.xlsx'))).toBe('上传失败，请检查网络后重试');
  });
});

describe('on h5', () => {
  function answer(status: number, body: unknown) {
    const fetchMock = jest.fn(async () => ({ status, ok: status < 300, json: async () => body }) as unknown as Response);
    Object.assign(globalThis, { fetch: fetchMock });
    return fetchMock;
  }

  test('a file input offers .xlsx files; the chosen File is picked, a cancel is null', async () => {
    const file = new File([new Uint8Array(300)], '名单.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    let accept = '';
    jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      accept = this.accept;
      Object.defineProperty(this, 'files', { value: [file] });
      this.dispatchEvent(new Event('change'));
    });
    expect(await pickXlsx()).toEqual({ name: '名单.xlsx', size: 300, source: file });
    expect(accept).toContain('.xlsx');
    expect(document.querySelector('input[type=file]')).toBeNull();

    jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      this.dispatchEvent(new Event('cancel'));
    });
    expect(await pickXlsx()).toBeNull();
  });

  test('uploads to the local cloud as the demo user, as bytes; a 413 is “too large”', async () => {
    setDemoOpenid('demo-admin');
    const file = new File([new Uint8Array(300)], '名单.xlsx');
    const fetchMock = answer(200, { fileID: 'cloud://local-dev.b/imports/demo-admin/名单.xlsx', errMsg: 'cloud.uploadFile:ok' });
    expect(await uploadFile(file, 'imports/demo-admin/名单.xlsx')).toBe('cloud://local-dev.b/imports/demo-admin/名单.xlsx');
    expect(fetchMock).toHaveBeenCalledWith(`/storage/upload?cloudPath=${encodeURIComponent('imports/demo-admin/名单.xlsx')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': 'demo-admin' },
      body: file,
    });
    answer(413, { code: 'FILE_TOO_LARGE', errMsg: 'cloud.uploadFile:fail file too large' });
    expect(await refused(uploadFile(file, 'imports/demo-admin/名单.xlsx'))).toBe('文件不能超过 5 MB');
    answer(403, { errMsg: 'cloud.uploadFile:fail permission denied' });
    expect(await refused(uploadFile(file, 'imports/demo-admin/名单.xlsx'))).toBe('上传失败，请检查网络后重试');
  });
});
