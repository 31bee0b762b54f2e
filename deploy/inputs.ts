import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { z } from 'zod';
import { DatabaseSpec, loadDatabaseSpec } from '../localcloud/src/spec';

/** A function's config.json: what WeChat DevTools reads on upload, and what deploy applies. */
export const functionConfigSchema = z.strictObject({
  /** Seconds; 3 is WeChat's default, 60 the most a function may run. */
  timeout: z.number().int().min(1).max(60).default(3),
  /** MB; 256 is the platform's default. */
  memorySize: z.union([z.literal(128), z.literal(256), z.literal(512), z.literal(1024), z.literal(2048)]).default(256),
  triggers: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
        type: z.literal('timer'),
        /** `秒 分 时 日 月 星期 年`, read in China time. */
        config: z.string().refine((cron) => cron.trim().split(/\s+/).length === 7, 'a timer cron has 7 fields: 秒 分 时 日 月 星期 年'),
      }),
    )
    .default([]),
  /** Cloud-call (云调用) APIs the function may use. */
  permissions: z.strictObject({ openapi: z.array(z.string()) }).default({ openapi: [] }),
});

export type FunctionConfig = z.infer<typeof functionConfigSchema>;

/** A deployable function folder as scripts/build.mjs leaves it: index.js, package.json, config.json. */
export interface BuiltFunction {
  name: string;
  /** The folder, relative to the repository. */
  dir: string;
  config: FunctionConfig;
  /** The `process.env.NAME`s its code reads. */
  envRead: string[];
}

/** What the plan is made of, read from the repository. */
export interface DeployInputs {
  database: DatabaseSpec;
  functions: BuiltFunction[];
  project: { appid: string; miniprogramRoot: string; cloudfunctionRoot: string };
  packageVersion: string;
  /** The subject of the last commit, or null outside a git work tree. */
  lastCommitSubject: string | null;
}

const projectConfigSchema = z.object({ appid: z.string(), miniprogramRoot: z.string(), cloudfunctionRoot: z.string() });

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A folder of project.config.json ("dist/weapp/") as a relative path without the trailing slash. */
const folder = (configured: string): string => path.normalize(configured).replace(/[\\/]+$/, '');

/**
 * The functions are the folders of cloudfunctions/ with an index.ts (the rule of scripts/build.mjs),
 * read from their built folders under project.config.json's cloudfunctionRoot: what is uploaded.
 */
function readBuiltFunctions(root: string, cloudfunctionRoot: string): BuiltFunction[] {
  const sources = path.join(root, 'cloudfunctions');
  const names = fs
    .readdirSync(sources)
    .filter((name) => fs.existsSync(path.join(sources, name, 'index.ts')))
    .sort();
  return names.map((name) => {
    const dir = path.join(cloudfunctionRoot, name);
    const missing = ['index.js', 'package.json', 'config.json'].filter((file) => !fs.existsSync(path.join(root, dir, file)));
    if (missing.length) throw new Error(`${dir} lacks ${missing.join(', ')}: build the functions first (node scripts/build.mjs functions)`);
    const code = fs.readFileSync(path.join(root, dir, 'index.js'), 'utf8');
    // Minified code keeps property names, so every variable read as process.env.NAME shows as such.
    const envRead = [...new Set(Array.from(code.matchAll(/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g), (m) => m[1]))].sort();
    return { name, dir, config: functionConfigSchema.parse(readJson(path.join(root, dir, 'config.json'))), envRead };
  });
}

function lastCommitSubject(root: string): string | null {
  try {
    return execFileSync('git', ['log', '-1', '--format=%s'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

export function readDeployInputs(root: string): DeployInputs {
  const project = projectConfigSchema.parse(readJson(path.join(root, 'project.config.json')));
  const cloudfunctionRoot = folder(project.cloudfunctionRoot);
  return {
    database: loadDatabaseSpec(path.join(root, 'cloudfunctions', 'database.json')),
    functions: readBuiltFunctions(root, cloudfunctionRoot),
    project: { appid: project.appid, miniprogramRoot: folder(project.miniprogramRoot), cloudfunctionRoot },
    packageVersion: z.object({ version: z.string() }).parse(readJson(path.join(root, 'package.json'))).version,
    lastCommitSubject: lastCommitSubject(root),
  };
}
