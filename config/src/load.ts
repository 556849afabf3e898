import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { schemaProblems, type SchemaProblem } from '@onewindow/protocol/schema-errors';
import { HallConfigSchema, type HallConfig } from './schema.ts';
import { crossChecks } from './checks.ts';

export class ConfigError extends Error {
  constructor(readonly file: string, readonly problems: SchemaProblem[]) {
    super(`${file}: ${problems.length} problem(s)\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates a hall file; a wrong file is refused whole, with every problem by path. */
export function loadHallConfig(file: string): HallConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [{ path: '(file)', message: (e as Error).message }]);
  }
  let data: unknown;
  try {
    data = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(file, [{ path: '(syntax)', message: (e as Error).message }]);
  }
  return validateHallConfig(data, file);
}

export function validateHallConfig(data: unknown, file = '(config)'): HallConfig {
  const problems = schemaProblems(HallConfigSchema, data);
  if (problems.length === 0) problems.push(...crossChecks(data as HallConfig));
  if (problems.length > 0) throw new ConfigError(file, problems);
  return data as HallConfig;
}
