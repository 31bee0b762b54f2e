/**
 * What the local cloud imposes beyond the database's semantics. `local` (the default) is fast and
 * unlimited. `production` (LOCALCLOUD_PROFILE=production) adds what WeChat Cloud's basic plan has, so
 * what would fail there fails here too. Each figure can be overridden by its own variable; the sources
 * are in docs/LOCALCLOUD.md ("The production profile").
 */
export interface CloudProfile {
  name: 'local' | 'production';
  /** Added to every database call: the network between a function and the database. */
  databaseDelayMs: number;
  /** Database requests per second for the whole environment; null for no limit. */
  databaseQps: number | null;
  /** How long a request over the rate waits for its turn before it is refused (EXCEED_REQUEST_LIMIT). */
  databaseQpsWaitMs: number;
  /** Database requests served at once; the rest queue (the plan's concurrent connections). */
  databaseConnections: number | null;
  /** Reads and writes one transaction may make; null for no limit. */
  transactionOperations: number | null;
  /** Concurrent instances of one function. */
  functionConcurrency: number;
  /** Heap of one function instance, in MB; null for Node's default. */
  functionMemoryMb: number | null;
}

export const LOCAL_PROFILE: CloudProfile = {
  name: 'local',
  databaseDelayMs: 0,
  databaseQps: null,
  databaseQpsWaitMs: 0,
  databaseConnections: null,
  transactionOperations: null,
  functionConcurrency: 8,
  functionMemoryMb: null,
};

/** WeChat Cloud's basic plan (基础版) as its quota page states it; the delay and the waits are our assumptions. */
export const PRODUCTION_PROFILE: CloudProfile = {
  name: 'production',
  databaseDelayMs: 10,
  databaseQps: 30,
  databaseQpsWaitMs: 1000,
  databaseConnections: 20,
  transactionOperations: 50,
  functionConcurrency: 20,
  functionMemoryMb: 256,
};

const OVERRIDES: Record<string, keyof CloudProfile> = {
  LOCALCLOUD_DB_DELAY_MS: 'databaseDelayMs',
  LOCALCLOUD_DB_QPS: 'databaseQps',
  LOCALCLOUD_DB_QPS_WAIT_MS: 'databaseQpsWaitMs',
  LOCALCLOUD_DB_CONNECTIONS: 'databaseConnections',
  LOCALCLOUD_TXN_MAX_OPERATIONS: 'transactionOperations',
  LOCALCLOUD_FN_CONCURRENCY: 'functionConcurrency',
  LOCALCLOUD_FN_MEMORY_MB: 'functionMemoryMb',
};

/** The profile LOCALCLOUD_PROFILE names, with any figure overridden by its variable ("none" lifts a limit). */
export function profileFromEnv(env: NodeJS.ProcessEnv): CloudProfile {
  const name = env.LOCALCLOUD_PROFILE ?? 'local';
  if (name !== 'local' && name !== 'production') throw new Error(`LOCALCLOUD_PROFILE must be local or production, not ${name}`);
  const profile: Record<string, unknown> = { ...(name === 'production' ? PRODUCTION_PROFILE : LOCAL_PROFILE) };
  for (const [variable, key] of Object.entries(OVERRIDES)) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    const value = text === 'none' ? null : Number(text);
    if (value !== null && !(Number.isFinite(value) && value >= 0)) throw new Error(`${variable} must be a number of 0 or more, or none`);
    profile[key] = value;
  }
  return profile as unknown as CloudProfile;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Why the gate refused a request: the SDK turns the code into its errCode. */
export class OverLimit extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The way into the database under a profile: at most `databaseConnections` requests at once (the rest
 * queue), at most `databaseQps` started per second (a request waits up to `databaseQpsWaitMs` for its
 * turn, then is refused), each delayed by `databaseDelayMs`.
 */
export class DatabaseGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** When the next request may start, to keep to the rate (a token bucket with room for one second's burst). */
  private nextStartAt = 0;

  constructor(
    private readonly profile: CloudProfile,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async through<T>(work: () => Promise<T> | T): Promise<T> {
    await this.takeRateTurn();
    await this.takeConnection();
    try {
      if (this.profile.databaseDelayMs > 0) await sleep(this.profile.databaseDelayMs);
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private async takeRateTurn(): Promise<void> {
    const qps = this.profile.databaseQps;
    if (!qps) return;
    const interval = 1000 / qps;
    const now = this.now();
    // A quiet spell leaves room for a burst of up to one second's worth of requests.
    const startAt = Math.max(this.nextStartAt, now - 1000 + interval);
    const wait = startAt - now;
    if (wait > this.profile.databaseQpsWaitMs) {
      throw new OverLimit('EXCEED_REQUEST_LIMIT', `[LimitExceeded] database requests exceed the environment's ${qps} QPS`);
    }
    this.nextStartAt = startAt + interval;
    if (wait > 0) await sleep(wait);
  }

  private async takeConnection(): Promise<void> {
    const limit = this.profile.databaseConnections;
    if (limit !== null && this.active >= limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }
}
