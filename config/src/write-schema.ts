// Regenerates config/hall.schema.json from the TypeBox schema: `npx tsx config/src/write-schema.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HallConfigSchema } from './schema.ts';

export function schemaJson(): string {
  return JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...HallConfigSchema }, null, 2) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('../hall.schema.json', import.meta.url), schemaJson());
}
