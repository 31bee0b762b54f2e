// `npm run remind` / `npm run deliver`: runs a timer-triggered function (`reminders`, `outbox`) once by hand
// against the running local cloud (LOCALCLOUD_URL, default http://127.0.0.1:3000), with the event its
// trigger in cloudfunctions/<name>/config.json would send, and prints its answer.
// usage: node scripts/trigger.mjs <function>
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
const configFile = path.join(root, 'cloudfunctions', name ?? '', 'config.json');
const trigger = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')).triggers?.find((t) => t.type === 'timer') : undefined;
if (!trigger) {
  console.error(`usage: node scripts/trigger.mjs <function with a timer trigger>${name ? ` (${name} has none)` : ''}`);
  process.exit(1);
}
const url = (process.env.LOCALCLOUD_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
// Timer functions answer by hand only to those who know the local cloud's secret (localcloud/src/secret.ts).
const secretFile = path.join(path.resolve(process.env.LOCALCLOUD_DATA ?? path.join(root, '.data', 'localcloud')), 'secret');
const secret = process.env.LOCALCLOUD_SECRET || (fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : '');
const res = await fetch(`${url}/fn/${name}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-localcloud-secret': secret },
  body: JSON.stringify({ Type: 'Timer', TriggerName: trigger.name, Time: new Date().toISOString() }),
}).catch((err) => {
  console.error(`cannot reach the local cloud at ${url} (start it with \`npm start\` or \`npm run cloud\`): ${err.message}`);
  process.exit(1);
});
const body = await res.json();
console.log(JSON.stringify(body.result ?? body, null, 2));
process.exit(body.result?.ok ? 0 : 1);
