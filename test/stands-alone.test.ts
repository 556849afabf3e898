import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'data', 'test-output', 'coverage', '.vite']);
const TEXT = /\.(ts|mts|mjs|js|vue|json|ya?ml|md|sql|html|css|sh|conf|rules|service|timer|example|svg)$|^[^.]+$/;

/**
 * The repository stands alone: a copy of it with nothing beside it installs, builds, tests and runs.
 * No file may read or send a reader to the contract folder that lay beside the repository while it
 * was written; the contracts live in docs/ in the project's own words. (CI proves the rest by
 * running everything from a lone copy.)
 */

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* files(join(dir, e.name));
    } else if (e.isFile() && TEXT.test(e.name)) yield join(dir, e.name);
  }
}

describe('the repository stands alone', () => {
  it('has no file that points outside it to the contract folder', () => {
    // Built from parts, so that this file does not match itself.
    const outside = new RegExp(['\\.\\./sha' + 'red', 'sha' + 'red/spec'].join('|'));
    const offenders = [...files(ROOT)]
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => outside.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('has every contract in docs/', () => {
    const docs = readdirSync(join(ROOT, 'docs'));
    for (const page of ['api.md', 'config.md', 'scenario.md', 'serial.md', 'agent.md', 'deploy.md']) expect(docs).toContain(page);
  });
});
