import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds any UI whose sources changed, once before all tests (browser tests load the built apps;
 * the server runs from its TypeScript sources, so it needs no build).
 * ONEWINDOW_SKIP_UI_BUILD=1 skips it when only server or driver tests run.
 */
export default function setup(): void {
  if (process.env.ONEWINDOW_SKIP_UI_BUILD === '1') return;
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build-if-stale.mjs', import.meta.url)), '--pages'], { stdio: 'inherit' });
}
