import { readFileSync } from 'node:fs';
import { schemaProblems, type SchemaProblem } from '@onewindow/protocol/schema-errors';
import { ScenarioSchema, type Scenario } from './scenario.ts';
import { scenarioChecks } from './checks.ts';

export class ScenarioError extends Error {
  constructor(readonly source: string, readonly problems: SchemaProblem[]) {
    super(`${source}: ${problems.length} problem(s)\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

/** Validates a parsed scenario; a bad day is refused whole, with every problem by path. */
export function validateScenario(data: unknown, source = '(scenario)'): Scenario {
  const problems = schemaProblems(ScenarioSchema, data);
  if (problems.length === 0) problems.push(...scenarioChecks(data as Scenario));
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return data as Scenario;
}

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError(file, [{ path: '(file)', message: (e as Error).message }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(file, [{ path: '(syntax)', message: (e as Error).message }]);
  }
  return validateScenario(data, file);
}
