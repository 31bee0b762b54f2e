// `node bench/app-start.mjs`: how long the local demo takes to come up and to show something.
// (a) `npm start` (node scripts/start.mjs) to its "is ready" line, with a temp store on a free port:
//     first on an empty store (build check, cloud start, seeding), then again on the seeded store;
// (b) in Debian's Chromium at phone size, page.goto(url) to the first team card visible on the 服务
//     tab, median of 5 runs, with a fresh browser profile each run (cold) and in one profile (warm).
// Prints a Markdown table. Needs `apt-get install -y chromium fonts-wqy-microhei` for (b).
import { spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RUNS = 5;
const READY_TIMEOUT_MS = 180_000;

const temps = [];
const children = new Set();
const tempDir = (label) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `app-start-${label}-`));
  temps.push(dir);
  return dir;
};
function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
process.on('SIGINT', () => (cleanup(), process.exit(130)));
process.on('SIGTERM', () => (cleanup(), process.exit(143)));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `node scripts/start.mjs` and resolves when it prints its "is ready" line, with the times (ms
 * from spawn) at which its phases were announced. `stop()` sends SIGTERM and waits for the exit.
 */
async function npmStart(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, LOCALCLOUD_DATA: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => (children.delete(child), resolve({ code, signal }))));
  const marks = {};
  let out = '';
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${out}`)), READY_TIMEOUT_MS);
    const onData = (chunk) => {
      const at = performance.now() - started;
      out += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        if (/^built all/.test(line)) marks.built ??= at;
        if (/h5 app is up to date/.test(line)) marks.h5 ??= at;
        if (/building the h5 app/.test(line)) marks.h5Rebuild = true;
        if (/local cloud ready at/.test(line)) {
          marks.cloud ??= at;
          marks.cloudLine = line.trim();
        }
        if (/is ready/.test(line)) {
          clearTimeout(timer);
          marks.ready = at;
          const url = /open (http:\/\/[\d.:]+)/.exec(line)?.[1];
          resolve(url);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d.toString()));
    exited.then(({ code, signal }) => reject(new Error(`npm start exited (${code ?? signal}) before it was ready:\n${out}`)));
  });
  return {
    url: ready,
    marks,
    output: out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function launch(chromium, profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 390, height: 844 },
  });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort('blockedbyclient');
  });
  return context;
}

/** ms from page.goto(url) to the first team card being visible. */
async function timeFirstCard(context, url) {
  const page = await context.newPage();
  try {
    const t0 = performance.now();
    await page.goto(`${url}/`);
    await page.locator('[data-testid="team-card"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    return performance.now() - t0;
  } finally {
    await page.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const msf = (ms) => `${Math.round(ms)} ms`;

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with \`apt-get install -y chromium fonts-wqy-microhei\``);
  }
  const { chromium } = await import('playwright-core');
  const dataDir = tempDir('store');
  const rows = [];

  // (a) first run: empty store.
  const first = await npmStart(dataDir);
  const firstStop = await first.stop();
  if (!/seeded /.test(first.output)) throw new Error(`the first run did not seed:\n${first.output}`);
  // (a) second run: the store seeded by the first; kept running for (b).
  const second = await npmStart(dataDir);
  if (!/not seeding/.test(second.output)) throw new Error(`the second run did not find the seeded store:\n${second.output}`);

  const cold = [];
  const warm = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await launch(chromium, tempDir('profile'));
      try {
        cold.push(await timeFirstCard(context, second.url));
      } finally {
        await context.close();
      }
    }
    const context = await launch(chromium, tempDir('profile'));
    try {
      await timeFirstCard(context, second.url); // fills the HTTP cache
      for (let i = 0; i < RUNS; i++) warm.push(await timeFirstCard(context, second.url));
    } finally {
      await context.close();
    }
  } finally {
    await second.stop();
  }

  const phases = (m) =>
    [
      m.built !== undefined ? `functions/cloud build ${sec(m.built)}` : null,
      m.h5Rebuild ? 'h5 rebuilt' : m.h5 !== undefined ? 'h5 up to date' : null,
      m.cloud !== undefined ? `cloud ready at ${sec(m.cloud)}` : null,
      m.cloud !== undefined ? `seed step ${sec(m.ready - m.cloud)}` : null,
    ]
      .filter(Boolean)
      .join('; ');
  rows.push(['`npm start` to "is ready", empty store (1st run)', sec(first.marks.ready), phases(first.marks)]);
  rows.push(['`npm start` to "is ready", seeded store (2nd run)', sec(second.marks.ready), phases(second.marks)]);
  const spread = (xs) => `${RUNS} runs: ${xs.map((x) => Math.round(x)).join(', ')} ms`;
  rows.push(['goto → first team card visible, fresh profile (cold cache), median', msf(median(cold)), spread(cold)]);
  rows.push(['goto → first team card visible, same profile (warm cache), median', msf(median(warm)), spread(warm)]);

  console.log(`\napp start, ${os.cpus().length} CPUs, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(`local cloud (2nd run): ${second.marks.cloudLine ?? '?'}; SIGTERM exits: 1st ${JSON.stringify(firstStop)}\n`);
  console.log('| measure | value | detail |');
  console.log('| --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(cleanup);
