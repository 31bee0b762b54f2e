import http from 'http';
import https from 'https';
import { MAX_UPLOAD_BYTES } from '../../contract';
import { cloud, promised } from './cloud';
import { AppError } from './errors';
import { ReadOptions, readWorkbook, ReadSheet } from './spreadsheet';

/**
 * Files the app uploaded to cloud storage (`src/platform/cloudFiles.ts`), as the functions read them.
 * The app checks a file's size and type before it uploads, but a user can upload anything to storage
 * with WeChat's own API: so every function that reads an uploaded file checks again, here.
 */

/** The path inside storage a fileID names (`cloud://<env>.<bucket>/<path>` → `<path>`), or null when it is not a fileID. */
export function cloudPathOf(fileID: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  const match = /^cloud:\/\/[^/\s]+\/([^\u0000-\u001f\u007f]+)$/.exec(fileID);
  if (!match || match[1].split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  return match[1];
}

export interface UploadedFileOptions {
  /**
   * The folder the file must be in, e.g. `imports/<OPENID>/` (a missing final `/` is added): a caller
   * may hand over only fileIDs of their own uploads (a function may read any file of the environment).
   */
  folder?: string;
  /** Bytes at most (default MAX_UPLOAD_BYTES, 5 MB). */
  maxBytes?: number;
}

/** statuses of getTempFileURL (wx-server-sdk's TCB_ERR_CODE). */
const FILE_NOT_FOUND = -503003;
const NOT_ALLOWED = -503002;
const DOWNLOAD_TIMEOUT_MS = 10_000;

/**
 * An uploaded file's bytes. Refuses a fileID that is none (`BAD_INPUT`) or lies outside `folder`
 * (`FORBIDDEN`), a file that is gone (`NOT_FOUND`), and one over `maxBytes` (`FILE_TOO_LARGE`), the last
 * as soon as its size is known: the file is fetched from its temporary URL (`cloud.getTempFileURL`, as
 * `cloud.downloadFile` does inside) and the transfer stops past the limit, so a file of a gigabyte
 * never reaches the function's memory.
 */
export async function downloadUploaded(fileID: string, options: UploadedFileOptions = {}): Promise<Buffer> {
  const cloudPath = cloudPathOf(fileID);
  if (cloudPath === null) throw new AppError('BAD_INPUT', '文件编号无效，请重新上传');
  const folder = options.folder === undefined || options.folder.endsWith('/') ? options.folder : `${options.folder}/`;
  if (folder !== undefined && !cloudPath.startsWith(folder)) throw new AppError('FORBIDDEN', '只能读取自己上传的文件');
  const { fileList } = await promised(cloud.getTempFileURL({ fileList: [fileID] }));
  const [file] = fileList;
  if (file?.status === FILE_NOT_FOUND) throw new AppError('NOT_FOUND', '没有找到上传的文件，请重新上传');
  if (file?.status === NOT_ALLOWED) throw new AppError('FORBIDDEN', '只能读取自己上传的文件');
  if (!file || file.status !== 0) throw new Error(`getTempFileURL of ${fileID}: ${file?.status} ${file?.errMsg}`);
  // As the SDK's downloadFile: the URL carries the path as typed.
  return fetchAtMost(encodeURI(file.tempFileURL), options.maxBytes ?? MAX_UPLOAD_BYTES);
}

/** GETs a URL's body, refusing (FILE_TOO_LARGE) past `limit` bytes without reading further. (Node 16, the functions' runtime, has no fetch.) */
function fetchAtMost(url: string, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? https : http).get(url, { timeout: DOWNLOAD_TIMEOUT_MS }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`download of an uploaded file: HTTP ${res.statusCode}`));
      }
      const tooLarge = () => {
        request.destroy();
        reject(new AppError('FILE_TOO_LARGE'));
      };
      if (Number(res.headers['content-length'] ?? 0) > limit) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) return tooLarge();
        chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`download of an uploaded file: no answer in ${DOWNLOAD_TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
}

/**
 * An uploaded Excel workbook, read (spreadsheet.ts `readWorkbook`): refuses what `downloadUploaded`
 * refuses, then a file that is no .xlsx (`FILE_NOT_XLSX`, by its content, not its name), one that
 * cannot be read (`FILE_DAMAGED`) and one that unpacks to too much (`FILE_TOO_LARGE`). What a person
 * must fix inside a sheet (formulas, missing or unknown columns) is in each sheet's `problems`.
 */
export async function readUploadedWorkbook(fileID: string, options: UploadedFileOptions & ReadOptions = {}): Promise<{ sheets: ReadSheet[] }> {
  const bytes = await downloadUploaded(fileID, options);
  return readWorkbook(bytes, options);
}

/** Deletes uploaded files once they are used (they hold personal data); files already gone are no error. */
export async function deleteUploaded(fileIDs: string[]): Promise<void> {
  for (let i = 0; i < fileIDs.length; i += 50) {
    const { fileList } = await promised(cloud.deleteFile({ fileList: fileIDs.slice(i, i + 50) }));
    const failed = fileList.filter((f) => f.status !== 0 && f.status !== FILE_NOT_FOUND);
    if (failed.length) throw new Error(`deleteFile: ${failed.map((f) => `${f.fileID} ${f.status} ${f.errMsg}`).join('; ')}`);
  }
}
