// `npm run report:calls`: the database calls of every action, as the function tests make them.
// Runs the function tests with the local cloud's call log on (LOCALCLOUD_CALLS_LOG), then prints one
// row per action: how often the tests called it, the common case (median of answered calls), the worst
// case seen, the worst counting the calls of transactions rolled back and retried, and its budget
// (cloudfunctions/call-budgets.ts). `--from <log>` reports an existing log.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromAt = process.argv.indexOf('--from');
let log = fromAt > 0 ? path.resolve(process.argv[fromAt + 1]) : null;

if (!log) {
  log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'calls-')), 'calls.jsonl');
  const run = (cmd, args, env = {}) => {
    const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    if (result.status !== 0) process.exit(result.status ?? 1);
  };
  run(process.execPath, ['scripts/build.mjs', 'all']);
  run(process.execPath, ['node_modules/jest/bin/jest.js', 'test/functions', '--selectProjects', 'node'], { TZ: 'UTC', LOCALCLOUD_CALLS_LOG: log });
}

const { CALL_BUDGETS } = await loadBudgets();
const byAction = new Map();
for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
  if (!line) continue;
  const entry = JSON.parse(line);
  const seen = byAction.get(entry.action) ?? { answered: [], refused: [], withRetries: [] };
  // What a budget counts: everything but the calls of rolled-back transactions (call-meter.ts).
  (entry.refused ? seen.refused : seen.answered).push(entry.calls.total - entry.calls.rolledBack);
  seen.withRetries.push(entry.calls.total);
  byAction.set(entry.action, seen);
}

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] : '–');
const max = (xs) => (xs.length ? Math.max(...xs) : '–');
const rows = Object.keys(CALL_BUDGETS)
  .sort()
  .map((action) => {
    const seen = byAction.get(action) ?? { answered: [], refused: [], withRetries: [] };
    const all = [...seen.answered, ...seen.refused];
    return `| ${action} | ${all.length} | ${median(seen.answered)} | ${max(all)} | ${max(seen.withRetries)} | ${CALL_BUDGETS[action]} |`;
  });
const untested = Object.keys(CALL_BUDGETS).filter((a) => !byAction.has(a));
console.log(
  ['| action | calls in the tests | common case | worst case | worst with conflicts retried | budget |', '|---|---|---|---|---|---|', ...rows].join('\n'),
);
if (untested.length) console.log(`\nNot called by any function test: ${untested.join(', ')}`);
console.log(`\n(log: ${log})`);

/** The budgets as the local cloud reads them, from its build (the TypeScript source is bundled into it). */
async function loadBudgets() {
  const built = path.join(root, 'dist', 'localcloud', 'call-budgets.mjs');
  if (!fs.existsSync(built)) {
    console.error('dist/localcloud/call-budgets.mjs is missing: run `npm run build` first');
    process.exit(1);
  }
  return import(built);
}
