import { createHmac, randomUUID, timingSafeEqual } from 'crypto';
import http from 'http';
import path from 'path';
import { z } from 'zod';
import { MAX_UPLOAD_BYTES } from '../../contract/terms/errors';
import { HttpRefusal, readBody, readJsonBody } from './http-guard';
import { cloudPathProblem, contentTypeOf, ObjectStore } from './storage-objects';

/**
 * WeChat Cloud storage, as wx-server-sdk 4.0.2 (@cloudbase/node-sdk 3.17.2, src/storage) and the app
 * use it:
 * - the SDK's `uploadFile` asks `/admin` for `storage.getUploadMetadata` (a URL and a token), then PUTs
 *   the bytes to that URL, which answers an empty body or a COS-style XML `<Error>`;
 * - `getTempFileURL` and `downloadFile` ask `/admin` for `storage.batchGetDownloadUrl`; `downloadFile`
 *   then GETs the temporary URL; `deleteFile` is `storage.batchDeleteFile`;
 * - the app on h5 (which has no `Taro.cloud`) uploads to `POST /storage/upload` and asks
 *   `POST /storage/getTempFileURL`, standing in for `wx.cloud.uploadFile` and `wx.cloud.getTempFileURL`.
 *
 * fileIDs are `cloud://<env>.<bucket>/<cloudPath>`; temporary URLs are served here, signed with the
 * cloud's secret, until they expire. Objects live in `<data folder>/storage/`, named by the hash of their
 * path (so no path reaches the file system), each with a JSON record of its path, size and owner.
 * Kept whole at a little over 300 lines: the SDK's actions and the HTTP endpoints share one signed-URL
 * scheme and one set of checks (the object store itself is storage-objects.ts).
 */

/** Temporary URL lifetime without `maxAge`: the reference's 10 minutes for private files (the stricter of the texts). */
export const DEFAULT_MAX_AGE_S = 600;
/** The longest a temporary URL lives: one day ("最大不超过一天"); longer is clamped. */
export const LONGEST_MAX_AGE_S = 86_400;
/** Files per getTempFileURL / deleteFile call ("一次最多取 50 个"). */
export const MAX_FILES_PER_CALL = 50;
/** An upload URL's lifetime. */
const UPLOAD_TTL_S = 600;
/**
 * The most one SDK upload (a function's `uploadFile`) may carry locally. WeChat's storage takes files of
 * gigabytes; this only keeps a runaway test from filling the disk. The app's uploads are held to
 * MAX_UPLOAD_BYTES (5 MB) at `/storage/upload`.
 */
export const SDK_UPLOAD_LIMIT = 50 * 1024 * 1024;

export const STORAGE_ROOT = '/storage/';
export const CLIENT_UPLOAD_PATH = '/storage/upload';
export const CLIENT_TEMP_URL_PATH = '/storage/getTempFileURL';

/** A failure as the storage actions answer it: a code wx-server-sdk maps (STORAGE_FILE_NONEXIST → -503003, …) and a message. */
export class StorageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const downloadListSchema = z.object({
  file_list: z
    .array(z.object({ fileid: z.string(), max_age: z.number().optional(), url_type: z.string().optional() }))
    .min(1)
    .max(MAX_FILES_PER_CALL),
});
const deleteListSchema = z.object({ fileid_list: z.array(z.string()).min(1).max(MAX_FILES_PER_CALL) });
const uploadMetadataSchema = z.object({ path: z.string() });
const clientTempUrlSchema = z.object({
  fileList: z
    .array(z.union([z.string(), z.object({ fileID: z.string(), maxAge: z.number().optional() })]))
    .min(1)
    .max(MAX_FILES_PER_CALL),
});

/** wx.cloud's status numbers for the codes the local storage answers (wx-server-sdk's TCB_ERR_CODE). */
const STATUS: Record<string, number> = { SUCCESS: 0, INVALID_PARAM: -501007, STORAGE_EXCEED_AUTHORITY: -503002, STORAGE_FILE_NONEXIST: -503003 };

export interface CloudStorageOptions {
  dir: string;
  envId: string;
  secret: string;
  /** The cloud's clock (milliseconds), offset like the database's. */
  now: () => number;
}

export class CloudStorage {
  readonly bucket: string;
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  baseUrl = '';
  private readonly objects: ObjectStore;

  constructor(private readonly options: CloudStorageOptions) {
    // Shaped like WeChat's buckets: hex of the env's first two letters, the env, an account number.
    this.bucket = `${Buffer.from(options.envId.slice(0, 2)).toString('hex')}-${options.envId}-1300000000`;
    this.objects = new ObjectStore(path.join(options.dir, 'storage'));
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.options.envId}.${this.bucket}/${cloudPath}`;
  }

  /** The cloudPath a fileID of this environment names, or null. */
  cloudPathOf(fileID: string): string | null {
    const prefix = `cloud://${this.options.envId}.${this.bucket}/`;
    if (!fileID.startsWith(prefix)) return null;
    const cloudPath = fileID.slice(prefix.length);
    return cloudPathProblem(cloudPath) ? null : cloudPath;
  }

  // ---- the SDK's actions on /admin ------------------------------------------------------------------

  /** `storage.*` actions: the answer's `data`, or a StorageError. */
  handleAction(action: string, body: unknown): Record<string, unknown> {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const { path: cloudPath } = parse(uploadMetadataSchema, body);
        const problem = cloudPathProblem(cloudPath);
        if (problem) throw new StorageError('INVALID_PARAM', `[InvalidParameter] ${problem}`);
        const expires = Math.floor(this.options.now() / 1000) + UPLOAD_TTL_S;
        const token = `${expires}.${this.sign(`put\n${cloudPath}\n${expires}`)}`;
        const fileId = this.fileIdOf(cloudPath);
        return {
          url: `${this.baseUrl}${STORAGE_ROOT}${this.bucket}/${cloudPath.split('/').map(encodeURIComponent).join('/')}`,
          token,
          authorization: `localcloud ${token}`,
          fileId,
          // Sent back as a header (x-cos-meta-fileid): ASCII, as the real opaque id is.
          cosFileId: this.objects.key(cloudPath),
          download_url: '',
        };
      }
      case 'storage.batchGetDownloadUrl': {
        const { file_list } = parse(downloadListSchema, body);
        return { download_list: file_list.map((f) => this.tempUrl(f.fileid, f.max_age, null)) };
      }
      case 'storage.batchDeleteFile': {
        const { fileid_list } = parse(deleteListSchema, body);
        return { delete_list: fileid_list.map((fileID) => ({ fileID, code: this.remove(fileID) })) };
      }
      default:
        throw new StorageError('INVALID_PARAM', `[InvalidParameter] action ${action} is not supported by the local cloud`);
    }
  }

  // ---- HTTP: the SDK's PUT, the temporary URLs, the app's uploads ------------------------------------

  /** Answers a request under STORAGE_ROOT. `openid`: the app user (h5), if any. */
  async handleHttp(req: http.IncomingMessage, res: http.ServerResponse, url: URL, openid: string | undefined): Promise<void> {
    const objectPath = this.objectPathOf(url.pathname);
    if (req.method === 'POST' && url.pathname === CLIENT_UPLOAD_PATH) await this.clientUpload(req, res, url, openid);
    else if (req.method === 'POST' && url.pathname === CLIENT_TEMP_URL_PATH) await this.clientTempUrls(req, res, openid);
    else if (objectPath !== null && req.method === 'PUT') await this.sdkPut(req, res, objectPath);
    else if (objectPath !== null && (req.method === 'GET' || req.method === 'HEAD')) this.serve(req, res, url, objectPath);
    else sendJson(res, 404, { errMsg: 'not found' });
  }

  /** `/storage/<bucket>/<cloudPath>` → the cloudPath, or null. */
  private objectPathOf(pathname: string): string | null {
    const prefix = `${STORAGE_ROOT}${this.bucket}/`;
    if (!pathname.startsWith(prefix)) return null;
    let cloudPath: string;
    try {
      cloudPath = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return null;
    }
    return cloudPathProblem(cloudPath) ? null : cloudPath;
  }

  /** The SDK's upload: the token of getUploadMetadata, then the bytes. Answers as COS does: empty, or an XML <Error>. */
  private async sdkPut(req: http.IncomingMessage, res: http.ServerResponse, cloudPath: string): Promise<void> {
    const token = String(req.headers['x-cos-security-token'] ?? '');
    const [expires, signature] = token.split('.');
    const valid = Number(expires) * 1000 > this.options.now() && signature !== undefined && this.verify(`put\n${cloudPath}\n${expires}`, signature);
    let bytes: Buffer;
    try {
      bytes = await readBody(req, SDK_UPLOAD_LIMIT);
    } catch (err) {
      if (err instanceof HttpRefusal && err.status === 413)
        return cosError(res, 400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${SDK_UPLOAD_LIMIT} bytes locally).`);
      throw err;
    }
    if (!valid) return cosError(res, 403, 'AccessDenied', 'Access Denied: no valid upload token for this path (storage.getUploadMetadata).');
    this.objects.store(cloudPath, bytes, null, this.options.now());
    res.writeHead(200, { 'content-length': 0 });
    res.end();
  }

  /** A temporary URL's object, while its signature holds. */
  private serve(req: http.IncomingMessage, res: http.ServerResponse, url: URL, cloudPath: string): void {
    const t = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    if (!Number.isInteger(t) || !this.verify(`get\n${cloudPath}\n${t}`, sign)) return cosError(res, 403, 'AccessDenied', 'Access Denied.');
    if (t * 1000 <= this.options.now()) return cosError(res, 403, 'AccessDenied', 'Request has expired');
    const record = this.objects.record(cloudPath);
    if (!record) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, {
      'content-type': contentTypeOf(cloudPath),
      'content-length': record.size,
      'cache-control': 'private, no-store',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(path.posix.basename(cloudPath))}`,
    });
    if (req.method === 'HEAD') return void res.end();
    this.objects.read(cloudPath).pipe(res);
  }

  /**
   * `wx.cloud.uploadFile` for the h5 app: `POST /storage/upload?cloudPath=…`, the bytes as
   * `application/octet-stream` (a type a page elsewhere cannot send without a CORS preflight, never
   * answered), at most MAX_UPLOAD_BYTES. As the project's storage rule (仅创建者可读写), a user may not
   * overwrite another's file.
   */
  private async clientUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, openid: string | undefined): Promise<void> {
    if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpRefusal(415, -501007, 'cloud.uploadFile:fail content-type must be application/octet-stream');
    }
    let bytes: Buffer;
    try {
      bytes = await readBody(req, MAX_UPLOAD_BYTES);
    } catch (err) {
      if (err instanceof HttpRefusal && err.status === 413) {
        return sendJson(res, 413, {
          errCode: -503001,
          code: 'FILE_TOO_LARGE',
          errMsg: `cloud.uploadFile:fail file too large: more than ${MAX_UPLOAD_BYTES} bytes (5 MB)`,
        });
      }
      throw err;
    }
    if (!openid) throw new HttpRefusal(401, -501008, 'cloud.uploadFile:fail no WeChat identity (x-wx-openid)');
    const cloudPath = url.searchParams.get('cloudPath') ?? '';
    const problem = cloudPathProblem(cloudPath);
    if (problem) throw new HttpRefusal(400, -501007, `cloud.uploadFile:fail ${problem}`);
    const existing = this.objects.record(cloudPath);
    if (existing && existing.owner !== openid) throw new HttpRefusal(403, -503002, 'cloud.uploadFile:fail permission denied: the file is not yours');
    this.objects.store(cloudPath, bytes, openid, this.options.now());
    sendJson(res, 200, { fileID: this.fileIdOf(cloudPath), statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
  }

  /** `wx.cloud.getTempFileURL` for the h5 app: a user gets URLs of their own uploads only (仅创建者可读写). */
  private async clientTempUrls(req: http.IncomingMessage, res: http.ServerResponse, openid: string | undefined): Promise<void> {
    const body = await readJsonBody(req, 64 * 1024);
    if (!openid) throw new HttpRefusal(401, -501008, 'cloud.getTempFileURL:fail no WeChat identity (x-wx-openid)');
    const parsed = clientTempUrlSchema.safeParse(body);
    if (!parsed.success) throw new HttpRefusal(400, -501007, `cloud.getTempFileURL:fail fileList must hold 1 to ${MAX_FILES_PER_CALL} fileIDs`);
    const fileList = parsed.data.fileList.map((f) => {
      const { fileID, maxAge } = typeof f === 'string' ? { fileID: f, maxAge: undefined } : f;
      const item = this.tempUrl(fileID, maxAge, openid);
      const status = STATUS[item.code] ?? -501001;
      return { fileID, tempFileURL: item.tempFileURL, maxAge: item.maxAge, status, errMsg: status === 0 ? 'ok' : item.message };
    });
    sendJson(res, 200, { fileList, errMsg: 'cloud.getTempFileURL:ok' });
  }

  // ---- objects ---------------------------------------------------------------------------------------

  /** One entry of a download list; `reader` is the app user asking (null: a function, who may read anything). */
  private tempUrl(fileID: string, maxAge: number | undefined, reader: string | null) {
    const age = Math.min(Math.max(1, Math.floor(maxAge ?? DEFAULT_MAX_AGE_S)), LONGEST_MAX_AGE_S);
    const cloudPath = this.cloudPathOf(fileID);
    const failed = (code: string, message: string) => ({ fileID, tempFileURL: '', code, message, maxAge: age });
    if (cloudPath === null) return failed('INVALID_PARAM', `[InvalidParameter] not a fileID of this environment: ${fileID}`);
    const record = this.objects.record(cloudPath);
    if (!record) return failed('STORAGE_FILE_NONEXIST', '[ResourceNotFound] file not exist');
    if (reader !== null && record.owner !== reader) return failed('STORAGE_EXCEED_AUTHORITY', '[PermissionDenied] the file is not yours');
    const t = Math.floor(this.options.now() / 1000) + age;
    // The path as typed, not percent-encoded: the SDK's downloadFile encodes it (encodeURI) before the GET.
    const tempFileURL = `${this.baseUrl}${STORAGE_ROOT}${this.bucket}/${cloudPath}?sign=${this.sign(`get\n${cloudPath}\n${t}`)}&t=${t}`;
    return { fileID, tempFileURL, code: 'SUCCESS', message: '', maxAge: age };
  }

  private remove(fileID: string): string {
    const cloudPath = this.cloudPathOf(fileID);
    if (cloudPath === null) return 'INVALID_PARAM';
    return this.objects.remove(cloudPath) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST';
  }

  private sign(text: string): string {
    return createHmac('sha256', this.options.secret).update(text).digest('hex').slice(0, 40);
  }

  private verify(text: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(text));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new StorageError('INVALID_PARAM', `[InvalidParameter] ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** An error as COS answers it: XML, which the SDK parses into `[Code]: Message`. */
function cosError(res: http.ServerResponse, status: number, code: string, message: string): void {
  const id = randomUUID();
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
    `<Resource>local</Resource><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}
