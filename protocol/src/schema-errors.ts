import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';

/** "/windows/3/skills/0" → "windows[3].skills[0]": the way people read paths into a file. */
export function readablePath(pointer: string): string {
  let out = '';
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : out ? `.${key}` : key;
  }
  return out || '(root)';
}

export interface SchemaProblem {
  path: string;
  message: string;
}

/** Every schema problem of a value, one per path and message, in document order. */
export function schemaProblems(schema: TSchema, value: unknown): SchemaProblem[] {
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of Value.Errors(schema, value)) {
    // TypeBox reports an unknown field twice: as "schema is false" on the field and on its parent.
    if (e.keyword === 'boolean') continue;
    const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperties?: string[] }).additionalProperties : undefined;
    const problems = extra
      ? extra.map((name) => ({ path: readablePath(`${e.instancePath}/${name}`), message: 'unknown field' }))
      : [{ path: readablePath(e.instancePath), message: e.message }];
    for (const p of problems) {
      const key = `${p.path}\u0000${p.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(p);
      }
    }
  }
  return out;
}
