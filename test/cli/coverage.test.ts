// `txsim explore` reports coverage: a `coverage` line in the text summary, a `coverage` field in --json that does
// not depend on --workers, and --coverage-diagram FILE writing the statecharts (Markdown with Mermaid, or PlantUML
// for .puml) with the taken transitions marked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cli, tempDir } from './support.ts';

const RUNS = ['explore', '--runs', '24', '--seed', '9', '--profile', 'swarm'];

test('the coverage field is the same for 1 and 2 workers, and the text summary has a coverage line', async () => {
  const out = tempDir();
  const one = JSON.parse((await cli([...RUNS, '--workers', '1', '--json', '--out', out])).stdout);
  const two = JSON.parse((await cli([...RUNS, '--workers', '2', '--json', '--out', out])).stdout);
  expect(two.coverage).toEqual(one.coverage);
  expect(one.coverage.runs).toBe(24);
  const text = await cli([...RUNS, '--workers', '1', '--out', out]);
  expect(text.stdout).toMatch(/\n {2}coverage +spec transitions \d+\/\d+, model states \d+\/\d+, model transitions \d+\/\d+/);
});

test('--coverage-diagram writes Mermaid in Markdown, or PlantUML for .puml', async () => {
  const dir = tempDir();
  const md = await cli([...RUNS, '--runs', '6', '--workers', '1', '--out', dir, '--coverage-diagram', join(dir, 'charts/coverage.md')]);
  expect(md.code).toBeLessThanOrEqual(1);
  const markdown = readFileSync(join(dir, 'charts/coverage.md'), 'utf8');
  expect(markdown).toMatch(/^# txsim statecharts\n\nCoverage of 6 runs/);
  expect(markdown).toMatch(/## spec delivery \(6 runs\)\n\n```mermaid\nstateDiagram-v2/);
  await cli([...RUNS, '--runs', '6', '--workers', '1', '--out', dir, '--coverage-diagram', join(dir, 'coverage.puml')]);
  const puml = readFileSync(join(dir, 'coverage.puml'), 'utf8');
  expect(puml).toMatch(/^@startuml transactional_message_faithful\n/);
  expect(puml.match(/@enduml/g)?.length).toBe(puml.match(/@startuml/g)?.length);
});
