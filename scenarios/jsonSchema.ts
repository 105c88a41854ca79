// The JSON Schema of scenario files, generated from the zod schema (format.ts) with z.toJSONSchema, so the two
// cannot drift: scenario.schema.json is this output, and test/cli/schema.test.ts checks the committed copy.
// Regenerate with `npm run schema` (runs this file).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioSchema } from './format.ts';

/** Where the committed schema lives. */
export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL('./scenario.schema.json', import.meta.url));

/**
 * The scenario file JSON Schema (draft 2020-12) as the text committed in scenarios/scenario.schema.json.
 *
 * @example
 * writeFileSync(SCENARIO_SCHEMA_PATH, scenarioJsonSchemaText());
 */
export function scenarioJsonSchemaText(): string {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'throw' });
  const withId = { $schema: schema.$schema, title: 'txsim scenario', ...schema };
  return `${JSON.stringify(withId, null, 2)}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCENARIO_SCHEMA_PATH, scenarioJsonSchemaText());
  console.log(`wrote ${SCENARIO_SCHEMA_PATH}`);
}
