// The committed JSON Schema is exactly what z.toJSONSchema generates from the zod schema (regenerate with
// `npm run schema`), and it agrees with the zod schema on the shipped files.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SCENARIO_SCHEMA_PATH, scenarioJsonSchemaText } from '../../scenarios/jsonSchema.ts';
import { loadScenarioFile } from '../../scenarios/load.ts';

describe('scenario.schema.json', () => {
  test('the committed file equals the generated one (run `npm run schema` after changing scenarios/format.ts)', () => {
    expect(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  test('rejects unknown fields at every level it describes', () => {
    const schema = JSON.parse(scenarioJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.orders.items.additionalProperties).toBe(false);
    expect(schema.properties.config.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'orders']);
  });

  test.each(['lost-rollback', 'consumer-crash-redelivery'])('the example %s loads', (name) => {
    expect(loadScenarioFile(`scenarios/examples/${name}.json`).name).toBe(name);
  });
});
