import { describe, expect, it } from 'vitest';
import { cycles, importGraph, resolveImport, sourceFiles } from './imports.ts';

const WORKSPACES = ['protocol', 'config', 'drivers', 'server', 'kiosk-ui', 'counter-ui', 'display-ui', 'scripts', 'test'];
const files = sourceFiles(WORKSPACES);
const graph = importGraph(files);

/**
 * KNOWN EXCEPTION, reported but not failed, to be deleted by the lead at merge: a cycle wholly
 * inside the engine (state.ts → waiting.ts → routing/policy.ts → state.ts, through types.ts) is
 * issue #20's engine item, mended on the `engine` branch. Once that lands, this returns false.
 */
const knownException = (loop: string[]) => loop.every((f) => f.startsWith('server/src/engine/'));

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

  it('has no import cycle anywhere, type-only imports included (known exceptions listed above)', () => {
    const found = cycles(graph);
    const unknown = found.filter((c) => !knownException(c));
    const known = found.filter(knownException);
    if (known.length) console.warn(`known import cycles (listed exceptions):\n${known.map((c) => `  ${c.join(' → ')}`).join('\n')}`);
    expect(unknown.map((c) => c.join(' → '))).toEqual([]);
  });
});

