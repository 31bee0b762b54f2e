// `npm test`: builds (functions, local cloud, weapp with its size check, h5), lints, typechecks, then runs
// every test suite (node, app components, weapp pages, e2e in Chromium), and ends with the plain summary line
// `N passed, N failed` that CI reads (jest's own summary is not read there).
//
// The suites run at the real time, or as if at TEST_NOW when it is set (jest.config.js). TEST_ALSO_AT
// (comma-separated ISO instants) runs the fast suites (all but e2e) again as if at each of them: CI uses
// it for a year's and a month's last minutes. Extra arguments go to jest.
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } }).status === 0;

let passed = 0;
let failed = 0;
const step = (name, ok) => {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${name}`);
  if (ok) passed++;
  else failed++;
  return ok;
};

/** Runs jest with `args` and adds its counts; a suite that fails to load counts as a failure. */
function jest(label, args, env = {}) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-')), 'report.json');
  run('npx', ['jest', '--json', `--outputFile=${report}`, ...args], env);
  if (!fs.existsSync(report)) return step(`${label}: jest produced a report`, false);
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  failed += result.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
  console.log(`${label}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`);
}

const built =
  step('build functions and local cloud', run('node', ['scripts/build.mjs', 'all'])) &&
  step('build weapp (with size check)', run('npm', ['run', '--silent', 'build:weapp'])) &&
  step('build h5', run('npm', ['run', '--silent', 'build:h5']));
if (built) {
  step('lint', run('npm', ['run', '--silent', 'lint']));
  step('typecheck', run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']));
  jest(process.env.TEST_NOW ? `all suites as if at ${process.env.TEST_NOW}` : 'all suites', process.argv.slice(2));
  for (const at of (process.env.TEST_ALSO_AT ?? '').split(',').filter(Boolean)) {
    jest(`fast suites as if at ${at}`, ['--selectProjects', 'node', 'app', 'weapp'], { TEST_NOW: at });
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
