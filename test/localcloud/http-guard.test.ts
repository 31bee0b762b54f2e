import http from 'http';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../localcloud/src/http-guard';
import { SECRET_HEADER } from '../../localcloud/src/secret';
import { callAction, expectOk, startCloud, TestCloud } from '../helpers/cloud';

/**
 * The local cloud as an attacker meets it: a web page elsewhere (cross-origin, or through DNS
 * rebinding with a foreign Host), oversized and deeply nested bodies. Each is refused at once with a
 * clear status, nothing is written, and the next ordinary call is served.
 */

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(() => cloud?.stop());

interface Answer {
  status: number;
  body: { errCode?: number; errMsg?: string; result?: unknown };
  ms: number;
}

/** A raw POST, any headers (Host included), as a browser or a script elsewhere could send it. */
function post(path: string, body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  const started = performance.now();
  const { port } = new URL(cloud.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { host: `127.0.0.1:${port}`, 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {}, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const health = async () => (await (await fetch(`${cloud.url}/health`)).json()) as { documents: number; instancesLost: number };
const documents = async () => (await health()).documents;
/** What a page would send to raise itself to admin. */
const raiseToAdmin = JSON.stringify({ action: 'database.insertDocument', collectionName: 'users', data: ['{"_id":"intruder","role":"admin"}'] });

async function stillServes(): Promise<void> {
  expect(expectOk(await callAction(cloud.url, 'account', 'whoami', {}, 'after-attack'))).toMatchObject({ openid: 'after-attack' });
  expect((await health()).instancesLost).toBe(0);
}

test('a cross-origin text/plain POST to /admin is refused, and nothing is written', async () => {
  const before = await documents();
  const answer = await post('/admin', raiseToAdmin, { 'content-type': 'text/plain', origin: 'http://evil.example' });
  expect(answer.status).toBe(403);
  expect(answer.body.errMsg).toContain('cross-origin');
  expect(await documents()).toBe(before);
});

test('/admin without the SDK of the local cloud (no secret) is refused, even as JSON from here', async () => {
  const before = await documents();
  const answer = await post('/admin', raiseToAdmin, JSON_TYPE);
  expect(answer).toMatchObject({ status: 403, body: { errCode: -502003 } });
  expect((await post('/admin', JSON.stringify({ ...JSON.parse(raiseToAdmin), sessionToken: 'guess' }), JSON_TYPE)).status).toBe(403);
  expect(await documents()).toBe(before);
});

test('a foreign Host (DNS rebinding) is refused, for the app and the API alike', async () => {
  const answer = await post('/fn/account', JSON.stringify({ action: 'whoami', input: {} }), { ...JSON_TYPE, host: 'evil.example:80' });
  expect(answer.status).toBe(403);
  expect(answer.body.errMsg).toContain('host not allowed');
  const page = await new Promise<number>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: new URL(cloud.url).port, path: '/health', headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0))
      .on('error', reject);
  });
  expect(page).toBe(403);
});

test('a body that is not JSON is refused (415): a browser cannot send JSON cross-site without a preflight', async () => {
  expect((await post('/fn/account', JSON.stringify({ action: 'whoami', input: {} }), { 'content-type': 'text/plain' })).status).toBe(415);
});

test('timer functions run by hand only with the secret, and never from another origin', async () => {
  const event = JSON.stringify({ Type: 'Timer', TriggerName: 'daily-reminders' });
  expect((await post('/fn/reminders', event, JSON_TYPE)).status).toBe(403);
  expect((await post('/fn/outbox', event, { ...JSON_TYPE, origin: 'http://evil.example', [SECRET_HEADER]: cloud.secret })).status).toBe(403);
  const byHand = await post('/fn/reminders', event, { ...JSON_TYPE, [SECRET_HEADER]: cloud.secret });
  expect(byHand.status).toBe(200);
  expect(byHand.body.result).toMatchObject({ ok: true });
});

test('a 10 MB body gets a clear 413, not a reset connection, in under a second; the next call is served', async () => {
  const huge = Buffer.alloc(10 << 20, 'a');
  const answer = await post('/fn/account', huge, JSON_TYPE);
  expect(answer.status).toBe(413);
  expect(answer.body.errMsg).toContain('too large');
  expect(answer.ms).toBeLessThan(1000);
  await stillServes();
});

test('JSON nested 5,000 deep is refused (400) before it is parsed, in under a second; the next call is served', async () => {
  const deep = `{"action":"whoami","input":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  for (const path of ['/fn/account', '/admin']) {
    const answer = await post(path, deep, JSON_TYPE);
    expect(answer.status).toBe(400);
    expect(answer.body.errMsg).toContain(`deeper than ${MAX_JSON_DEPTH}`);
    expect(answer.ms).toBeLessThan(1000);
  }
  await stillServes();
});

test('nesting is counted outside strings only', () => {
  expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[{{{{' }), 2)).toBe(false);
  expect(jsonDepthExceeds(JSON.stringify({ a: 'quote \\" [[[' }), 1)).toBe(false);
  expect(jsonDepthExceeds(JSON.stringify({ a: [[1]] }), 2)).toBe(true);
  expect(jsonDepthExceeds(JSON.stringify({ a: [[1]] }), 3)).toBe(false);
});
