import { access, type ActionAccess } from '../contract/access';
import type { DatabaseSpec } from '../localcloud/src/spec';
import type { DeployInputs } from './inputs';
import { DeploySettings, FUNCTION_ENV, FunctionEnvName, LIBRARY_FUNCTION_ENV, LOCAL_ONLY_FUNCTION_ENV } from './settings';

/** The runtime new functions get: scripts/build.mjs compiles them for Node 16. It is fixed when a function is created. */
export const FUNCTION_RUNTIME = 'Nodejs16.13';
/** Every built function is an index.js exporting main. */
export const FUNCTION_HANDLER = 'index.main';
/** The AppID WeChat DevTools gives a project without one: no real mini-program has it. */
const PLACEHOLDER_APPID = 'touristappid';
const CHINA_UTC_OFFSET_HOURS = 8;

export type IndexDirection = DatabaseSpec['collections'][string]['indexes'][number]['keys'][string];
export type SecurityRule = DatabaseSpec['collections'][string]['rules'];
/** Who may invoke which function: `auth` is null for a caller without login (朋友圈's single-page mode). */
export type FunctionSecurityRule = Record<string, { invoke: string | boolean }>;

export type DeployStep =
  | { kind: 'collection'; name: string }
  | { kind: 'index'; collection: string; name: string; keys: Array<{ field: string; direction: IndexDirection }>; unique: boolean }
  | { kind: 'rule'; collection: string; rule: SecurityRule }
  | {
      kind: 'function';
      name: string;
      /** The built folder, relative to the repository. */
      dir: string;
      runtime: string;
      handler: string;
      timeoutSeconds: number;
      memoryMb: number;
      /** The production variables it reads, each with its value (null: not given yet). */
      env: Record<string, string | null>;
      /** Its timer triggers: any other timer trigger on it in the cloud is removed. */
      triggerNames: string[];
      /** Cloud-call APIs of config.json, which only a WeChat DevTools upload registers. */
      openapi: string[];
    }
  | { kind: 'function-rule'; rule: FunctionSecurityRule }
  | { kind: 'trigger'; functionName: string; name: string; cron: string; when: string }
  | { kind: 'build-miniprogram'; command: string; output: string }
  | { kind: 'upload-miniprogram'; projectPath: string; version: string; desc: string; robot: number };

export interface DeployPlan {
  /** The cloud environment, or null when not given yet. */
  envId: string | null;
  /** The mini-program, or null when not given yet. */
  appid: string | null;
  /** In the order they run: each needs only what comes before it (the app calls functions, functions use the database). */
  steps: DeployStep[];
}

export interface ReleaseOptions {
  /** The mini-program version; package.json's unless given. */
  version?: string;
  /** The upload's description; the last commit's subject unless given. */
  desc?: string;
  /** Which of the 30 CI robots uploads (each robot's upload is its own development version). */
  robot: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A timer cron (`秒 分 时 日 月 星期 年`) in words. WeChat reads the cron in China time (UTC+8), while
 * the function's clock is UTC, so a daily time is given in both.
 */
export function describeCron(cron: string): string {
  const [second, minute, hour, ...dayFields] = cron.trim().split(/\s+/);
  const isNumber = (field: string): boolean => /^\d+$/.test(field);
  if (second === '0' && dayFields.every((field) => field === '*')) {
    const everyMinutes = /^\*\/(\d+)$/.exec(minute);
    if (everyMinutes && hour === '*') return `every ${everyMinutes[1]} minutes`;
    const hours = /^(\d+)-(\d+)$/.exec(hour);
    if (everyMinutes && hours) {
      const [from, to] = [Number(hours[1]), Number(hours[2])];
      const last = 60 - (60 % Number(everyMinutes[1]) || Number(everyMinutes[1]));
      const utc = (h: number) => pad2((h - CHINA_UTC_OFFSET_HOURS + 24) % 24);
      return `every ${everyMinutes[1]} minutes from ${pad2(from)}:00 to ${pad2(to)}:${pad2(last)} China time (${utc(from)}:00–${utc(to)}:${pad2(last)} UTC)`;
    }
    if (isNumber(minute) && isNumber(hour)) {
      const utcHour = (Number(hour) - CHINA_UTC_OFFSET_HOURS + 24) % 24;
      const dayBefore = Number(hour) < CHINA_UTC_OFFSET_HOURS ? ' the day before' : '';
      return `every day at ${pad2(Number(hour))}:${pad2(Number(minute))} China time (${pad2(utcHour)}:${pad2(Number(minute))} UTC${dayBefore})`;
    }
  }
  return 'as the cron says, read in China time (UTC+8)';
}

/**
 * The functions a caller without login may invoke: those with an action contract/access.ts opens to
 * visitors. The rule is per function, not per action: their routers refuse such a caller every other
 * action (cloudfunctions/_shared/router.ts).
 */
export function functionsOpenToVisitors(): string[] {
  return Object.entries(access)
    .filter(([, actions]) => Object.values(actions as Record<string, ActionAccess>).some((rights) => rights.roles.includes('visitor')))
    .map(([name]) => name)
    .sort();
}

/** Every function for signed-in callers only, but those open to visitors for anyone (WeChat's form of the rule). */
export function functionSecurityRule(openToVisitors: string[]): FunctionSecurityRule {
  return { '*': { invoke: 'auth != null' }, ...Object.fromEntries(openToVisitors.map((name) => [name, { invoke: true }])) };
}

/** The production variables a function reads, with their values; a variable deploy does not know is an error. */
function functionEnv(functionName: string, envRead: string[], settings: DeploySettings): Record<string, string | null> {
  const env: Record<string, string | null> = {};
  for (const name of envRead) {
    if (name in FUNCTION_ENV) env[name] = settings.functionEnv[name as FunctionEnvName];
    else if (![...LOCAL_ONLY_FUNCTION_ENV, ...LIBRARY_FUNCTION_ENV].includes(name as never)) {
      throw new Error(`function ${functionName} reads process.env.${name}: add it to FUNCTION_ENV or LOCAL_ONLY_FUNCTION_ENV in deploy/settings.ts`);
    }
  }
  return env;
}

/** Everything `npm run deploy` does, in order, from the repository's files, the settings and the release options. */
export function buildPlan(inputs: DeployInputs, settings: DeploySettings, release: ReleaseOptions): DeployPlan {
  const collections = Object.entries(inputs.database.collections);
  const version = release.version ?? inputs.packageVersion;
  const appid = settings.secrets.WX_APPID ?? (inputs.project.appid === PLACEHOLDER_APPID ? null : inputs.project.appid);
  const steps: DeployStep[] = [
    ...collections.map(([name]): DeployStep => ({ kind: 'collection', name })),
    ...collections.flatMap(([collection, spec]) =>
      spec.indexes.map((index): DeployStep => ({
        kind: 'index',
        collection,
        name: index.name,
        keys: Object.entries(index.keys).map(([field, direction]) => ({ field, direction })),
        unique: index.unique,
      })),
    ),
    ...collections.map(([collection, spec]): DeployStep => ({ kind: 'rule', collection, rule: spec.rules })),
    ...inputs.functions.map((fn): DeployStep => ({
      kind: 'function',
      name: fn.name,
      dir: fn.dir,
      runtime: FUNCTION_RUNTIME,
      handler: FUNCTION_HANDLER,
      timeoutSeconds: fn.config.timeout,
      memoryMb: fn.config.memorySize,
      env: functionEnv(fn.name, fn.envRead, settings),
      triggerNames: fn.config.triggers.map((trigger) => trigger.name),
      openapi: fn.config.permissions.openapi,
    })),
    { kind: 'function-rule', rule: functionSecurityRule(functionsOpenToVisitors()) },
    ...inputs.functions.flatMap((fn) =>
      fn.config.triggers.map((trigger): DeployStep => ({
        kind: 'trigger',
        functionName: fn.name,
        name: trigger.name,
        cron: trigger.config,
        when: describeCron(trigger.config),
      })),
    ),
    { kind: 'build-miniprogram', command: 'npm run build:weapp', output: inputs.project.miniprogramRoot },
    {
      kind: 'upload-miniprogram',
      // Taro writes the build's own project.config.json (miniprogramRoot ./) there.
      projectPath: inputs.project.miniprogramRoot,
      version,
      desc: release.desc ?? inputs.lastCommitSubject ?? `release ${version}`,
      robot: release.robot,
    },
  ];
  return { envId: settings.secrets.CLOUD_ENV_ID, appid, steps };
}
