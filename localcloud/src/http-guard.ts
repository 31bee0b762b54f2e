import http from 'http';

/**
 * What the local cloud refuses before any work is done, so that no request can reach the database from
 * another web page, hang the host or lose a function instance. Each refusal is an HTTP status with a
 * JSON `{errCode, errMsg}` (the shape `wx.cloud.callFunction` fails with), answered at once.
 */

export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly errCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Request data of `wx.cloud.callFunction`: WeChat refuses more than about 100 KB
 * (EXCEED_MAX_PAYLOAD_SIZE; ../shared/notes/PLATFORM.md). The SDK's own database calls carry batches
 * of up to 100 documents: they get more room.
 */
export const FUNCTION_BODY_LIMIT = 100 * 1024;
export const DATABASE_BODY_LIMIT = 5 * 1024 * 1024;
/** Past this the connection is closed rather than read to its end. */
const DISCARD_LIMIT = 64 * 1024 * 1024;

/**
 * Deepest JSON nesting accepted. The SDK's queries and the app's inputs stay below 20 levels; a body
 * nested thousands deep would overflow a stack somewhere further on (parsing, validation, the worker).
 */
export const MAX_JSON_DEPTH = 64;

/** Whether `text` nests arrays and objects deeper than `max` (counted in one pass, outside strings). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The request's body. Too large: 413, answered after reading (and dropping) the rest, so the client
 * sees the answer rather than a reset connection.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DISCARD_LIMIT) req.destroy();
    });
    req.on('end', () => {
      if (size > limit) return reject(new HttpRefusal(413, -501007, `request body too large: ${size} bytes, at most ${limit}`));
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** The request's JSON body. Too large: 413 (see readBody). Too deep or not JSON: 400. */
export async function readJsonBody(req: http.IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readBody(req, limit)).toString('utf8');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw new HttpRefusal(400, -501007, `request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new HttpRefusal(400, -501007, 'request body is not JSON');
  }
}

/** The names this server answers to: loopback only, on its own port. */
export function ownHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/**
 * Refuses what a web page elsewhere could send: a Host that is not ours (DNS rebinding), an Origin that
 * is not ours (a cross-site request), and, for the API, a body that is not JSON (a browser sends JSON
 * cross-site only after a CORS preflight, which is never answered).
 */
export function checkCaller(req: http.IncomingMessage, hosts: Set<string>, api: boolean): void {
  const host = req.headers.host ?? '';
  if (!hosts.has(host)) throw new HttpRefusal(403, -501008, `host not allowed: ${host}`);
  const origin = req.headers.origin;
  if (origin !== undefined && !Array.from(hosts).some((h) => origin === `http://${h}`))
    throw new HttpRefusal(403, -501008, `cross-origin request refused: ${origin}`);
  if (api && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpRefusal(415, -501007, 'content-type must be application/json');
}
