// `txsim explore --workers N` on worker threads: the summary, the FAIL lines and the replay files are those of the
// in-process run of the same seeds (only `workers` and `wallMs` say how it ran), from vitest and from the real
// bin in a fresh process; a run that throws in a worker names its seed; bad --workers values exit 2.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exploreInWorkers, RunCrashError } from '../../cli/parallelExplore.ts';
import type { SeedResult } from '../../cli/seedResult.ts';
import { cli, spawnCli, tempDir } from './support.ts';

/** The summary without the fields that say how it was run. */
function results(stdout: string): Record<string, unknown> {
  const { wallMs: _wall, workers: _workers, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  return rest;
}

describe('explore --workers', () => {
  test('2 workers give the JSON summary of 1 worker, failures and replay files included', async () => {
    // harsh goes beyond the design, so these 40 seeds fail often: the order of failures is tested too.
    const [outOne, outTwo] = [tempDir(), tempDir()];
    const argv = ['explore', '--profile', 'harsh', '--runs', '40', '--seed', '11', '--json'];
    const one = await cli([...argv, '--workers', '1', '--out', outOne]);
    const two = await cli([...argv, '--workers', '2', '--out', outTwo]);
    expect(two.stderr).toBe('');
    expect(JSON.parse(one.stdout).workers).toBe(1);
    expect(JSON.parse(two.stdout).workers).toBe(2);
    const summary = results(one.stdout);
    expect(summary.failingRuns).toBeGreaterThan(3);
    // Replay files are named in the report as --out was given; with the directory swapped they agree.
    expect(results(two.stdout.replaceAll(outTwo, outOne))).toEqual(summary);
    expect(two.code).toBe(one.code);
    expect(readdirSync(outTwo).sort()).toEqual(readdirSync(outOne).sort());
    for (const name of readdirSync(outOne)) expect(readFileSync(join(outTwo, name), 'utf8')).toBe(readFileSync(join(outOne, name), 'utf8'));
  });

  test('the text output is the same apart from the worker count and the wall time', async () => {
    const out = tempDir();
    const argv = ['explore', '--profile', 'harsh', '--runs', '8', '--seed', '3', '--out', out];
    const normalize = (stdout: string) => stdout.replace(/, workers \d+,/, ', workers W,').replace(/wall time .*\n/, 'wall time W\n');
    const one = await cli([...argv, '--workers', '1']);
    const two = await cli([...argv, '--workers', '2']);
    expect(two.stdout).toContain(', workers 2,');
    expect(two.stdout).toMatch(/FAIL seed \d+: /);
    expect(normalize(two.stdout)).toBe(normalize(one.stdout));
  });

  test('node bin/txsim.js with workers in a fresh process gives the in-process summary', async () => {
    const out = tempDir();
    const argv = ['explore', '--runs', '6', '--seed', '21', '--json', '--out', out];
    const fresh = spawnCli([...argv, '--workers', '2']);
    expect(fresh.stderr).toBe('');
    expect(JSON.parse(fresh.stdout).workers).toBe(2);
    const here = await cli([...argv, '--workers', '1']);
    expect(results(fresh.stdout)).toEqual(results(here.stdout));
    expect(fresh.code).toBe(here.code);
  });

  test('a run that throws in a worker stops the exploration and names its seed', async () => {
    const seen: SeedResult[] = [];
    const error = await exploreInWorkers({ profile: 'no-such-profile', fromSeed: 5, runs: 4, workers: 1, onResult: (r) => seen.push(r) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCrashError);
    expect((error as RunCrashError).seed).toBe(5);
    expect((error as RunCrashError).message).toContain("unknown profile 'no-such-profile'");
    expect(seen).toEqual([]);
  });

  test.each([['0'], ['65'], ['abc'], ['1.5'], ['-2']])('--workers %s exits 2 naming the flag', async (value) => {
    const r = await cli(['explore', '--runs', '2', '--seed', '1', '--workers', value]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`option '--workers <n>' argument '${value}' is invalid. It must be an integer from 1 to 64.`);
  });
});
