/**
 * One function instance, as WeChat's runtime keeps one: a process that loads a built function once and
 * serves one invocation at a time. wx-server-sdk reads the caller's identity from process-wide
 * environment (WX_CONTEXT_KEYS, WX_OPENID, ...), which is safe only because nothing else runs here.
 */
import path from 'path';

export interface Invocation {
  id: number;
  event: unknown;
  openid?: string;
  requestId: string;
}
export type InvocationReply = { id: number; ok: true; result: string } | { id: number; ok: false; message: string };

const fnDir = process.argv[2];
const fnName = path.basename(fnDir);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require(path.join(fnDir, 'index.js')) as { main: (event: unknown, context: unknown) => Promise<unknown> };

/** Replies to the host; a host that has gone away (shutting down) ends this instance quietly. */
function reply(message: unknown): void {
  if (!process.connected) process.exit(0);
  process.send?.(message, undefined, {}, (err) => {
    if (err) process.exit(0);
  });
}
process.on('disconnect', () => process.exit(0));
// A promise the function left behind that rejects later is logged; by default Node would end the
// instance, and with it whatever other caller it serves next.
process.on('unhandledRejection', (reason) => console.error(`[${fnName}] unhandled rejection`, reason));

process.on('message', async (msg: Invocation) => {
  if (msg.openid) process.env.WX_OPENID = msg.openid;
  else delete process.env.WX_OPENID;
  let answer: InvocationReply;
  try {
    const result = await main(msg.event, { request_id: msg.requestId, function_name: fnName, namespace: process.env.TCB_ENV });
    answer = { id: msg.id, ok: true, result: JSON.stringify(result ?? null) };
  } catch (err) {
    const error = err as Error;
    console.error(`[${fnName}] invocation ${msg.requestId} failed`, error);
    answer = { id: msg.id, ok: false, message: error?.message ?? String(err) };
  }
  reply(answer);
});
reply({ ready: true });
