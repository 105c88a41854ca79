// docs/scenarios.md cannot drift from the format: every field of every schema is documented, and every complete
// scenario shown in it validates and is ok when run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { configSchema, expectationSchema, faultSchema, orderSchema, randomFaultsSchema, scenarioSchema } from '../../scenarios/format.ts';
import { cli, REPO_ROOT, writeTemp } from './support.ts';

const DOC = readFileSync(join(REPO_ROOT, 'docs/scenarios.md'), 'utf8');

describe('docs/scenarios.md', () => {
  const shapes = [scenarioSchema, configSchema, orderSchema, randomFaultsSchema, expectationSchema, ...faultSchema.options];
  const fields = [...new Set(shapes.flatMap((s) => Object.keys(s.shape)))];

  test.each(fields)('documents the field %s', (field) => {
    expect(DOC).toContain(`\`${field}\``);
  });

  const examples = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .filter((text) => text.trimStart().startsWith('{\n') && text.includes('"orders"'));

  test('shows complete scenarios', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  test.each(examples.map((text) => [JSON.parse(text).name as string, text]))('the example %s is valid and ok', async (_name, text) => {
    const r = await cli(['run', writeTemp('example.json', text), '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).ok).toBe(true);
    expect(r.code).toBe(0);
  });
});
