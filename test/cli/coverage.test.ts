// `txsim explore` reports coverage: a `coverage` line in the text summary, a `coverage` field in --json that does
// not depend on --workers, and --coverage-diagram FILE writing the statecharts (Markdown with Mermaid, or PlantUML
// for .puml) with the taken transitions marked. --guided: its summary, replay files that reproduce, bad combinations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from '../../cli/runCli.ts';
import { cli, REPO_ROOT, tempDir } from './support.ts';

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

test('--guided: a guided summary with coverage; a failing run\'s replay file reproduces it; --shard and a lone --generation are refused', async () => {
  const dir = tempDir();
  const r = await cli(['explore', '--guided', '--generation', '20', '--runs', '45', '--seed', '3', '--profile', 'harsh', '--json', '--out', dir]);
  const summary = JSON.parse(r.stdout);
  expect(summary.guided).toMatchObject({ generation: 20 });
  expect(summary.guided.corpus).toBeGreaterThan(0);
  expect(summary.coverage.runs).toBe(45);
  expect(summary.workers).toBe(1);
  const failure = summary.failures[0];
  expect(failure.replay).toMatch(/^npx txsim replay .*harsh-guided-seed-\d+\.json$/);
  const replayed = await cli(['replay', failure.replayFile, '--json']);
  expect(JSON.parse(replayed.stdout).traceHash).toBe(failure.traceHash);
  const again = await cli(['explore', '--guided', '--generation', '20', '--runs', '45', '--seed', '3', '--profile', 'harsh', '--json', '--out', dir, '--workers', '2']);
  const { wallMs: _a, ...first } = summary;
  const { wallMs: _b, ...second } = JSON.parse(again.stdout);
  expect(second).toEqual(first);
  const sharded = await cli(['explore', '--guided', '--seed', '1', '--runs', '10', '--shard', '1/2']);
  expect(sharded.code).toBe(2);
  expect(sharded.stderr).toMatch(/--guided with --shard 1\/2: .* drop --shard/);
  const lone = await cli(['explore', '--generation', '10', '--runs', '5']);
  expect(lone.code).toBe(2);
  expect(lone.stderr).toMatch(/--generation sets the generation size of --guided/);
});

test('--guided refuses, naming the flag, what it cannot honour: --shard-count, --scenario, a profile file, --runtime xstate, --cross-check', async () => {
  const refused: Array<[string[], RegExp]> = [
    [['--seed', '1', '--shard-count', '2'], /--guided with --shard 1\/2: .*; drop --shard/],
    [['--scenario', 'scenarios/examples/lost-rollback.json'], /--guided with --scenario scenarios\/examples\/lost-rollback\.json: .*; drop --scenario/],
    [['--profile', 'properties/profiles/examples/flaky-network.json'], /--guided with --profile properties\/profiles\/examples\/flaky-network\.json: .* give a profile name; drop --profile/],
    [['--runtime', 'xstate'], /--guided with --runtime xstate: .*; drop --runtime/],
    [['--cross-check', '5'], /--guided with --cross-check 5: .*; drop --cross-check/],
  ];
  for (const [flags, message] of refused) {
    let stderr = '';
    const io = { stdout: { write: () => undefined }, stderr: { write: (s: string) => (stderr += s) }, isTTY: false, cwd: REPO_ROOT, env: { JOB_COMPLETION_INDEX: '0' } };
    expect(await runCli(['explore', '--guided', '--runs', '4', ...flags], io), flags.join(' ')).toBe(2);
    expect(stderr).toMatch(message);
  }
});

test('--guided --max-failures stops with the command for a new guided exploration of the runs left', async () => {
  const dir = tempDir();
  const r = await cli(['explore', '--guided', '--generation', '20', '--runs', '45', '--seed', '3', '--profile', 'harsh', '--json', '--out', dir, '--max-failures', '1']);
  const summary = JSON.parse(r.stdout);
  expect(summary.failingRuns).toBe(1);
  expect(summary.stopped).toMatchObject({ reason: 'max-failures', nextSeed: 3 + summary.runs, runsLeft: 45 - summary.runs });
  expect(summary.stopped.resume).toMatch(/--guided --generation 20$/);
});
