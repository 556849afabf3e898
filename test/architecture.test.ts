import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, resolveImport, ROOT, sourceFiles, specifiers } from './imports.ts';

const WORKSPACES = ['protocol', 'config', 'drivers', 'server', 'kiosk-ui', 'counter-ui', 'display-ui', 'scripts', 'test'];
const files = sourceFiles(WORKSPACES);
const graph = importGraph(files);


describe('the import graph', () => {
  it('reads the repository: hundreds of files, and a known import resolves', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(graph.get('server/src/server.ts')).toContain('server/src/app.ts');
    expect(resolveImport('server/src/app.ts', '@onewindow/protocol')).toBe('protocol/src/index.ts');
  });

  it('finds a cycle when there is one (the walker itself is checked)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]);
    expect(cycles(g)).toEqual([['a', 'b', 'c', 'a'], ['e', 'e']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('has no import cycle anywhere, type-only imports included', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });
});


/**
 * What each room of the server may import (server/src/<room>/README.md says the same in words):
 * other rooms by folder, and packages by name (`node:*` any built-in, `@fastify/*` any of that
 * scope, an exact subpath like `@onewindow/protocol/time` only that module).
 */
const ROOMS: Record<string, { rooms: string[]; packages: string[] }> = {
  engine: { rooms: ['engine'], packages: ['@onewindow/protocol/time', 'vitest'] },
  queueing: { rooms: ['queueing'], packages: ['vitest'] },
  sim: { rooms: ['sim', 'engine', 'queueing'], packages: ['node:*', '@onewindow/protocol', 'typebox', 'vitest'] },
  cli: { rooms: ['cli', 'sim', 'engine', 'queueing', 'repositories'], packages: ['node:*', '@onewindow/protocol', '@onewindow/config', 'vitest'] },
  repositories: { rooms: ['repositories', 'engine'], packages: ['better-sqlite3', 'node:*', '@onewindow/protocol', 'vitest'] },
  services: { rooms: ['services', 'repositories', 'engine', 'queueing'], packages: ['node:*', '@onewindow/protocol', '@onewindow/config', '@onewindow/drivers', 'yaml', 'vitest'] },
  realtime: { rooms: ['realtime', 'services', 'engine'], packages: ['node:*', '@onewindow/protocol', 'socket.io', 'vitest'] },
  routes: { rooms: ['routes', 'services'], packages: ['fastify', 'fastify-plugin', '@fastify/*', 'typebox', '@onewindow/protocol'] },
  plugins: { rooms: ['plugins', 'services', 'repositories', 'realtime', 'engine'], packages: ['node:*', 'fastify', 'fastify-plugin', '@fastify/*', '@onewindow/protocol'] },
};

/** Test files may open a database to check what was stored; the code beside them may not. */
const TEST_EXTRA = ['better-sqlite3'];

function allowed(spec: string, patterns: string[]): boolean {
  return patterns.some((p) => (p === 'node:*' ? spec.startsWith('node:') : p.endsWith('/*') ? spec.startsWith(p.slice(0, -1)) : spec === p || spec.startsWith(`${p}/`)));
}

/** Every import that breaks its room's rule, as "file → what it imports". */
function breaches(): string[] {
  const out: string[] = [];
  for (const file of files) {
    const m = /^server\/src\/([^/]+)\//.exec(file);
    const rule = m && ROOMS[m[1]];
    if (!rule) continue;
    const test = file.endsWith('.test.ts');
    for (const spec of specifiers(file)) {
      const target = resolveImport(file, spec);
      if (target) {
        const room = /^server\/src\/([^/]+)\//.exec(target)?.[1];
        if (room ? !rule.rooms.includes(room) : target.startsWith('server/') && !(test && target.startsWith('server/test/'))) out.push(`${file} → ${target}`);
        continue;
      }
      if (spec.startsWith('.')) continue;
      if (!allowed(spec, test ? [...rule.packages, ...TEST_EXTRA] : rule.packages)) out.push(`${file} → ${spec}`);
    }
  }
  return out;
}

describe('the rooms of the server', () => {
  it('each imports only what its README allows: routes talk to services only, SQL stays in repositories, services never see Fastify or socket.io', () => {
    expect(breaches()).toEqual([]);
  });

  it('catches a breach (the rule itself is checked)', () => {
    expect(allowed('better-sqlite3', ROOMS.services.packages)).toBe(false);
    expect(allowed('fastify', ROOMS.services.packages)).toBe(false);
    expect(allowed('socket.io', ROOMS.routes.packages)).toBe(false);
    expect(allowed('@fastify/static', ROOMS.plugins.packages)).toBe(true);
    expect(allowed('node:fs', ROOMS.engine.packages)).toBe(false);
    expect(allowed('@onewindow/protocol', ROOMS.engine.packages)).toBe(false);
    expect(allowed('@onewindow/protocol/time', ROOMS.engine.packages)).toBe(true);
    expect(allowed('@onewindow/drivers/serial', ROOMS.services.packages)).toBe(true);
  });

  it('has a README in every room saying what it may touch', () => {
    for (const room of Object.keys(ROOMS)) expect(existsSync(join(ROOT, 'server/src', room, 'README.md')), room).toBe(true);
  });
});
