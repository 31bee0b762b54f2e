// Fails the weapp build loudly when a package outgrows its budget: main package 450 KB (ours),
// each subpackage 2 MB and all packages 30 MB (WeChat's limits). Prints the sizes.
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'weapp');
const KB = 1024;
const MAIN_BUDGET = 450 * KB;
const SUBPACKAGE_LIMIT = 2048 * KB;
const TOTAL_LIMIT = 30 * 1024 * KB;

function size(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = path.join(dir, e.name);
    return sum + (e.isDirectory() ? size(p) : fs.statSync(p).size);
  }, 0);
}

const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
const subpackages = (app.subPackages ?? app.subpackages ?? []).map((p) => ({ root: p.root, bytes: size(path.join(dist, p.root)) }));
const total = size(dist);
const main = total - subpackages.reduce((s, p) => s + p.bytes, 0);
const problems = [];
console.log(`weapp main package: ${(main / KB).toFixed(1)} KB (budget ${MAIN_BUDGET / KB} KB)`);
if (main > MAIN_BUDGET) problems.push(`main package is ${(main / KB).toFixed(1)} KB, over the ${MAIN_BUDGET / KB} KB budget`);
for (const p of subpackages) {
  console.log(`weapp subpackage ${p.root}: ${(p.bytes / KB).toFixed(1)} KB`);
  if (p.bytes > SUBPACKAGE_LIMIT) problems.push(`subpackage ${p.root} is over WeChat's 2 MB limit`);
}
console.log(`weapp total: ${(total / KB).toFixed(1)} KB`);
if (total > TOTAL_LIMIT) problems.push("all packages together are over WeChat's 30 MB limit");
if (problems.length) {
  console.error(`size check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
