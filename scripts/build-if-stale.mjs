// Part of `npm start`: builds each UI when its sources (or the protocol) are newer than its dist.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const apps = ['kiosk-ui', 'counter-ui', 'display-ui'];

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

for (const app of apps) {
  const dir = join(root, app);
  const index = join(dir, 'dist', 'index.html');
  if (!existsSync(join(dir, 'index.html'))) continue;
  const stale = !existsSync(index) || Math.max(newest(dir), newest(join(root, 'protocol'))) > statSync(index).mtimeMs;
  if (!stale) continue;
  console.log(`building ${app}…`);
  const r = spawnSync('npm', ['run', 'build', '-w', app], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

