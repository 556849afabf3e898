import type { SchemaProblem } from '@onewindow/protocol/schema-errors';
import type { Scenario } from './scenario.ts';

/** What the schema cannot say: references between parts of the day, uniqueness, order of times. */
export function scenarioChecks(sc: Scenario): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const services = new Set(sc.services.map((s) => s.id));
  const known = (path: string, id: string) => {
    if (!services.has(id)) add(path, `unknown service "${id}"`);
  };

  duplicates(sc.services.map((s) => s.id), (i, v) => add(`services[${i}].id`, `duplicate id "${v}"`));
  duplicates(sc.services.map((s) => s.prefix), (i, v) => add(`services[${i}].prefix`, `duplicate prefix "${v}"`));
  duplicates(sc.windows.map((w) => w.id), (i, v) => add(`windows[${i}].id`, `duplicate id "${v}"`));
  duplicates(sc.tickets.map((t) => t.id), (i, v) => add(`tickets[${i}].id`, `duplicate id "${v}"`));

  if (sc.clerks && sc.clerks.askDelaySec[1] < sc.clerks.askDelaySec[0]) add('clerks.askDelaySec', 'the longest delay is shorter than the shortest');
  sc.windows.forEach((w, i) => {
    w.skills.forEach((s, j) => known(`windows[${i}].skills[${j}]`, s));
    duplicates(w.skills, (j, v) => add(`windows[${i}].skills[${j}]`, `skill "${v}" listed twice`));
    if (w.closesAt < w.opensAt) add(`windows[${i}].closesAt`, `closes (${w.closesAt}) before it opens (${w.opensAt})`);
    (w.breaks ?? []).forEach(([from, to], k) => {
      if (to <= from) add(`windows[${i}].breaks[${k}]`, `a break ends (${to}) before it starts (${from})`);
    });
  });

  sc.tickets.forEach((t, i) => {
    known(`tickets[${i}].service`, t.service);
    (t.next ?? []).forEach((n, k) => known(`tickets[${i}].next[${k}].service`, n.service));
  });
  return problems;
}

function duplicates(values: string[], report: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) report(i, v);
    seen.add(v);
  });
}
