// `npm test`: builds (functions, local cloud, weapp with its size check, h5), typechecks, then runs
// every test suite (node, app components, weapp pages, e2e in Chromium), and ends with the plain summary line
// `N passed, N failed` that CI reads (jest's own summary is not read there).
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } }).status === 0;

let passed = 0;
let failed = 0;
const step = (name, ok) => {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${name}`);
  if (ok) passed++;
  else failed++;
  return ok;
};

const built =
  step('build functions and local cloud', run('node', ['scripts/build.mjs', 'all'])) &&
  step('build weapp (with size check)', run('npm', ['run', '--silent', 'build:weapp'])) &&
  step('build h5', run('npm', ['run', '--silent', 'build:h5']));
if (built) {
  step('typecheck', run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']));
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-')), 'report.json');
  run('npx', ['jest', '--json', `--outputFile=${report}`, ...process.argv.slice(2)]);
  if (fs.existsSync(report)) {
    const result = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    // A suite that fails to load has no failed tests of its own: count it.
    failed += result.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
  } else {
    step('jest produced a report', false);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
