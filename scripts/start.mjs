// `npm start`: builds what changed, starts the local cloud serving the h5 app and the functions on
// one origin (127.0.0.1:$PORT, default 3000), seeds demo data into an empty store, prints the URL.
// `npm start -- --profile production`: the local cloud with WeChat Cloud's limits (docs/LOCALCLOUD.md).
import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) fs.readdirSync(p).forEach((e) => walk(path.join(p, e)));
    else newest = Math.max(newest, st.mtimeMs);
  };
  dirs
    .map((d) => path.join(root, d))
    .filter(fs.existsSync)
    .forEach(walk);
  return newest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, ['scripts/build.mjs', 'all']);
const h5Index = path.join(root, 'dist', 'h5', 'index.html');
const appSources = newestMtime(['src', 'contract', 'rules', 'config', 'babel.config.js', 'package-lock.json']);
if (!fs.existsSync(h5Index) || fs.statSync(h5Index).mtimeMs < appSources) {
  console.log('building the h5 app (about 30 s)…');
  run('npx', ['taro', 'build', '--type', 'h5']);
} else {
  console.log('h5 app is up to date');
}

const profileAt = process.argv.indexOf('--profile');
const profile = profileAt > 0 ? process.argv[profileAt + 1] : (process.env.LOCALCLOUD_PROFILE ?? 'local');
const cloud = spawn(process.execPath, [path.join(root, 'dist', 'localcloud', 'cli.js'), 'serve'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: process.env.PORT ?? '3000',
    LOCALCLOUD_STATIC: path.join(root, 'dist', 'h5'),
    LOCALCLOUD_PROFILE: profile,
    // An action over its database-call budget, or a query no index serves, fails loudly while you try the app.
    LOCALCLOUD_CALL_BUDGETS: process.env.LOCALCLOUD_CALL_BUDGETS ?? '1',
    LOCALCLOUD_STRICT_INDEXES: process.env.LOCALCLOUD_STRICT_INDEXES ?? '1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stop = () => cloud.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
cloud.on('exit', (code) => process.exit(code ?? 0));

let announced = false;
cloud.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const m = /ready at (http:\/\/[\d.:]+)/.exec(chunk.toString());
  if (!m || announced) return;
  announced = true;
  const url = m[1];
  const seed = spawnSync(process.execPath, [path.join(root, 'dist', 'demo', 'seed-cli.js')], {
    cwd: root,
    env: { ...process.env, LOCALCLOUD_URL: url },
    stdio: 'inherit',
  });
  if (seed.status !== 0) {
    console.error('seeding demo data failed');
    stop();
    return;
  }
  console.log(`\n幸福家园 is ready (${elapsed()}): open ${url}/\n`);
});
