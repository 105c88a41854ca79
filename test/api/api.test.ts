// The `txsim` API keeps the command's contracts: runScenario's report is `txsim run --json`, explore's summary is
// `txsim explore --json`; bad input is refused naming the field; checkRuns' failure message carries the txsim
// run line and fast-check's seed and path, and FC_SEED/FC_PATH replay it; testRuns declares a real vitest test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkRuns, explore, runScenario, ScenarioError, TxsimPropertyError } from 'txsim';
import { testRuns } from 'txsim/vitest';
import { cli, REPO_ROOT, tempDir } from '../cli/support.ts';

const strip = ({ wallMs: _w, workers: _n, ...rest }: Record<string, unknown>) => rest;

describe('the txsim API', () => {
  test('runScenario gives the report `txsim run --json` prints, for a name and for a file', async () => {
    for (const target of ['lost-commit', 'scenarios/examples/lost-rollback.json']) {
      const { report } = runScenario(target, { cwd: REPO_ROOT, seed: 5 });
      const command = await cli(['run', target, '--json', '--seed', '5']);
      expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(command.stdout));
    }
    expect(() => runScenario({ name: 'x', orders: [] } as never)).toThrow(ScenarioError);
  });

  test('explore gives the summary of `txsim explore --json`; bad options are refused by name', async () => {
    const out = tempDir();
    const summary = await explore({ profile: 'harsh', runs: 6, seed: 40, workers: 2, out, cwd: REPO_ROOT });
    const command = await cli(['explore', '--profile', 'harsh', '--runs', '6', '--seed', '40', '--workers', '1', '--json', '--out', out]);
    expect(strip(summary as never)).toEqual(strip(JSON.parse(command.stdout)));
    expect(existsSync(join(out, `harsh-seed-${summary.shrunk?.seed}-shrunk.json`))).toBe(true);
    await expect(explore({ runs: 0 })).rejects.toThrow('explore: runs must be an integer from 1 to 10000000 (got 0)');
    await expect(explore({ profile: 'gentle', runs: 1 })).rejects.toThrow(/unknown profile "gentle"/);
    await expect(explore({ profile: { name: 'Bad Name' } as never, runs: 1, out })).rejects.toThrow(/name: must be a kebab-case name/);
  });

  test('explore with a profile object writes it so the replay lines work', async () => {
    const out = tempDir();
    const profile = { name: 'no-operator', beyondDesign: true, config: { operatorRedriveAfterMs: null }, workload: { poisonPerMille: 500 } };
    const summary = await explore({ profile, runs: 4, seed: 1, workers: 1, out, shrink: false });
    expect(summary.ok).toBe(false);
    const replay = summary.failingSeeds[0]!.replay;
    expect(replay).toBe(`npx txsim replay --seed ${summary.failingSeeds[0]!.seed} --profile ${join(out, 'no-operator.profile.json')} --runtime lean`);
    const again = await cli(['replay', ...replay.split(' ').slice(3), '--json']);
    expect(JSON.parse(again.stdout).traceHash).toBe(summary.failures[0]!.traceHash);
  });

  test('checkRuns: the failure message names the violations, the run line, the diagram and FC_SEED/FC_PATH', () => {
    const out = tempDir();
    let error: unknown;
    try {
      checkRuns({ mutant: 'consumer-not-idempotent', numRuns: 200, seed: 1, out, testFile: join(REPO_ROOT, 'test/x.test.ts'), testName: 'mine' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TxsimPropertyError);
    const e = error as TxsimPropertyError;
    expect(e.message).toMatch(/^txsim property failed after \d+ run\(s\), shrunk \d+ time\(s\)/);
    expect(e.message).toMatch(/\n {2}violates no-double-purchase o\d+: /);
    expect(e.message).toContain(`\n  run it:   npx txsim run ${e.scenarioFile}`);
    expect(e.message).toContain(`FC_SEED=1 FC_PATH=${e.fcPath} npx vitest run test/x.test.ts -t "mine"`);
    expect(existsSync(e.scenarioFile)).toBe(true);
    // The same seed and path replay the shrunk case on the first try.
    process.env.FC_SEED = String(e.fcSeed);
    process.env.FC_PATH = e.fcPath;
    try {
      expect(() => checkRuns({ mutant: 'consumer-not-idempotent', numRuns: 200, out })).toThrow(/failed after 1 run\(s\), shrunk 0 time\(s\)/);
    } finally {
      delete process.env.FC_SEED;
      delete process.env.FC_PATH;
    }
  });
});

testRuns('testRuns: txsim model survives a few default-profile runs', { profile: 'default', numRuns: 10, seed: 5 });
