import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }

/** Self time by function from a V8 .cpuprofile: where the server's time goes, top first. */
export function topFunctions(file: string, n = 15): { name: string; where: string; selfPct: number }[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const hits = new Map<number, number>();
  for (const s of p.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const total = p.samples.length || 1;
  const byFn = new Map<string, { name: string; where: string; hits: number }>();
  for (const node of p.nodes) {
    const h = hits.get(node.id) ?? 0;
    if (!h) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|work\/main)\//, '$1/')}:${lineNumber + 1}` : '(native)';
    const key = `${functionName}|${where}`;
    const e = byFn.get(key) ?? { name: functionName || '(anonymous)', where, hits: 0 };
    e.hits += h;
    byFn.set(key, e);
  }
  return [...byFn.values()].sort((a, b) => b.hits - a.hits).slice(0, n).map((e) => ({ name: e.name, where: e.where, selfPct: (100 * e.hits) / total }));
}

/** Share of samples by area: our server code, fastify, socket.io/engine.io/ws, better-sqlite3, node internals, idle, GC. */
export function byArea(file: string): Record<string, number> {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const area = new Map<number, string>();
  for (const node of p.nodes) {
    const { url, functionName } = node.callFrame;
    area.set(node.id,
      functionName === '(idle)' ? 'idle' : functionName === '(garbage collector)' ? 'gc' : functionName === '(program)' ? 'program' :
      /socket\.io|engine\.io|\/ws\//.test(url) ? 'socket.io' : /fastify|avvio|find-my-way|light-my-request|ajv|fast-json/.test(url) ? 'fastify' :
      /better-sqlite3/.test(url) ? 'sqlite' : /server\/src\/engine/.test(url) ? 'engine' : /server\/src|protocol\/src/.test(url) ? 'server code' :
      url.startsWith('node:') || !url ? 'node internals' : 'other libs');
  }
  const counts: Record<string, number> = {};
  for (const s of p.samples) {
    const a = area.get(s) ?? 'other';
    counts[a] = (counts[a] ?? 0) + 1;
  }
  const total = p.samples.length || 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10]));
}
