// `npm run remind`: runs the daily `reminders` function once by hand against the running local cloud
// (LOCALCLOUD_URL, default http://127.0.0.1:3000), as WeChat's timer trigger would, and prints its answer.
const url = (process.env.LOCALCLOUD_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const res = await fetch(`${url}/fn/reminders`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ Type: 'Timer', TriggerName: 'daily-reminders', Time: new Date().toISOString() }),
}).catch((err) => {
  console.error(`cannot reach the local cloud at ${url} (start it with \`npm start\` or \`npm run cloud\`): ${err.message}`);
  process.exit(1);
});
const body = await res.json();
console.log(JSON.stringify(body.result ?? body, null, 2));
process.exit(body.result?.ok ? 0 : 1);
