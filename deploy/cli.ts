import path from 'path';
import { parseArgs } from 'util';
import { executePlan } from './execute';
import { readDeployInputs } from './inputs';
import { buildPlan } from './plan';
import { formatPlan } from './print';
import { missingSettings, readSettings } from './settings';

/**
 * `npm run deploy`: puts the project into a WeChat Cloud environment (docs/DEPLOY.md). Prints the plan,
 * then carries it out; `--dry-run` only prints it, and needs neither credentials nor the network.
 */
const USAGE = 'usage: npm run deploy -- [--dry-run] [--version 1.2.3] [--desc "what changed"] [--robot 1..30] [--settings-file .env.deploy]';
const root = path.resolve(__dirname, '..', '..');

interface Options {
  dryRun: boolean;
  version?: string;
  desc?: string;
  robot: number;
  settingsFile: string;
}

/** The command line's options, or a message saying what is wrong with it. */
function parseOptions(args: string[]): Options | string {
  try {
    const { values } = parseArgs({
      args,
      options: {
        'dry-run': { type: 'boolean', default: false },
        version: { type: 'string' },
        desc: { type: 'string' },
        robot: { type: 'string', default: '1' },
        // Not --env-file: Node 20 takes that as its own option even after the script's name.
        'settings-file': { type: 'string', default: '.env.deploy' },
      },
    });
    const robot = Number(values.robot);
    if (!Number.isInteger(robot) || robot < 1 || robot > 30) return `--robot is a number from 1 to 30, not ${values.robot}`;
    return { dryRun: values['dry-run'], version: values.version, desc: values.desc, robot, settingsFile: path.resolve(root, values['settings-file']) };
  } catch (err) {
    return (err as Error).message;
  }
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if (typeof options === 'string') {
    console.error(`${options}\n${USAGE}`);
    return 2;
  }
  const { settingsFile } = options;
  const settings = readSettings(process.env, settingsFile, root);
  const plan = buildPlan(readDeployInputs(root), settings, options);
  console.log(formatPlan(plan));
  const missing = missingSettings(settings, plan.appid);
  if (options.dryRun) {
    console.log(
      `\nDry run: nothing was sent.${missing.length ? `\nA real deploy needs as well (environment or ${settingsFile}):\n  ${missing.join('\n  ')}` : ''}`,
    );
    return 0;
  }
  if (missing.length) {
    console.error(`\nCannot deploy: set these in the environment or in ${settingsFile} (docs/DEPLOY.md):\n  ${missing.join('\n  ')}`);
    return 1;
  }
  const { secrets } = settings;
  // missingSettings has vouched for every value.
  await executePlan(plan, {
    root,
    envId: secrets.CLOUD_ENV_ID!,
    appid: plan.appid!,
    uploadKeyPath: secrets.MINIPROGRAM_UPLOAD_KEY!,
    secretId: secrets.TENCENTCLOUD_SECRETID!,
    secretKey: secrets.TENCENTCLOUD_SECRETKEY!,
  });
  console.log('\nDeployed. Open the development version in 微信公众平台 → 管理 → 版本管理 to try it, then submit it for review.');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`\nDeploy stopped: ${err.message}\nWhat came before is done, and every step can run again: fix the cause and run npm run deploy again.`);
    process.exit(1);
  },
);
