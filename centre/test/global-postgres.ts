import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../src/store/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext { centrePostgres: string }
}

/**
 * One real PostgreSQL for the whole run (the embedded one the centre ships with); each test file
 * makes its own database in it. The cluster is copied from a template made once per machine
 * (initdb takes ~4 s, a copy a fraction of that).
 */
export default async function setup(project: TestProject) {
  const template = join(tmpdir(), 'onewindow-centre-pg-template-18');
  if (!existsSync(join(template, 'pg', 'PG_VERSION'))) {
    const fresh = mkdtempSync(join(tmpdir(), 'onewindow-pg-init-'));
    chmodSync(fresh, 0o755);
    const s = await startEmbedded(fresh);
    await s.stop();
    try {
      renameSync(fresh, template);
    } catch {
      rmSync(fresh, { recursive: true, force: true }); // another run made it meanwhile
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-pg-run-'));
  chmodSync(dir, 0o755);
  // cp -a keeps the files' owner (the `postgres` user when the tests run as root).
  execFileSync('cp', ['-a', `${template}/.`, dir]);
  rmSync(join(dir, 'pg', 'postmaster.pid'), { force: true });
  const store = await startEmbedded(dir);
  project.provide('centrePostgres', store.url);
  return async () => {
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
