import { ChildProcess, fork } from 'child_process';
import { randomUUID } from 'crypto';
import fs from 'fs';
import path from 'path';
import { actionKey, budgetBreach, CallCounts, InvocationMeter, MeteredInvocation, refusalCode } from './call-meter';
import type { Invocation, InvocationReply } from './function-worker';

/**
 * Runs the built cloud functions the way WeChat's runtime does: a pool of instances per function, each
 * a separate process serving one invocation at a time, so concurrent callers each see their own OPENID.
 * The answer has the envelope `wx.cloud.callFunction` resolves with: `{result, errMsg}`.
 */

export interface CallFunctionEnvelope {
  result?: unknown;
  errMsg: string;
  errCode?: number;
}

export interface FunctionHostOptions {
  functionsDir: string;
  workerScript: string;
  /** Environment every instance gets: the SDK's endpoint, env id, credentials, function settings. */
  env: Record<string, string>;
  /** The SDK's session token (secret.ts): each instance gets its own extension of it, so its database calls are its own. */
  secret: string;
  maxInstancesPerFunction?: number;
  /** Heap of each instance in MB (the production profile's function memory). */
  memoryMb?: number | null;
  /** Database calls allowed per invocation, by `function.action` (cloudfunctions/call-budgets.ts). */
  callBudgets?: Record<string, number>;
  /** Told of every invocation and its database calls (the call log). */
  onInvocation?: (entry: MeteredInvocation) => void;
}

interface Instance {
  /** What follows the secret in this instance's session token. */
  key: string;
  child: ChildProcess;
  ready: Promise<void>;
  pending?: { id: number; meter: InvocationMeter; resolve: (r: InvocationReply) => void; reject: (e: Error) => void };
}

/** An invocation's answer with the database calls it made. */
export interface MeteredEnvelope {
  envelope: CallFunctionEnvelope;
  calls: CallCounts;
}

const FUNCTION_NAME = /^[a-z][a-zA-Z0-9_-]{0,59}$/;
const FAIL_CODE = -504002;

class FunctionPool {
  private readonly idle: Instance[] = [];
  private size = 0;
  /** Instances that died or were killed (a timeout) while serving: what the tests of bad input count. */
  lost = 0;
  private readonly queue: Array<(instance: Instance) => void> = [];
  private nextId = 1;

  constructor(
    private readonly dir: string,
    private readonly host: FunctionHostOptions,
    private readonly timeoutMs: number,
    private readonly instances: Map<string, Instance>,
  ) {}

  async invoke(event: unknown, openid: string | undefined, meter: InvocationMeter): Promise<InvocationReply> {
    const instance = await this.acquire();
    const id = this.nextId++;
    const requestId = randomUUID();
    try {
      await instance.ready;
      const reply = await new Promise<InvocationReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`Invoking task timed out after ${this.timeoutMs / 1000} seconds`));
          instance.child.kill('SIGKILL');
        }, this.timeoutMs);
        instance.pending = {
          id,
          meter,
          resolve: (r) => (clearTimeout(timer), resolve(r)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        };
        const msg: Invocation = { id, event, openid, requestId };
        instance.child.send(msg);
      });
      instance.pending = undefined;
      this.release(instance);
      return reply;
    } catch (err) {
      this.discard(instance);
      throw err;
    }
  }

  private acquire(): Promise<Instance> {
    const instance = this.idle.pop();
    if (instance) return Promise.resolve(instance);
    if (this.size < (this.host.maxInstancesPerFunction ?? 8)) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(instance: Instance): void {
    const next = this.queue.shift();
    if (next) next(instance);
    else this.idle.push(instance);
  }

  private discard(instance: Instance): void {
    this.lost++;
    instance.child.kill('SIGKILL');
    this.size--;
    const next = this.queue.shift();
    if (next) next(this.spawn());
  }

  private spawn(): Instance {
    this.size++;
    const key = randomUUID().replace(/-/g, '');
    const child = fork(this.host.workerScript, [this.dir], {
      env: { ...this.host.env, TENCENTCLOUD_SESSIONTOKEN: `${this.host.secret}.${key}`, PATH: process.env.PATH ?? '' },
      execArgv: this.host.memoryMb ? [`--max-old-space-size=${this.host.memoryMb}`] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
    const instance: Instance = {
      key,
      child,
      ready: new Promise((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`function instance exited during start (code ${code})`)));
      }),
    };
    instance.ready.catch(() => undefined);
    child.on('message', (msg: InvocationReply | { ready: true }) => {
      if ('id' in msg && instance.pending?.id === msg.id) instance.pending.resolve(msg);
    });
    this.instances.set(key, instance);
    child.on('exit', (code, signal) => {
      this.instances.delete(key);
      const idleAt = this.idle.indexOf(instance);
      if (idleAt >= 0) {
        this.idle.splice(idleAt, 1);
        this.size--;
      }
      instance.pending?.reject(new Error(`function instance exited (${signal ?? code})`));
    });
    return instance;
  }

  close(): void {
    for (const instance of this.idle) instance.child.kill('SIGKILL');
    this.idle.length = 0;
  }
}

const failure = (message: string): CallFunctionEnvelope => ({
  errCode: FAIL_CODE,
  errMsg: `cloud.callFunction:fail ${FAIL_CODE} functions execute fail | ${message}`,
});

export class FunctionHost {
  private readonly pools = new Map<string, FunctionPool>();
  /** Live instances by the key their session token carries. */
  private readonly instances = new Map<string, Instance>();

  constructor(private readonly options: FunctionHostOptions) {}

  async call(name: string, event: unknown, openid: string | undefined): Promise<MeteredEnvelope> {
    const meter = new InvocationMeter();
    const calls = meter.counts;
    const pool = this.pool(name);
    if (!pool) {
      return { calls, envelope: { errCode: -501000, errMsg: `cloud.callFunction:fail -501000 FunctionName parameter could not be found: ${name}` } };
    }
    const started = performance.now();
    let envelope: CallFunctionEnvelope;
    try {
      const reply = await pool.invoke(event, openid, meter);
      envelope = reply.ok ? { result: JSON.parse(reply.result), errMsg: 'cloud.callFunction:ok' } : failure(reply.message);
    } catch (err) {
      envelope = failure((err as Error).message);
    }
    const entry: MeteredInvocation = {
      action: actionKey(name, event, this.isTimerTriggered(name)),
      refused: refusalCode(envelope.result),
      calls,
      ms: Math.round(performance.now() - started),
    };
    this.options.onInvocation?.(entry);
    const breach = this.options.callBudgets && !envelope.errCode ? budgetBreach(entry, this.options.callBudgets) : null;
    // Like a refused unindexed query: a development guard, loud in every test that calls the action.
    if (breach) envelope = failure(breach);
    return { envelope, calls };
  }

  /**
   * Counts a database request against the invocation of the instance whose session token it carries.
   * Answers who called: a function instance, a process that holds the secret itself (tests, the seeder,
   * tools), or nobody it knows (undefined).
   */
  countDatabaseCall(sessionToken: unknown, action: unknown, transactionId: string | undefined): 'function' | 'direct' | undefined {
    if (typeof sessionToken !== 'string') return undefined;
    if (sessionToken === this.options.secret) return 'direct';
    const prefix = `${this.options.secret}.`;
    if (!sessionToken.startsWith(prefix)) return undefined;
    const instance = this.instances.get(sessionToken.slice(prefix.length));
    if (!instance) return undefined;
    instance.pending?.meter.record(action, transactionId);
    return 'function';
  }

  /** Who holds a session token, counting nothing (storage requests are not database calls). */
  callerOf(sessionToken: unknown): 'function' | 'direct' | undefined {
    if (typeof sessionToken !== 'string') return undefined;
    if (sessionToken === this.options.secret) return 'direct';
    const prefix = `${this.options.secret}.`;
    return sessionToken.startsWith(prefix) && this.instances.has(sessionToken.slice(prefix.length)) ? 'function' : undefined;
  }

  /** Whether a function runs on a timer (its config.json declares a trigger): callers need the secret. */
  isTimerTriggered(name: string): boolean {
    if (!FUNCTION_NAME.test(name)) return false;
    const config = readConfig(path.join(this.options.functionsDir, name));
    return Array.isArray(config.triggers) && config.triggers.length > 0;
  }

  /** Instances lost so far, over all functions (see FunctionPool.lost). */
  get instancesLost(): number {
    return Array.from(this.pools.values()).reduce((sum, pool) => sum + pool.lost, 0);
  }

  private pool(name: string): FunctionPool | undefined {
    if (!FUNCTION_NAME.test(name)) return undefined;
    let pool = this.pools.get(name);
    if (pool) return pool;
    const dir = path.join(this.options.functionsDir, name);
    if (!fs.existsSync(path.join(dir, 'index.js'))) return undefined;
    pool = new FunctionPool(dir, this.options, functionTimeoutMs(dir), this.instances);
    this.pools.set(name, pool);
    return pool;
  }

  close(): void {
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
  }
}

/** A function's config.json (timeout, triggers), or nothing. */
function readConfig(dir: string): { timeout?: unknown; triggers?: unknown } {
  const configFile = path.join(dir, 'config.json');
  return fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
}

/** The timeout a function declares in its config.json, as WeChat applies it (default 3 s). */
function functionTimeoutMs(dir: string): number {
  const { timeout } = readConfig(dir);
  return (typeof timeout === 'number' && timeout > 0 ? timeout : 3) * 1000;
}
