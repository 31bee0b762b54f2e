import Taro from '@tarojs/taro';
import { DEFAULT_MESSAGES, MAX_UPLOAD_BYTES } from '../../contract';
import { demoOpenid } from '../stores/identity';

/**
 * Files in cloud storage, from the app: pick an Excel file, upload it, get a file's URL. On weapp through
 * WeChat (`Taro.chooseMessageFile`: files from a chat, the way phones hand over files; `Taro.cloud`); in
 * the local h5 build through a file input and the local cloud's stand-ins for `wx.cloud`
 * (docs/LOCALCLOUD.md, Cloud storage). Failures are CloudFileError, in the user's words.
 *
 * The app checks size and type before it uploads; the functions check again (cloudfunctions/_shared/files.ts).
 */

/** A file the user picked: its name, its size, and where it is (a temporary path on weapp, the File in a browser). */
export interface PickedFile {
  name: string;
  size: number;
  source: string | File;
}

/** Something went wrong that the user can act on: the message says what, in Chinese. */
export class CloudFileError extends Error {}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_FAILED = '上传失败，请检查网络后重试';

/** Refuses, in the user's words, a file the functions would refuse anyway. */
export function checkXlsx(file: { name: string; size: number }): void {
  if (!/\.xlsx$/i.test(file.name)) throw new CloudFileError(DEFAULT_MESSAGES.FILE_NOT_XLSX);
  if (file.size > MAX_UPLOAD_BYTES) throw new CloudFileError(DEFAULT_MESSAGES.FILE_TOO_LARGE);
  if (file.size === 0) throw new CloudFileError('文件是空的，请选择填好的 Excel 文件');
}

/** Lets the user pick one .xlsx file: null when they cancel; CloudFileError when it is not one or too large. */
export async function pickXlsx(): Promise<PickedFile | null> {
  const picked = process.env.TARO_ENV === 'weapp' ? await pickOnWeapp() : await pickInBrowser();
  if (picked) checkXlsx(picked);
  return picked;
}

async function pickOnWeapp(): Promise<PickedFile | null> {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    const [file] = tempFiles;
    return file ? { name: file.name, size: file.size, source: file.path } : null;
  } catch (err) {
    if (/cancel/.test((err as { errMsg?: string })?.errMsg ?? '')) return null;
    throw new CloudFileError('无法打开聊天文件，请稍后重试');
  }
}

function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = `.xlsx,${XLSX_TYPE}`;
    input.style.display = 'none';
    const done = (file: File | undefined) => {
      input.remove();
      resolve(file ? { name: file.name, size: file.size, source: file } : null);
    };
    input.addEventListener('change', () => done(input.files?.[0]));
    input.addEventListener('cancel', () => done(undefined));
    document.body.appendChild(input);
    input.click();
  });
}

/** Uploads a file (picked, a weapp temporary path, or a browser File) to `cloudPath`; answers its fileID. */
export async function uploadFile(file: PickedFile | File | string, cloudPath: string): Promise<string> {
  const source = typeof file === 'string' || isBrowserFile(file) ? file : file.source;
  const size = typeof file === 'string' ? undefined : file.size;
  if (size !== undefined && size > MAX_UPLOAD_BYTES) throw new CloudFileError(DEFAULT_MESSAGES.FILE_TOO_LARGE);
  if (process.env.TARO_ENV === 'weapp') {
    if (typeof source !== 'string') throw new Error('on weapp a file to upload is a temporary file path');
    try {
      return (await Taro.cloud.uploadFile({ cloudPath, filePath: source })).fileID;
    } catch {
      throw new CloudFileError(UPLOAD_FAILED);
    }
  }
  if (typeof source === 'string') throw new Error('in a browser a file to upload is a File');
  const openid = demoOpenid();
  let response: Response;
  try {
    response = await fetch(`/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: source,
    });
  } catch {
    throw new CloudFileError(UPLOAD_FAILED);
  }
  const body = (await response.json().catch(() => ({}))) as { fileID?: string; code?: string };
  if (response.status === 413 || body.code === 'FILE_TOO_LARGE') throw new CloudFileError(DEFAULT_MESSAGES.FILE_TOO_LARGE);
  if (!response.ok || !body.fileID) throw new CloudFileError(UPLOAD_FAILED);
  return body.fileID;
}

const isBrowserFile = (file: unknown): file is File => typeof File !== 'undefined' && file instanceof File;

/** Opens a file by a temporary URL a function made for it (a file the function created). */
export async function openFileUrl(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  let filePath: string;
  try {
    filePath = (await Taro.downloadFile({ url })).tempFilePath;
  } catch {
    throw new CloudFileError('文件下载失败，请检查网络后重试');
  }
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  try {
    await Taro.openDocument({ filePath, fileType: extension as 'xlsx', showMenu: true });
  } catch {
    throw new CloudFileError('文件已下载，但打开失败，请稍后重试');
  }
}
