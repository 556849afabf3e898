// Part of `npm run centre`: builds the district pages (display-ui's district entry) when their sources changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ui = join(root, 'display-ui');
const index = join(ui, 'dist-district', 'index.html');
const sources = [join(ui, 'src', 'district'), join(ui, 'district.html'), join(ui, 'vite.district.config.ts'), join(root, 'protocol', 'src')];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((e) => newest(join(p, e))));
}

if (!existsSync(index) || Math.max(...sources.map(newest)) > statSync(index).mtimeMs) {
  // A production install (npm prune --omit=dev) has no Vite: it serves the pages that were built.
  if (!existsSync(join(root, 'node_modules', 'vite', 'package.json'))) {
    if (existsSync(index)) {
      console.log('the district pages: Vite is not installed (a production install): using the existing build');
      process.exit(0);
    }
    console.error('the district pages have not been built and Vite is not installed: run `npm ci` and `npm run build` first.');
    process.exit(1);
  }
  console.log('building the district pages…');
  // A production build even when Vitest (NODE_ENV=test) asks for it, as scripts/build-if-stale.mjs does.
  const r = spawnSync('npm', ['run', 'build', '-w', 'centre'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
