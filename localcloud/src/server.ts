import { randomUUID } from 'crypto';
import fs from 'fs';
import http from 'http';
import path from 'path';
import { CLOCK_OFFSET_ENV } from '../../cloudfunctions/_shared/clock';
import { MeteredInvocation } from './call-meter';
import { Database } from './engine/database';
import { dbErrors } from './engine/errors';
import { FunctionHost } from './function-host';
import { checkCaller, DATABASE_BODY_LIMIT, FUNCTION_BODY_LIMIT, HttpRefusal, ownHosts, readBody, readJsonBody } from './http-guard';
import { CloudProfile, DatabaseGate, LOCAL_PROFILE, OverLimit } from './profile';
import { OpenApi, readMultipart } from './openapi';
import { AdminResponse, handleAdminRequest, IndexCheck } from './protocol';
import { SECRET_HEADER } from './secret';
import { DatabaseSpec } from './spec';
import { CLIENT_UPLOAD_PATH, CloudStorage, STORAGE_ROOT, StorageError } from './storage';

/**
 * The local WeChat Cloud: one HTTP server on 127.0.0.1 with
 * - `POST /admin`: the database endpoint wx-server-sdk talks to (see protocol.ts), and, as multipart
 *   forms, its `cloud.openapi` calls (openapi.ts);
 * - `POST /fn/<name>`: the function host, answering as `wx.cloud.callFunction` does. The caller's
 *   OPENID comes from the `x-wx-openid` header: a local-only stand-in for WeChat's signed identity;
 * - `/storage/…`: cloud storage (storage.ts): the SDK's uploads and temporary URLs, the h5 app's uploads;
 * - `GET /…`: the h5 build of the app (when `staticDir` is given), so app and functions share one origin.
 */

export const OPENID_HEADER = 'x-wx-openid';
/** On every `/fn/*` answer: the invocation's database calls as JSON (call-meter.ts CallCounts), for tests and benchmarks. */
export const CALLS_HEADER = 'x-localcloud-calls';
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export interface LocalCloudOptions {
  dataDir: string;
  spec: DatabaseSpec;
  functionsDir: string;
  port: number;
  /** Extra environment for function instances (e.g. BOOTSTRAP_ADMIN_OPENIDS). */
  functionEnv?: Record<string, string>;
  maxInstancesPerFunction?: number;
  compactBytes?: number;
  transactionTtlMs?: number;
  /** Refuse functions' database queries no declared index serves (strict index mode, engine/index-planner.ts). */
  strictIndexes?: boolean;
  /** A built h5 app to serve at `/`. */
  staticDir?: string;
  /** Shifts the clock of the functions and of the database's server date, to run as if on another day. */
  clockOffsetMs?: number;
  /** What the SDK must send as its session token, and timer functions' callers in SECRET_HEADER (secret.ts). */
  secret: string;
  /** Limits and delays beyond the database's semantics (profile.ts); none by default. */
  profile?: CloudProfile;
  /** Database calls allowed per invocation by `function.action`: an invocation over its budget fails. */
  callBudgets?: Record<string, number>;
  /** Told of every invocation and its database calls. */
  onInvocation?: (entry: MeteredInvocation) => void;
}

export interface LocalCloud {
  url: string;
  db: Database;
  close(): Promise<void>;
}

export const LOCAL_ENV_ID = 'local-dev';

/** The environment a process needs for the real wx-server-sdk to use the local cloud whose secret it knows. */
export function sdkEnvironment(url: string, secret: string): Record<string, string> {
  return {
    TCB_ENV: LOCAL_ENV_ID,
    SCF_NAMESPACE: LOCAL_ENV_ID,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    // The SDK sends its session token with every database call: the local cloud checks it.
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD_SESSIONTOKEN: secret,
    // Skips the SDK's cloud-metadata probe, which would otherwise cost ~66 ms per call here.
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_APPID: 'wx-local-dev',
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves a file of the built app; anything outside `root` or missing is a 404. */
function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const file = path.join(root, path.normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return send(res, 404, { errMsg: 'not found' });
  }
  const hashed = /\.[0-9a-f]{8,}\.(js|css)$/.test(file);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    // Hashed bundles never change; the page itself must be fetched fresh.
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  fs.createReadStream(file).pipe(res);
}

/** The app user a request speaks for (`x-wx-openid`, local only), or undefined; a malformed one is refused. */
function openidOf(req: http.IncomingMessage, api: string): string | undefined {
  const header = req.headers[OPENID_HEADER];
  const openid = typeof header === 'string' && header ? header : undefined;
  if (openid && !OPENID.test(openid)) throw new HttpRefusal(400, -501007, `${api}:fail invalid ${OPENID_HEADER}`);
  return openid;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A request refused by the profile's limits, answered as the real service answers it. */
function overLimitAnswer(err: unknown): AdminResponse {
  if (err instanceof OverLimit) return { requestId: randomUUID(), code: err.code, message: err.message };
  throw err;
}

/** A `storage.*` action of the SDK, answered as the service does: `{requestId, data}` or `{requestId, code, message}`. */
function storageAnswer(storage: CloudStorage, action: string, body: unknown): AdminResponse {
  const requestId = randomUUID();
  try {
    return { requestId, data: storage.handleAction(action, body) };
  } catch (err) {
    if (err instanceof StorageError) return { requestId, code: err.code, message: err.message };
    throw err;
  }
}

/**
 * Reads and writes per open transaction, refused past the profile's limit. The real service publishes
 * no limit; a transaction that grows with the data is what the profile exists to catch.
 */
class TransactionOperations {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit: number | null) {}

  refusal(body: { action?: unknown; transactionId?: unknown } | null): AdminResponse | undefined {
    const id = body?.transactionId;
    if (this.limit === null || typeof id !== 'string') return undefined;
    if (body?.action === 'database.commitTransaction' || body?.action === 'database.abortTransaction') {
      this.counts.delete(id);
      return undefined;
    }
    // Transactions that expired without an end are forgotten in bulk now and then.
    if (this.counts.size > 10_000) this.counts.clear();
    const count = (this.counts.get(id) ?? 0) + 1;
    this.counts.set(id, count);
    if (count <= this.limit) return undefined;
    const error = dbErrors.transactionFail(`a transaction may make at most ${this.limit} reads and writes (the production profile's limit)`);
    return { requestId: randomUUID(), code: error.code, message: error.message };
  }
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  const db = new Database({
    dir: options.dataDir,
    spec: options.spec,
    compactBytes: options.compactBytes,
    transactionTtlMs: options.transactionTtlMs,
    now: () => Date.now() + clockOffsetMs,
  });
  let host: FunctionHost | undefined;
  const storage = new CloudStorage({ dir: options.dataDir, envId: LOCAL_ENV_ID, secret: options.secret, now: () => Date.now() + clockOffsetMs });
  const profile = options.profile ?? LOCAL_PROFILE;
  const gate = new DatabaseGate(profile);
  const transactionOperations = new TransactionOperations(profile.transactionOperations);
  const indexCheck: IndexCheck | undefined = options.strictIndexes ? options.spec.collections : undefined;
  /** Database calls served, for benchmarks (database calls per booking). */
  let databaseRequests = 0;
  let hosts = new Set<string>();
  const openApi = new OpenApi({ appid: sdkEnvironment('', '').WX_APPID, now: () => Date.now() + clockOffsetMs });
  /** The SDK's `wx.openApi` form: the caller's session token checked, WeChat's answer as protobuf bytes. */
  const answerOpenApi = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const form = readMultipart(await readBody(req, FUNCTION_BODY_LIMIT), req.headers['content-type'] ?? '');
    if (!host?.callerOf(form.sessionToken?.toString('utf8'))) throw new HttpRefusal(403, -502003, "permission denied: not the local cloud's SDK");
    if (form.action?.toString('utf8') !== 'wx.openApi' || !form.apiName || !form.requestData) throw new HttpRefusal(400, -501007, 'not a wx.openApi request');
    const answer = openApi.answer(form.apiName.toString('utf8'), form.requestData);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length });
    res.end(answer);
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const sdkForm = req.method === 'POST' && url.pathname === '/admin' && /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
    try {
      // The app's uploads are bytes, not JSON (storage.ts checks their type); the SDK's open-API calls are
      // forms (with its session token); every other POST is JSON.
      checkCaller(req, hosts, req.method === 'POST' && url.pathname !== CLIENT_UPLOAD_PATH && !sdkForm);
      if (sdkForm) return await answerOpenApi(req, res);
      if (req.method === 'GET' && url.pathname === '/health')
        return send(res, 200, { ok: true, documents: db.documentCount, databaseRequests, instancesLost: host?.instancesLost ?? 0 });
      if (url.pathname.startsWith(STORAGE_ROOT)) return await storage.handleHttp(req, res, url, openidOf(req, 'cloud.storage'));
      if (req.method === 'GET' && options.staticDir) return serveStatic(path.resolve(options.staticDir), url.pathname, res);
      if (req.method !== 'POST') return send(res, 404, { errMsg: 'not found' });
      if (url.pathname === '/admin') {
        const body = (await readJsonBody(req, DATABASE_BODY_LIMIT)) as { sessionToken?: unknown; action?: unknown; transactionId?: unknown } | null;
        if (typeof body?.action === 'string' && body.action.startsWith('storage.')) {
          // Storage is the SDK's too, but no database call: not metered, not gated by the profile's database limits.
          if (!host?.callerOf(body.sessionToken)) throw new HttpRefusal(403, -502003, "permission denied: not the local cloud's SDK");
          return send(res, 200, storageAnswer(storage, body.action, body));
        }
        const transactionId = typeof body?.transactionId === 'string' ? body.transactionId : undefined;
        const caller = host?.countDatabaseCall(body?.sessionToken, body?.action, transactionId);
        if (!caller) throw new HttpRefusal(403, -502003, "permission denied: not the local cloud's SDK");
        databaseRequests++;
        // Strict index mode judges the functions' queries; tests, the seeder and tools read as they need.
        const check = caller === 'function' ? indexCheck : undefined;
        return send(res, 200, await gate.through(() => transactionOperations.refusal(body) ?? handleAdminRequest(db, body, check)).catch(overLimitAnswer));
      }
      const fn = /^\/fn\/([^/]+)$/.exec(url.pathname);
      if (fn && host) {
        const name = decodeURIComponent(fn[1]);
        const openid = openidOf(req, 'cloud.callFunction');
        if (host.isTimerTriggered(name) && req.headers[SECRET_HEADER] !== options.secret) {
          throw new HttpRefusal(403, -501008, `${name} runs on its timer; by hand only with ${SECRET_HEADER}`);
        }
        const { envelope, calls } = await host.call(name, await readJsonBody(req, FUNCTION_BODY_LIMIT), openid);
        res.setHeader(CALLS_HEADER, JSON.stringify(calls));
        return send(res, envelope.errCode ? 500 : 200, envelope);
      }
      return send(res, 404, { errMsg: 'not found' });
    } catch (err) {
      if (err instanceof HttpRefusal) return send(res, err.status, { errCode: err.errCode, errMsg: err.message });
      return send(res, 400, { errMsg: (err as Error).message });
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the database endpoint is not for the network.
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address() as { port: number };
  hosts = ownHosts(address.port);
  const url = `http://127.0.0.1:${address.port}`;
  host = new FunctionHost({
    functionsDir: options.functionsDir,
    workerScript: path.join(__dirname, 'function-worker.js'),
    env: { ...sdkEnvironment(url, options.secret), ...options.functionEnv, [CLOCK_OFFSET_ENV]: String(clockOffsetMs) },
    secret: options.secret,
    maxInstancesPerFunction: options.maxInstancesPerFunction ?? profile.functionConcurrency,
    memoryMb: profile.functionMemoryMb,
    callBudgets: options.callBudgets,
    onInvocation: options.onInvocation,
  });
  storage.baseUrl = url;
  return {
    url,
    db,
    close: async () => {
      host?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
