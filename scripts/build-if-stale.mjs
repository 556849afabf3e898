// Part of `npm start`: builds what is stale, nothing else. The server (and the protocol, config and
// drivers it imports) and the district centre are compiled by `tsc -b`, which keeps its own record
// of what changed; each UI is built by Vite when its sources (or the protocol's) are newer than its dist.
//   node scripts/build-if-stale.mjs            the server and the pages (npm start)
//   node scripts/build-if-stale.mjs --pages    only the UIs (the tests serve the server from source)
//   node scripts/build-if-stale.mjs --server   only the server
//   node scripts/build-if-stale.mjs --centre   only the district centre (npm run centre)
// Flags combine (`--server --centre`). A production install (`npm prune --omit=dev`) has neither
// TypeScript nor Vite: it serves what was built, and says so; with nothing built it stops with what to run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apps = ['kiosk-ui', 'counter-ui', 'display-ui'];
const flags = new Set(process.argv.slice(2));
const want = (what) => (flags.size === 0 ? what !== 'centre' : flags.has(`--${what}`));
const has = (pkg) => existsSync(join(root, 'node_modules', pkg, 'package.json'));

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function run(what, command, args) {
  console.log(`building ${what}…`);
  // What the hall runs, whoever asks: Vitest sets NODE_ENV=test, which would give Vite a development build of Vue.
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function cannotBuild(what, built, tool) {
  if (built) {
    console.log(`${what}: ${tool} is not installed (a production install): using the existing build`);
    return;
  }
  console.error(`${what} has not been built and ${tool} is not installed: run \`npm ci\` and \`npm run build\` first.`);
  process.exit(1);
}

function compile(what, project, entry) {
  const built = existsSync(join(root, entry));
  if (has('typescript')) {
    // tsc -b compares content hashes with its build info: a second run with nothing changed takes a second.
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', project], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  } else cannotBuild(what, built, 'TypeScript');
}

if (want('server')) compile('the server', 'server/tsconfig.build.json', 'server/dist/server.js');
if (want('centre')) compile('the district centre', 'centre/tsconfig.build.json', 'centre/dist/server.js');

if (want('pages')) {
  for (const app of apps) {
    const dir = join(root, app);
    const index = join(dir, 'dist', 'index.html');
    if (!existsSync(join(dir, 'index.html'))) continue;
    const stale = !existsSync(index) || Math.max(newest(dir), newest(join(root, 'protocol'))) > statSync(index).mtimeMs;
    if (!stale) continue;
    if (!has('vite')) cannotBuild(app, existsSync(index), 'Vite');
    else run(app, 'npm', ['run', 'build', '-w', app]);
  }
}
