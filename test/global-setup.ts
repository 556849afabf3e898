import { execFileSync } from 'node:child_process';

/** Builds any UI whose sources changed, once before all tests (browser tests load the built apps). */
export default function setup(): void {
  execFileSync(process.execPath, [new URL('../scripts/build-if-stale.mjs', import.meta.url).pathname], { stdio: 'inherit' });
}
