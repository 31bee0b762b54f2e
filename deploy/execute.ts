import { spawnSync } from 'child_process';
import path from 'path';
import type CloudBase from '@cloudbase/manager-node';
import type { DeployPlan, DeployStep } from './plan';
import { describeStep, groupHeading, groupSteps, nameWidth, stepLines } from './print';

/** Where to deploy, and the credentials: all present (the CLI refuses a real deploy otherwise). */
export interface DeployTarget {
  root: string;
  envId: string;
  appid: string;
  uploadKeyPath: string;
  secretId: string;
  secretKey: string;
}

type StepOf<K extends DeployStep['kind']> = Extract<DeployStep, { kind: K }>;
type Log = (line: string) => void;

/** The oldest Node a function may already run on: older runtimes cannot run code built for Node 16. */
const OLDEST_NODE_MAJOR = 16;

/** What GetFunction says of a function that is not there. */
const isNotFound = (err: unknown): boolean => /^ResourceNotFound/.test(String((err as { code?: unknown }).code ?? ''));

/** A timer trigger's cron as GetFunction reports it: plain, or inside `{"cron": ...}`. */
function cronOf(triggerDesc: string): string {
  try {
    const parsed = JSON.parse(triggerDesc) as { cron?: unknown };
    return typeof parsed.cron === 'string' ? parsed.cron : triggerDesc;
  } catch {
    return triggerDesc;
  }
}

/**
 * The runtime of each planned function that exists already. Read before anything changes, because a
 * function's runtime is fixed when it is created: one created by hand on an old runtime (WeChat DevTools
 * and miniprogram-ci create Node 8.9) would take our code and then fail on every call.
 */
async function existingRuntimes(manager: CloudBase, plan: DeployPlan): Promise<Map<string, string>> {
  const runtimes = new Map<string, string>();
  for (const step of plan.steps) {
    if (step.kind !== 'function') continue;
    try {
      runtimes.set(step.name, (await manager.functions.getFunctionDetail(step.name)).Runtime);
    } catch (err) {
      if (!isNotFound(err)) throw new Error(`reading function ${step.name} in environment ${plan.envId}: ${(err as Error).message ?? err}`, { cause: err });
    }
  }
  const tooOld = [...runtimes].filter(([, runtime]) => Number(/^Nodejs(\d+)/.exec(runtime)?.[1] ?? 0) < OLDEST_NODE_MAJOR);
  if (tooOld.length) {
    throw new Error(
      `${tooOld.map(([name, runtime]) => `${name} (${runtime})`).join(', ')} run on Node older than ${OLDEST_NODE_MAJOR}, which cannot be changed: ` +
        'delete them in the cloud console (云开发控制台 → 云函数) and deploy again to create them anew',
    );
  }
  return runtimes;
}

async function deployIndex(manager: CloudBase, step: StepOf<'index'>): Promise<string> {
  const wanted = step.keys.map((key) => ({ Name: key.field, Direction: String(key.direction) }));
  const { Indexes = [] } = await manager.database.describeCollection(step.collection);
  const current = Indexes.find((index) => index.Name === step.name);
  const currentKeys = current?.Keys.map((key) => ({ Name: key.Name, Direction: key.Direction }));
  if (current && current.Unique === step.unique && JSON.stringify(currentKeys) === JSON.stringify(wanted)) return 'unchanged';
  if (current) await manager.database.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.name }] });
  await manager.database.updateCollection(step.collection, {
    CreateIndexes: [{ IndexName: step.name, MgoKeySchema: { MgoIndexKeys: wanted, MgoIsUnique: step.unique } }],
  });
  return current ? 'replaced' : 'created';
}

async function deployFunction(manager: CloudBase, step: StepOf<'function'>, target: DeployTarget, existed: boolean, log: Log): Promise<string> {
  const envVariables = Object.fromEntries(Object.entries(step.env).filter((entry): entry is [string, string] => entry[1] !== null));
  // force: a function that exists gets the new code, then the configuration; one that does not is created with both.
  await manager.functions.createFunction({
    func: {
      name: step.name,
      runtime: step.runtime,
      handler: step.handler,
      timeout: step.timeoutSeconds,
      memorySize: step.memoryMb,
      envVariables,
      // The cloud installs wx-server-sdk from the folder's package.json.
      installDependency: true,
    },
    functionPath: path.join(target.root, step.dir),
    force: true,
  });
  // config.json is the whole truth about timers: a trigger it no longer names would go on firing.
  const { Triggers = [] } = await manager.functions.getFunctionDetail(step.name);
  for (const trigger of Triggers) {
    if (trigger.Type !== 'timer' || step.triggerNames.includes(trigger.TriggerName)) continue;
    await manager.functions.deleteFunctionTrigger(step.name, trigger.TriggerName);
    log(`   removed   ${step.name}.${trigger.TriggerName} (a timer its config.json does not name)`);
  }
  return existed ? 'updated' : 'created';
}

async function deployTrigger(manager: CloudBase, step: StepOf<'trigger'>): Promise<string> {
  const { Triggers = [] } = await manager.functions.getFunctionDetail(step.functionName);
  const current = Triggers.find((trigger) => trigger.TriggerName === step.name);
  if (current && cronOf(current.TriggerDesc) === step.cron) return 'unchanged';
  if (current) await manager.functions.deleteFunctionTrigger(step.functionName, step.name);
  await manager.functions.createFunctionTriggers(step.functionName, [{ name: step.name, type: 'timer', config: step.cron }]);
  return current ? 'replaced' : 'created';
}

function buildMiniprogram(step: StepOf<'build-miniprogram'>, target: DeployTarget): string {
  const [command, ...args] = step.command.split(' ');
  // Taro writes TARO_APP_ID into the build's project.config.json.
  const result = spawnSync(command, args, { cwd: target.root, stdio: 'inherit', env: { ...process.env, TARO_APP_ID: target.appid } });
  if (result.status !== 0) throw new Error(`${step.command} failed (exit ${result.status ?? result.signal})`);
  return 'built';
}

async function uploadMiniprogram(step: StepOf<'upload-miniprogram'>, target: DeployTarget, log: Log): Promise<string> {
  const ci = await import('miniprogram-ci');
  const project = new ci.Project({
    appid: target.appid,
    type: 'miniProgram',
    projectPath: path.join(target.root, step.projectPath),
    privateKeyPath: target.uploadKeyPath,
  });
  const { subPackageInfo = [] } = await ci.upload({ project, version: step.version, desc: step.desc, robot: step.robot });
  for (const pkg of subPackageInfo) log(`             package ${pkg.name}: ${(pkg.size / 1024).toFixed(0)} KB`);
  return 'uploaded';
}

/**
 * Runs the plan's steps in order, one line each with what happened. Every step can run again (what is
 * as planned is left alone), so after a failure fix the cause and deploy again.
 */
export async function executePlan(plan: DeployPlan, target: DeployTarget, log: Log = console.log): Promise<void> {
  // Loaded only here: a dry run needs neither this library nor miniprogram-ci, nor the network.
  const { default: CloudBaseManager } = await import('@cloudbase/manager-node');
  const manager = new CloudBaseManager({ secretId: target.secretId, secretKey: target.secretKey, envId: target.envId });
  const runtimes = await existingRuntimes(manager, plan);
  const run = async (step: DeployStep): Promise<string> => {
    switch (step.kind) {
      case 'collection':
        return (await manager.database.createCollectionIfNotExists(step.name)).IsCreated ? 'created' : 'exists';
      case 'index':
        return deployIndex(manager, step);
      case 'rule':
        await manager.permission.modifyResourcePermission({
          resourceType: 'collection',
          resource: step.collection,
          permission: 'CUSTOM',
          securityRule: JSON.stringify(step.rule),
        });
        return 'set';
      case 'function':
        return deployFunction(manager, step, target, runtimes.has(step.name), log);
      case 'function-rule':
        // One rule for all the environment's functions (no resource named).
        await manager.permission.modifyResourcePermission({ resourceType: 'function', permission: 'CUSTOM', securityRule: JSON.stringify(step.rule) });
        return 'set';
      case 'trigger':
        return deployTrigger(manager, step);
      case 'build-miniprogram':
        return buildMiniprogram(step, target);
      case 'upload-miniprogram':
        return uploadMiniprogram(step, target, log);
    }
  };
  for (const group of groupSteps(plan.steps)) {
    log(`\n${groupHeading(group, plan)}`);
    const width = nameWidth(group.map(describeStep));
    for (const step of group) {
      const [title] = stepLines({ ...describeStep(step), notes: [] }, width);
      try {
        log(`   ${(await run(step)).padEnd(9)} ${title}`);
      } catch (err) {
        throw new Error(`${step.kind} ${describeStep(step).name}: ${(err as Error).message ?? err}`, { cause: err });
      }
    }
  }
}
