import fs from 'fs';
import path from 'path';

/**
 * What `npm run deploy` needs from whoever runs it: the target and the credentials (never committed),
 * and the values of the functions' production environment variables. Each is read from the process
 * environment, or else from a git-ignored file of `KEY=value` lines (`.env.deploy` unless `--settings-file`
 * names another).
 */

/** The target and the credentials, each with where to find it. */
export const SECRETS = {
  CLOUD_ENV_ID: 'the cloud environment id (云开发控制台 → 设置 → 环境 ID)',
  WX_APPID: 'the mini-program AppID (微信公众平台 → 开发 → 开发管理 → 开发设置); project.config.json\'s appid when it is not "touristappid"',
  MINIPROGRAM_UPLOAD_KEY: 'the path of the code-upload private key file (开发设置 → 小程序代码上传密钥; add this IP to its whitelist)',
  TENCENTCLOUD_SECRETID: 'a Tencent Cloud API key id of the account that owns the environment (访问管理 → API 密钥管理)',
  TENCENTCLOUD_SECRETKEY: 'the secret of that API key',
} as const;

export type SecretName = keyof typeof SECRETS;

/** Environment variables the functions read in production: deploy sets each on every function that reads it. */
export const FUNCTION_ENV = {
  ADMIN_SETUP_CODE: 'a one-time setup code (at least 8 characters, kept secret) with which the first district admin claims the role in the app; works once',
  INVITATION_KEY:
    'a random secret of at least 16 characters (e.g. `openssl rand -hex 32`), kept secret and never changed, that keys the stored hashes of invitation codes',
  SUBSCRIBE_TEMPLATE_BOOKING: 'the subscribe-message template id for a change of a booking (微信公众平台 → 订阅消息 → 我的模板)',
  SUBSCRIBE_TEMPLATE_REMINDER: 'the subscribe-message template id for the day-before reminder (the id in src/templates.ts)',
} as const;

export type FunctionEnvName = keyof typeof FUNCTION_ENV;

/**
 * Variables the functions read only on the local cloud (config/localcloud.json): deploy never sets them.
 * Unset, NOTIFY_MODE lets the outbox send through WeChat.
 */
export const LOCAL_ONLY_FUNCTION_ENV = ['NOTIFY_MODE'] as const;

/** Variables bundled libraries read for their own options (exceljs's readable-stream): never set by deploy. */
export const LIBRARY_FUNCTION_ENV = ['READABLE_STREAM'] as const;

export interface DeploySettings {
  /** Each secret, or null when it is not given. */
  secrets: Record<SecretName, string | null>;
  /** Each production variable, or null when it is not given (an empty value is given: it clears the variable). */
  functionEnv: Record<FunctionEnvName, string | null>;
}

/** `KEY=value` lines; `#` starts a comment line; one pair of surrounding quotes is dropped. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    values[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

/**
 * The settings from `env` first, then from `settingsFile` when it exists. A relative MINIPROGRAM_UPLOAD_KEY
 * is taken from `root`, the repository.
 */
export function readSettings(env: NodeJS.ProcessEnv, settingsFile: string, root: string): DeploySettings {
  const fromFile = fs.existsSync(settingsFile) ? parseEnvFile(fs.readFileSync(settingsFile, 'utf8')) : {};
  const value = (name: string): string | null => env[name] ?? fromFile[name] ?? null;
  const pick = <K extends string>(names: readonly K[], given: (name: K) => string | null) =>
    Object.fromEntries(names.map((name) => [name, given(name)])) as Record<K, string | null>;
  // An empty secret is as good as none.
  const secrets = pick(Object.keys(SECRETS) as SecretName[], (name) => value(name) || null);
  if (secrets.MINIPROGRAM_UPLOAD_KEY) secrets.MINIPROGRAM_UPLOAD_KEY = path.resolve(root, secrets.MINIPROGRAM_UPLOAD_KEY);
  return {
    secrets,
    functionEnv: pick(Object.keys(FUNCTION_ENV) as FunctionEnvName[], value),
  };
}

/**
 * What a real deploy lacks, one line each naming the variable and where to find it; nothing for a
 * complete set. `appid` is the AppID the plan resolved (WX_APPID or project.config.json's).
 */
export function missingSettings(settings: DeploySettings, appid: string | null): string[] {
  const missing: string[] = [];
  for (const [name, where] of Object.entries(SECRETS) as Array<[SecretName, string]>) {
    const given = name === 'WX_APPID' ? appid : settings.secrets[name];
    if (!given) missing.push(`${name}: ${where}`);
  }
  const keyFile = settings.secrets.MINIPROGRAM_UPLOAD_KEY;
  if (keyFile && !fs.existsSync(keyFile)) missing.push(`MINIPROGRAM_UPLOAD_KEY: no file at ${keyFile}`);
  for (const [name, what] of Object.entries(FUNCTION_ENV) as Array<[FunctionEnvName, string]>) {
    if (settings.functionEnv[name] === null) missing.push(`${name}: ${what} (set it empty for none)`);
  }
  return missing;
}
