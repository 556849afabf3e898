// CI's check of a production install: `node .ci/smoke.mjs URL DATA_DIR ADMIN_PASSWORD` against a
// server started with `npm run serve`. Plain Node, no packages: it runs where dev dependencies were
// pruned. Exits non-zero with the reason on the first thing that does not work.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, dataDir, password] = process.argv.slice(2);
if (!url || !dataDir || !password) {
  console.error('usage: node .ci/smoke.mjs URL DATA_DIR ADMIN_PASSWORD');
  process.exit(2);
}

function fail(what) {
  console.error(`production smoke test: ${what}`);
  process.exit(1);
}

async function api(path, { token, body } = {}) {
  const res = await fetch(url + path, {
    method: body ? 'POST' : 'GET',
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// 1. Health, once the server is up.
let health;
for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
  try {
    health = await api('/api/health');
    if (health.json?.status === 'ok') break;
  } catch { /* not listening yet */ }
  await sleep(250);
}
if (health?.json?.status !== 'ok') fail(`/api/health did not answer ok: ${health?.status} ${health?.text}`);
console.log(`health: ${health.text}`);

// 2. The kiosk page is the built app (not the "not built yet" placeholder), with its assets.
const kiosk = await api('/kiosk/');
if (kiosk.status !== 200 || !kiosk.type.startsWith('text/html')) fail(`/kiosk/ answered ${kiosk.status} ${kiosk.type}`);
const script = /src="(\/kiosk\/assets\/[^"]+\.js)"/.exec(kiosk.text)?.[1];
if (!script) fail(`/kiosk/ is not the built kiosk app:\n${kiosk.text.slice(0, 300)}`);
const asset = await api(script);
if (asset.status !== 200 || !/javascript/.test(asset.type)) fail(`${script} answered ${asset.status} ${asset.type}`);
console.log(`kiosk page: 200, ${script} ${asset.text.length} bytes`);

// 3. The OpenAPI description (swagger's static files are run-time dependencies too).
const docs = await api('/api/docs/json');
if (docs.status !== 200 || !docs.json?.openapi) fail(`/api/docs/json answered ${docs.status}`);

// 4. A ticket, issued as a kiosk issues it: an admin creates the kiosk device, the kiosk pairs.
const login = await api('/api/auth/login', { body: { username: 'admin', password } });
if (login.status !== 200) fail(`admin login answered ${login.status} ${login.text}`);
const admin = login.json.token;
const device = await api('/api/devices', { token: admin, body: { kind: 'kiosk', name: 'CI kiosk', kioskId: 'K1' } });
if (device.status !== 200 && device.status !== 201) fail(`creating a kiosk answered ${device.status} ${device.text}`);
const paired = await api('/api/devices/pair', { body: { pairingCode: device.json.pairingCode } });
if (paired.status !== 200) fail(`pairing answered ${paired.status} ${paired.text}`);
const hall = await api('/api/hall', { token: paired.json.token });
const serviceId = hall.json?.services?.[0]?.id;
if (!serviceId) fail(`/api/hall has no services: ${hall.status} ${hall.text.slice(0, 200)}`);
const issued = await api('/api/tickets', { token: paired.json.token, body: { serviceId } });
if (issued.status !== 201 || !issued.json?.ticket?.number) fail(`issuing a ticket answered ${issued.status} ${issued.text}`);
console.log(`ticket: ${issued.json.ticket.number} (${serviceId}), ${issued.json.ticket.ahead} ahead`);

// 5. The kiosk's virtual printer (the default hall file's K1) printed it: the drivers load too.
const printed = join(dataDir, 'printer', 'K1');
for (const deadline = Date.now() + 10_000; Date.now() < deadline && !(existsSync(printed) && readdirSync(printed).length); ) await sleep(200);
if (!existsSync(printed) || !readdirSync(printed).length) fail(`nothing was printed under ${printed}`);
console.log(`printed: ${readdirSync(printed).join(', ')}`);
// 6. The day's backup, which the server makes at start-up (CI restores it next).
const backups = join(dataDir, 'backups');
const hasBackup = () => existsSync(backups) && readdirSync(backups).some((f) => /^onewindow-.*\.db$/.test(f));
for (const deadline = Date.now() + 10_000; Date.now() < deadline && !hasBackup(); ) await sleep(200);
if (!hasBackup()) fail(`no start-up backup under ${backups}`);
console.log(`backup: ${readdirSync(backups).join(', ')}`);
console.log('production smoke test: ok');
