// Stopping an exploration early, in-process: --max-failures N stops at the Nth failing run (in seed order, on any
// worker count) and names the command for the seeds left; an abort (what Ctrl-C does in cli/main.ts) stops after
// the run in hand with exit 130; running the seeds left gives, with the part already run, the whole exploration.
import { describe, expect, test } from 'vitest';
import { exploreStop } from '../../cli/exploreStop.ts';
import { runCli } from '../../cli/runCli.ts';
import { cli, REPO_ROOT, tempDir } from './support.ts';

const HARSH = ['explore', '--profile', 'harsh', '--seed', '1', '--runs', '40', '--json'];

describe('--max-failures', () => {
  test('stops at the Nth failing run on 1 and 2 workers alike, exit 1', async () => {
    const whole = JSON.parse((await cli([...HARSH, '--workers', '1', '--out', tempDir()])).stdout);
    expect(whole.failingRuns).toBeGreaterThan(2);
    const third = whole.failingSeeds[2].seed as number;
    for (const workers of ['1', '2']) {
      const out = tempDir();
      const r = await cli([...HARSH, '--max-failures', '3', '--workers', workers, '--out', out]);
      expect(r.code).toBe(1);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ failingRuns: 3, runs: third, seeds: [{ from: 1, to: third }] });
      expect(summary.failingSeeds).toEqual(whole.failingSeeds.slice(0, 3));
      expect(summary.stopped).toEqual({
        reason: 'max-failures',
        nextSeed: third + 1,
        runsLeft: 40 - third,
        resume: `npx txsim explore --seed ${third + 1} --runs ${40 - third} --profile harsh --out ${out} --max-failures 3 --json`,
      });
    }
  });

  test('the text summary says where it stopped; bad values exit 2', async () => {
    const r = await cli(['explore', '--profile', 'harsh', '--seed', '1', '--runs', '40', '--max-failures', '1', '--workers', '1', '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/stopped at --max-failures +seeds \d+\.\. \(\d+ runs\) not run; run them with: npx txsim explore --seed \d+/);
    expect((await cli(['explore', '--max-failures', '0'])).code).toBe(2);
  });
});

describe('interruption', () => {
  test('an aborted exploration counts the run in hand, then exits 130 with the way on', async () => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, isTTY: false, cwd: REPO_ROOT };
    const out = tempDir();
    const code = await runCli(['explore', '--seed', '7', '--runs', '50', '--workers', '1', '--json', '--out', out], { ...io, signal: AbortSignal.abort('SIGINT') });
    expect(code).toBe(130);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ runs: 1, seeds: [{ from: 7, to: 7 }], stopped: { reason: 'interrupted', nextSeed: 8, runsLeft: 49 } });
    expect(stderr).toBe(`txsim: interrupted after 1 runs (seeds 7..7); the seeds left: npx txsim explore --seed 8 --runs 49 --profile default --out ${out} --json\n`);
  });

  test('the part run and the seeds left make the whole exploration', async () => {
    const stop = exploreStop('interrupted', { fromSeed: 1, runs: 40 }, 17, { profile: 'harsh', runtime: 'xstate', out: 'x', defaultOut: 'x', json: false, maxFailures: undefined });
    expect(stop).toEqual({ reason: 'interrupted', nextSeed: 18, runsLeft: 23, resume: 'npx txsim explore --seed 18 --runs 23 --profile harsh --runtime xstate' });
    const out = tempDir();
    const whole = JSON.parse((await cli([...HARSH, '--workers', '1', '--out', out])).stdout);
    const head = JSON.parse((await cli(['explore', '--profile', 'harsh', '--seed', '1', '--runs', '17', '--json', '--workers', '1', '--out', out])).stdout);
    const rest = JSON.parse((await cli(['explore', '--profile', 'harsh', '--seed', '18', '--runs', '23', '--json', '--workers', '2', '--out', out])).stdout);
    expect(head.runs + rest.runs).toBe(whole.runs);
    expect([...head.failingSeeds, ...rest.failingSeeds]).toEqual(whole.failingSeeds);
    expect(head.violations + rest.violations).toBe(whole.violations);
  });
});
