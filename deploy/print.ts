import type { DeployPlan, DeployStep } from './plan';

const given = (value: string | null, name: string): string => value ?? `<${name}>`;

/** A step as the plan and a deploy's progress show it: its name, what it is, and notes under it. */
export interface StepText {
  name: string;
  detail: string;
  notes: string[];
}

export function describeStep(step: DeployStep): StepText {
  switch (step.kind) {
    case 'collection':
      return { name: step.name, detail: '', notes: [] };
    case 'index': {
      const keys = step.keys.map((key) => `${key.field} ${key.direction}`).join(', ');
      return { name: `${step.collection}.${step.name}`, detail: `${keys}${step.unique ? '  unique' : ''}`, notes: [] };
    }
    case 'rule':
      return { name: step.collection, detail: JSON.stringify(step.rule), notes: [] };
    case 'function': {
      const env = Object.entries(step.env).map(([name, value]) => `${name}=${value === null ? '<not set>' : JSON.stringify(value)}`);
      return {
        name: step.name,
        detail: `${step.dir}  runtime ${step.runtime}  handler ${step.handler}  timeout ${step.timeoutSeconds} s  memory ${step.memoryMb} MB`,
        notes: [
          `env ${env.length ? env.join(' ') : '(none)'}`,
          ...(step.openapi.length ? [`openapi ${step.openapi.join(', ')}: registered only by a WeChat DevTools upload (docs/DEPLOY.md)`] : []),
        ],
      };
    }
    case 'function-rule':
      return {
        name: 'functions',
        detail: JSON.stringify(step.rule),
        notes: ["callers without login also need the environment's 未登录用户访问 switch on, by hand (docs/DEPLOY.md)"],
      };
    case 'trigger':
      return { name: `${step.functionName}.${step.name}`, detail: `"${step.cron}"  ${step.when}`, notes: [] };
    case 'build-miniprogram':
      return { name: step.command, detail: `→ ${step.output}`, notes: [] };
    case 'upload-miniprogram':
      return { name: step.projectPath, detail: `version ${step.version}  robot ${step.robot}`, notes: [`desc "${step.desc}"`] };
  }
}

/** The step's lines, its name padded to `width` so that a group's details line up. */
export function stepLines(text: StepText, width: number): string[] {
  return [`${text.name.padEnd(width)}  ${text.detail}`.trimEnd(), ...text.notes.map((note) => `${' '.repeat(width)}  ${note}`)];
}

/** The width of the longest name in a group. */
export const nameWidth = (texts: StepText[]): number => Math.max(...texts.map((text) => text.name.length));

/** The heading of each kind of step: what happens to it, and with which tool. */
const HEADINGS: Record<DeployStep['kind'], (count: number, plan: DeployPlan) => string> = {
  collection: (count) => `Collections (${count}): created where missing [@cloudbase/manager-node]`,
  index: (count) => `Indexes (${count}): created where missing, dropped and recreated where their keys differ`,
  rule: (count) => `Security rules (${count}): set on each collection (a custom rule, as in database.json)`,
  function: (count) => `Functions (${count}): created or updated (code, timeout, memory, environment); dependencies installed in the cloud`,
  'function-rule': () =>
    "Function security rule: signed-in callers only, but visitors (no login: a page opened from 朋友圈) too for the shared pages' functions",
  trigger: (count) => `Timer triggers (${count}): created, or replaced where the cron differs; cron read in China time`,
  'build-miniprogram': () => 'Mini-program build',
  'upload-miniprogram': (_count, plan) => `Mini-program upload as a development version of ${given(plan.appid, 'WX_APPID')} [miniprogram-ci]`,
};

/** Runs of consecutive steps of one kind, in plan order. */
export function groupSteps(steps: DeployStep[]): DeployStep[][] {
  const groups: DeployStep[][] = [];
  for (const step of steps) {
    const last = groups[groups.length - 1];
    if (last && last[0].kind === step.kind) last.push(step);
    else groups.push([step]);
  }
  return groups;
}

export function groupHeading(group: DeployStep[], plan: DeployPlan): string {
  return HEADINGS[group[0].kind](group.length, plan);
}

/** The whole plan as text. */
export function formatPlan(plan: DeployPlan): string {
  const lines = [`Deploy plan for environment ${given(plan.envId, 'CLOUD_ENV_ID')}, mini-program ${given(plan.appid, 'WX_APPID')}`];
  groupSteps(plan.steps).forEach((group, i) => {
    lines.push('', `${i + 1}. ${groupHeading(group, plan)}`);
    const texts = group.map(describeStep);
    for (const text of texts) lines.push(...stepLines(text, nameWidth(texts)).map((line) => `   ${line}`));
  });
  lines.push(
    '',
    "Not automated (docs/DEPLOY.md): the environment's 未登录用户访问 switch, subscribe-message templates, the cloud-call permissions above, location API access and privacy guide, review and release.",
  );
  return lines.join('\n');
}
