import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DeployInputs, readDeployInputs } from '../../deploy/inputs';
import { buildPlan, DeployStep, describeCron, FUNCTION_RUNTIME } from '../../deploy/plan';
import { DeploySettings, FUNCTION_ENV, parseEnvFile, readSettings, SECRETS } from '../../deploy/settings';
import { ROOT } from '../helpers/cloud';

/**
 * `npm run deploy` from the repository's own files: every function with its config and triggers, every
 * collection, index and rule of database.json, the mini-program upload; `--dry-run` prints that plan with
 * no credentials and no network, and a real run without credentials refuses before doing anything.
 * The built functions and dist/deploy/cli.js come from `node scripts/build.mjs all`.
 */

const readJson = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(ROOT, ...parts), 'utf8'));
const database = readJson('cloudfunctions', 'database.json') as {
  collections: Record<string, { indexes: Array<{ name: string; keys: Record<string, unknown>; unique?: boolean }>; rules: unknown }>;
};
const functionNames = fs
  .readdirSync(path.join(ROOT, 'cloudfunctions'))
  .filter((name) => fs.existsSync(path.join(ROOT, 'cloudfunctions', name, 'index.ts')))
  .sort();
const configOf = (name: string) => readJson('cloudfunctions', name, 'config.json') as { timeout: number; triggers?: Array<{ name: string; config: string }> };

/** Where no settings file is. */
const noSettingsFile = path.join(os.tmpdir(), 'deploy-test-no-such-env-file');
const noSettings = (): DeploySettings => readSettings({}, noSettingsFile, ROOT);
const stepsOf = <K extends DeployStep['kind']>(steps: DeployStep[], kind: K) => steps.filter((s): s is Extract<DeployStep, { kind: K }> => s.kind === kind);

let inputs: DeployInputs;
beforeAll(() => {
  inputs = readDeployInputs(ROOT);
});

describe('the plan from the repository', () => {
  test('has every function, each with the runtime, handler, timeout and memory it is deployed with', () => {
    const functions = stepsOf(buildPlan(inputs, noSettings(), { robot: 1 }).steps, 'function');
    expect(functionNames).toEqual([
      'account',
      'booking',
      'directory',
      'events',
      'imports',
      'invitations',
      'messages',
      'outbox',
      'registry',
      'reminders',
      'service',
      'stations',
    ]);
    expect(functions.map((f) => f.name)).toEqual(functionNames);
    for (const fn of functions) {
      expect(fn).toMatchObject({ dir: path.join('dist', 'cloudfunctions', fn.name), runtime: FUNCTION_RUNTIME, handler: 'index.main', memoryMb: 256 });
      expect(fn.timeoutSeconds).toBe(configOf(fn.name).timeout);
    }
  });

  test('has every timer trigger of the functions, with its cron in China time', () => {
    const triggers = stepsOf(buildPlan(inputs, noSettings(), { robot: 1 }).steps, 'trigger');
    const declared = functionNames.flatMap((name) => (configOf(name).triggers ?? []).map((t) => ({ functionName: name, name: t.name, cron: t.config })));
    expect(declared.length).toBeGreaterThan(0);
    expect(triggers.map(({ functionName, name, cron }) => ({ functionName, name, cron }))).toEqual(declared);
    expect(triggers.find((t) => t.functionName === 'reminders')?.when).toBe('every 10 minutes from 18:00 to 20:50 China time (10:00–12:50 UTC)');
    expect(triggers.find((t) => t.functionName === 'outbox')?.when).toBe('every 5 minutes');
  });

  test('has every collection, index and security rule of database.json', () => {
    const { steps } = buildPlan(inputs, noSettings(), { robot: 1 });
    const names = Object.keys(database.collections);
    expect(stepsOf(steps, 'collection').map((c) => c.name)).toEqual(names);
    expect(stepsOf(steps, 'rule')).toEqual(names.map((collection) => ({ kind: 'rule', collection, rule: database.collections[collection].rules })));
    const indexes = names.flatMap((collection) =>
      database.collections[collection].indexes.map((index) => ({
        kind: 'index',
        collection,
        name: index.name,
        keys: Object.entries(index.keys).map(([field, direction]) => ({ field, direction })),
        unique: index.unique ?? false,
      })),
    );
    expect(indexes.length).toBeGreaterThan(20);
    expect(stepsOf(steps, 'index')).toEqual(indexes);
  });

  test('runs the database first, then functions, their triggers, and the mini-program last', () => {
    const kinds = buildPlan(inputs, noSettings(), { robot: 1 }).steps.map((s) => s.kind);
    const order = ['collection', 'index', 'rule', 'function', 'function-rule', 'trigger', 'build-miniprogram', 'upload-miniprogram'];
    expect([...new Set(kinds)]).toEqual(order);
    expect(kinds).toEqual([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  test("lets visitors (no login: a page opened from 朋友圈) invoke only the functions of the shared pages' reads, everyone else signed in", () => {
    const rules = stepsOf(buildPlan(inputs, noSettings(), { robot: 1 }).steps, 'function-rule');
    expect(rules).toEqual([
      { kind: 'function-rule', rule: { '*': { invoke: 'auth != null' }, booking: { invoke: true }, events: { invoke: true }, service: { invoke: true } } },
    ]);
  });

  test('gives each function the production variables its code reads, and never the local-only ones', () => {
    const settings = noSettings();
    settings.functionEnv = {
      ADMIN_SETUP_CODE: 'setup-code-1',
      INVITATION_KEY: 'key-1',
      SUBSCRIBE_TEMPLATE_BOOKING: 'tpl-booking',
      SUBSCRIBE_TEMPLATE_REMINDER: '',
    };
    const env = Object.fromEntries(stepsOf(buildPlan(inputs, settings, { robot: 1 }).steps, 'function').map((f) => [f.name, f.env]));
    expect(env.outbox).toEqual({ SUBSCRIBE_TEMPLATE_BOOKING: 'tpl-booking', SUBSCRIBE_TEMPLATE_REMINDER: '' });
    // Only `account` claims the first admin with the setup code; only `invitations` hashes codes.
    expect(env.account).toEqual({ ADMIN_SETUP_CODE: 'setup-code-1' });
    expect(env.invitations).toEqual({ INVITATION_KEY: 'key-1' });
    for (const name of ['booking', 'directory', 'events', 'reminders', 'service', 'stations']) expect(env[name]).toEqual({});
    expect(Object.values(env).some((vars) => 'NOTIFY_MODE' in vars)).toBe(false);
  });

  test('uploads the weapp build as package.json version with the last commit subject, unless told otherwise', () => {
    const upload = (release: { version?: string; desc?: string; robot: number }) =>
      stepsOf(buildPlan(inputs, noSettings(), release).steps, 'upload-miniprogram')[0];
    const subject = execFileSync('git', ['log', '-1', '--format=%s'], { cwd: ROOT, encoding: 'utf8' }).trim();
    expect(upload({ robot: 1 })).toEqual({
      kind: 'upload-miniprogram',
      projectPath: path.join('dist', 'weapp'),
      version: readJson('package.json').version,
      desc: subject,
      robot: 1,
    });
    expect(upload({ version: '1.2.3', desc: '修复预约提醒', robot: 7 })).toMatchObject({ version: '1.2.3', desc: '修复预约提醒', robot: 7 });
  });
});

test('the AppID is WX_APPID, else project.config.json when it names a real one', () => {
  const settings = noSettings();
  const appidFor = (projectAppid: string) => buildPlan({ ...inputs, project: { ...inputs.project, appid: projectAppid } }, settings, { robot: 1 }).appid;
  expect(appidFor('touristappid')).toBeNull();
  expect(appidFor('wx0123456789abcdef')).toBe('wx0123456789abcdef');
  settings.secrets.WX_APPID = 'wxfedcba9876543210';
  expect(appidFor('wx0123456789abcdef')).toBe('wxfedcba9876543210');
});

test('a variable a function reads that deploy does not know stops the plan', () => {
  const functions = inputs.functions.map((fn) => (fn.name === 'messages' ? { ...fn, envRead: ['MESSAGES_SECRET'] } : fn));
  expect(() => buildPlan({ ...inputs, functions }, noSettings(), { robot: 1 })).toThrow(/messages reads process\.env\.MESSAGES_SECRET/);
});

test('a timer cron in words: minutes, a daily China time with its UTC, anything else as written', () => {
  expect(describeCron('0 */5 * * * * *')).toBe('every 5 minutes');
  expect(describeCron('0 0 18 * * * *')).toBe('every day at 18:00 China time (10:00 UTC)');
  expect(describeCron('0 */10 18-20 * * * *')).toBe('every 10 minutes from 18:00 to 20:50 China time (10:00–12:50 UTC)');
  expect(describeCron('0 30 7 * * * *')).toBe('every day at 07:30 China time (23:30 UTC the day before)');
  expect(describeCron('0 0 9 * * 1 *')).toBe('as the cron says, read in China time (UTC+8)');
});

test('settings come from the environment first, then the env file; an empty secret is none, an empty variable clears it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-env-'));
  const envFile = path.join(dir, '.env.deploy');
  fs.writeFileSync(
    envFile,
    [
      '# production',
      'CLOUD_ENV_ID=from-file',
      'export WX_APPID="wx-from-file"',
      "MINIPROGRAM_UPLOAD_KEY='keys/private.key'",
      'TENCENTCLOUD_SECRETID=',
      'ADMIN_SETUP_CODE=',
    ].join('\n'),
  );
  expect(parseEnvFile(fs.readFileSync(envFile, 'utf8'))).toMatchObject({ CLOUD_ENV_ID: 'from-file', WX_APPID: 'wx-from-file' });
  const settings = readSettings({ CLOUD_ENV_ID: 'from-env' }, envFile, ROOT);
  expect(settings.secrets).toEqual({
    CLOUD_ENV_ID: 'from-env',
    WX_APPID: 'wx-from-file',
    MINIPROGRAM_UPLOAD_KEY: path.join(ROOT, 'keys', 'private.key'),
    TENCENTCLOUD_SECRETID: null,
    TENCENTCLOUD_SECRETKEY: null,
  });
  expect(settings.functionEnv).toEqual({ ADMIN_SETUP_CODE: '', INVITATION_KEY: null, SUBSCRIBE_TEMPLATE_BOOKING: null, SUBSCRIBE_TEMPLATE_REMINDER: null });
});

describe('the command', () => {
  const secretNames = [...Object.keys(SECRETS), ...Object.keys(FUNCTION_ENV)];
  /** The environment without any deploy setting, watched for network use (no-network.js). */
  const bareEnv = (): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !secretNames.includes(name))),
    NODE_OPTIONS: `--require ${path.join(__dirname, 'no-network.js')}`,
    npm_config_update_notifier: 'false',
  });
  const cli = (...args: string[]): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [path.join(ROOT, 'dist', 'deploy', 'cli.js'), ...args], { cwd: ROOT, env: bareEnv(), encoding: 'utf8' });

  test('`npm run deploy -- --dry-run` prints the whole plan with no credentials and no network', () => {
    const run = spawnSync('npm', ['run', '--silent', 'deploy', '--', '--dry-run', '--settings-file', noSettingsFile], {
      cwd: ROOT,
      env: bareEnv(),
      encoding: 'utf8',
    });
    expect(run.stderr).not.toContain('NO-NETWORK');
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Deploy plan for environment <CLOUD_ENV_ID>, mini-program <WX_APPID>');
    expect(out).toContain(`Functions (${functionNames.length})`);
    for (const name of functionNames) expect(out).toMatch(new RegExp(`^ {3}${name} +dist/cloudfunctions/${name} +runtime ${FUNCTION_RUNTIME} `, 'm'));
    expect(out).toMatch(/reminders\.evening-reminders +"0 \*\/10 18-20 \* \* \* \*" +every 10 minutes from 18:00 to 20:50 China time/);
    expect(out).toMatch(/outbox\.deliver-outbox +"0 \*\/5 \* \* \* \* \*" +every 5 minutes/);
    for (const [collection, spec] of Object.entries(database.collections)) {
      expect(out).toMatch(new RegExp(`^ {3}${collection}$`, 'm'));
      expect(out).toMatch(new RegExp(`^ {3}${collection} +${JSON.stringify(spec.rules).replace(/[{}]/g, '\\$&')}$`, 'm'));
      for (const index of spec.indexes) expect(out).toMatch(new RegExp(`^ {3}${collection}\\.${index.name} `, 'm'));
    }
    expect(out).toMatch(
      /^ {3}functions +\{"\*":\{"invoke":"auth != null"\},"booking":\{"invoke":true\},"events":\{"invoke":true\},"service":\{"invoke":true\}\}$/m,
    );
    expect(out).toContain('未登录用户访问');
    expect(out).toMatch(/dist\/weapp +version \d+\.\d+\.\d+ +robot 1/);
    expect(out).toContain('Dry run: nothing was sent.');
    for (const name of secretNames) expect(out).toContain(`  ${name}: `);
  });

  test('a real deploy without credentials names each one missing and stops before any tool loads', () => {
    const run = cli('--settings-file', noSettingsFile);
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('NO-NETWORK');
    expect(run.stderr).toContain('Cannot deploy: set these in the environment or in');
    for (const name of secretNames) expect(run.stderr).toContain(`  ${name}: `);
  });

  test('an upload key that is not there is missing too', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'deploy', 'cli.js'), '--settings-file', noSettingsFile], {
      cwd: ROOT,
      env: { ...bareEnv(), MINIPROGRAM_UPLOAD_KEY: 'no/such/private.key' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`MINIPROGRAM_UPLOAD_KEY: no file at ${path.join(ROOT, 'no', 'such', 'private.key')}`);
  });

  test('with every setting, a real deploy loads its tool only then and goes to Tencent Cloud (refused here)', () => {
    const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-key-')), 'private.key');
    fs.writeFileSync(keyFile, 'not a real key');
    const settings = {
      CLOUD_ENV_ID: 'env-test',
      WX_APPID: 'wx0123456789abcdef',
      MINIPROGRAM_UPLOAD_KEY: keyFile,
      TENCENTCLOUD_SECRETID: 'AKID-test',
      TENCENTCLOUD_SECRETKEY: 'test',
      ADMIN_SETUP_CODE: '',
      INVITATION_KEY: 'a-test-invitation-key',
      SUBSCRIBE_TEMPLATE_BOOKING: 'tpl-booking',
      SUBSCRIBE_TEMPLATE_REMINDER: 'tpl-reminder',
    };
    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'deploy', 'cli.js'), '--settings-file', noSettingsFile], {
      cwd: ROOT,
      env: { ...bareEnv(), ...settings },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/NO-NETWORK: connect .*tencentcloudapi\.com/);
    expect(run.stderr).toMatch(/NO-NETWORK: loaded .*@cloudbase[\\/]manager-node/);
    expect(run.stderr).toContain('Deploy stopped: reading function account in environment env-test');
    expect(run.stderr).not.toContain('Cannot deploy');
  });

  test('a wrong flag gets the usage', () => {
    for (const args of [['--dryrun'], ['--dry-run', '--robot', '31']]) {
      const run = cli(...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('usage: npm run deploy -- [--dry-run]');
    }
  });
});
