import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The engine and the simulator import without cycles: a module is read once, before whatever
 * reads it. Type-only imports count too, so the layering is the same for the compiler and a reader.
 */
const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(here, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Relative imports and re-exports of a file, resolved to absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gms)) out.push(resolve(dirname(file), m[1]));
  return out;
}

/** Every cycle found by a depth-first walk, each as the chain of files that closes it. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    path.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') found.push([...path.slice(path.indexOf(g)), g]);
      else if (!state.has(g)) visit(g);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].sort()) if (!state.has(f)) visit(f);
  return found;
}

describe('module layering', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(cycles(g)).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('has no import cycle in server/src/engine or server/src/sim', () => {
    const all = [...files(join(src, 'engine')), ...files(join(src, 'sim'))];
    const graph = new Map(all.map((f) => [f, importsOf(f)]));
    // The walk saw the real layering: the engine's index imports its modules, state.ts the waiting index.
    expect(graph.get(join(src, 'engine/state.ts'))).toContain(join(src, 'engine/waiting.ts'));
    expect(all.length).toBeGreaterThan(30);
    expect(cycles(graph).map((c) => c.map((f) => relative(src, f)).join(' → '))).toEqual([]);
  });
});
