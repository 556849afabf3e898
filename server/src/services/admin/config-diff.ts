/**
 * A readable summary of what changed between two configurations, for the audit log:
 * `services[biz].targetWaitSec: 1200 → 900`, `+ windows[W13]`, `- kiosks[K2]`. Lists of objects
 * with an `id` are matched by id, other lists by position. Pure.
 */
export function configDiff(before: unknown, after: unknown, path = ''): string[] {
  if (same(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, path);
  if (isObject(before) && isObject(after)) {
    const out: string[] = [];
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in after)) out.push(`- ${p}`);
      else if (!(k in before)) out.push(`+ ${p}: ${short(after[k])}`);
      else out.push(...configDiff(before[k], after[k], p));
    }
    return out;
  }
  return [`${path}: ${short(before)} → ${short(after)}`];
}

function diffArrays(before: unknown[], after: unknown[], path: string): string[] {
  const keyed = [...before, ...after].every((x) => isObject(x) && typeof x.id === 'string');
  if (!keyed) {
    if (before.every(isScalar) && after.every(isScalar)) return [`${path}: ${short(before)} → ${short(after)}`];
    const out: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= after.length) out.push(`- ${path}[${i}]`);
      else if (i >= before.length) out.push(`+ ${path}[${i}]: ${short(after[i])}`);
      else out.push(...configDiff(before[i], after[i], `${path}[${i}]`));
    }
    return out;
  }
  const byId = (xs: unknown[]) => new Map(xs.map((x) => [(x as { id: string }).id, x]));
  const a = byId(before), b = byId(after);
  const out: string[] = [];
  for (const [id, x] of a) {
    if (!b.has(id)) out.push(`- ${path}[${id}]`);
    else out.push(...configDiff(x, b.get(id), `${path}[${id}]`));
  }
  for (const id of b.keys()) if (!a.has(id)) out.push(`+ ${path}[${id}]`);
  const order = (m: Map<string, unknown>) => [...m.keys()].filter((k) => a.has(k) && b.has(k)).join(',');
  if (order(a) !== order(b)) out.push(`${path}: order changed`);
  return out;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isScalar = (x: unknown) => x === null || typeof x !== 'object';
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
