// The import graph of the repository's own TypeScript and Vue sources, for the architecture test.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(fileURLToPath(new URL('../', import.meta.url)));

const SKIP = new Set(['node_modules', 'dist', '.git', 'data']);
const SOURCE = /\.(ts|mts|vue)$/;

/** Every source file of the workspaces, relative to the root ("server/src/app.ts"). */
export function sourceFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const f of readdirSync(d)) {
      if (SKIP.has(f)) continue;
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (SOURCE.test(f) && !f.endsWith('.d.ts')) out.push(relative(ROOT, p));
    }
  };
  for (const d of dirs) walk(join(ROOT, d));
  return out.sort();
}

/** The `<script>` blocks of a Vue file, or the file itself. */
function code(file: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  if (!file.endsWith('.vue')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** The specifiers a file imports or re-exports, type-only ones included (a cycle of types is still a cycle). */
export function specifiers(file: string): string[] {
  const info = ts.preProcessFile(code(file), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** Workspace packages by name, with their `exports` (or `main`), so `@onewindow/x/y` resolves to a file. */
function workspaces(): Map<string, { dir: string; exports: Record<string, string> }> {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const out = new Map<string, { dir: string; exports: Record<string, string> }>();
  type Target = string | { default?: string };
  for (const w of root.workspaces) {
    const pkg = JSON.parse(readFileSync(join(ROOT, w, 'package.json'), 'utf8')) as { name: string; main?: string; exports?: Record<string, Target> };
    // A conditional export (`{"onewindow-compiled": dist, "default": src}`): the sources are what is read here.
    const exports = Object.fromEntries(Object.entries(pkg.exports ?? {}).flatMap(([k, t]) => {
      const file = typeof t === 'string' ? t : t.default;
      return file ? [[k, file]] : [];
    }));
    out.set(pkg.name, { dir: w, exports: pkg.exports ? exports : (pkg.main ? { '.': pkg.main } : {}) });
  }
  return out;
}
const packages = workspaces();

const tryFile = (p: string): string | null => {
  for (const c of [p, `${p}.ts`, `${p}.vue`, join(p, 'index.ts')]) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
};

/** A specifier as a repository file ("protocol/src/index.ts"), or null for a third-party or built-in module. */
export function resolveImport(from: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    const f = tryFile(resolve(ROOT, dirname(from), spec));
    return f ? relative(ROOT, f) : null;
  }
  const m = /^(@onewindow\/[^/]+)(\/.*)?$/.exec(spec);
  const pkg = m && packages.get(m[1]);
  if (!pkg) return null;
  const target = pkg.exports[m[2] ? `.${m[2]}` : '.'];
  if (!target) return null;
  const f = tryFile(resolve(ROOT, pkg.dir, target));
  return f ? relative(ROOT, f) : null;
}

/** The bare package a specifier names ("fastify", "@fastify/static"), or null for a relative one. */
export function packageOf(spec: string): string | null {
  if (spec.startsWith('.') || spec.startsWith('node:')) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The graph: file → the repository files it imports. */
export function importGraph(files: string[]): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files) g.set(f, specifiers(f).map((s) => resolveImport(f, s)).filter((x): x is string => x !== null));
  return g;
}

/**
 * Every cycle as its list of files, one per strongly connected component of more than one file
 * (or a file that imports itself), each shown as one concrete loop through it.
 */
export function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const comps: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) comps.push(comp);
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) strong(v);
  return comps.map((comp) => loopThrough(g, new Set(comp)));
}

/** One loop inside a strongly connected component, from its first file in order back to it. */
function loopThrough(g: Map<string, string[]>, comp: Set<string>): string[] {
  const start = [...comp].sort()[0];
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of g.get(v) ?? []) {
      if (!comp.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0])!);
        return [...path, start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...comp];
}
