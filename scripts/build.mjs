// Builds the local cloud, the demo seeder, the deploy command, the benchmarks and each cloud function into a standalone deployable folder.
// usage: node scripts/build.mjs cloud | functions | all | docs (the generator of docs/API.md)
import { build } from 'esbuild';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const SDK_VERSION = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies['wx-server-sdk'];
const common = {
  bundle: true,
  minify: true,
  keepNames: true,
  platform: 'node',
  target: 'node16',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};

async function buildCloud() {
  await build({
    ...common,
    target: 'node20',
    entryPoints: ['cli', 'function-worker', 'deploy-database'].map((f) => path.join(root, 'localcloud/src', `${f}.ts`)),
    outdir: path.join(dist, 'localcloud'),
    external: ['wx-server-sdk'],
  });
  // The budgets, for `npm run report:calls` (the local cloud bundles its own copy).
  await build({
    ...common,
    target: 'node20',
    format: 'esm',
    entryPoints: [path.join(root, 'cloudfunctions', 'call-budgets.ts')],
    outfile: path.join(dist, 'localcloud', 'call-budgets.mjs'),
  });
  // The demo seeder talks to a running local cloud through the SDK, as the functions do.
  await build({
    ...common,
    target: 'node20',
    entryPoints: [path.join(root, 'demo', 'seed-cli.ts')],
    outfile: path.join(dist, 'demo', 'seed-cli.js'),
    external: ['wx-server-sdk'],
  });
  // `npm run deploy`: its tools stay in node_modules, loaded only when it really deploys.
  await build({
    ...common,
    target: 'node20',
    entryPoints: [path.join(root, 'deploy', 'cli.ts')],
    outfile: path.join(dist, 'deploy', 'cli.js'),
    external: ['@cloudbase/manager-node', 'miniprogram-ci'],
  });
  const benches = fs.existsSync(path.join(root, 'bench')) ? fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.ts')) : [];
  if (benches.length) {
    await build({
      ...common,
      target: 'node20',
      entryPoints: benches.map((f) => path.join(root, 'bench', f)),
      outdir: path.join(dist, 'bench'),
      external: ['wx-server-sdk'],
    });
  }
}

/** Each folder of cloudfunctions/ with an index.ts becomes dist/cloudfunctions/<name>/{index.js,package.json,config.json}. */
async function buildFunctions() {
  const srcRoot = path.join(root, 'cloudfunctions');
  const names = fs.readdirSync(srcRoot).filter((n) => fs.existsSync(path.join(srcRoot, n, 'index.ts')));
  for (const name of names) {
    const out = path.join(dist, 'cloudfunctions', name);
    fs.rmSync(out, { recursive: true, force: true });
    // WeChat's Node runtime is older than ours: target node16, and leave the SDK to the cloud's npm install.
    await build({ ...common, entryPoints: [path.join(srcRoot, name, 'index.ts')], outfile: path.join(out, 'index.js'), external: ['wx-server-sdk'] });
    fs.writeFileSync(
      path.join(out, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION } }, null, 2) + '\n',
    );
    fs.copyFileSync(path.join(srcRoot, name, 'config.json'), path.join(out, 'config.json'));
  }
  return names;
}

/** `npm run docs:api`: the generator of docs/API.md (scripts/api-docs.ts), with the TypeScript compiler it reads the contract's comments with. */
async function buildDocs() {
  await build({
    ...common,
    target: 'node20',
    entryPoints: [path.join(root, 'scripts', 'api-docs.ts')],
    outfile: path.join(dist, 'scripts', 'api-docs.js'),
    external: ['typescript'],
  });
}

const what = process.argv[2] ?? 'all';
const started = Date.now();
if (what === 'cloud' || what === 'all') await buildCloud();
if (what === 'docs') await buildDocs();
const fns = what === 'functions' || what === 'all' ? await buildFunctions() : [];
console.log(`built ${what}${fns.length ? ` (functions: ${fns.join(', ')})` : ''} in ${Date.now() - started} ms`);
