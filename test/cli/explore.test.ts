// `txsim explore` with the real profiles and checkers: the JSON summary, the text summary, the progress line only
// on a terminal, results that do not depend on --workers, and a real failure replayed in a fresh process.
// (explore-workers.test.ts compares worker and in-process runs in depth; merge.test.ts covers --shard.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultWorkers } from '../../cli/commands/explore.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { cli, spawnCli, tempDir } from './support.ts';

describe('txsim explore', () => {
  test('--json gives the summary and a report per failure (on all cores by default)', async () => {
    const out = tempDir();
    const r = await cli(['explore', '--runs', '4', '--seed', '100', '--json', '--out', out]);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ profile: 'default', fromSeed: 100, runs: 4, workers: Math.min(4, defaultWorkers()), beyondDesign: false });
    expect(summary).toMatchObject({ seeds: [{ from: 100, to: 103 }], exploration: { fromSeed: 100, runs: 4 }, shard: null });
    expect(summary.failingSeeds).toEqual(summary.failures.map((f: { seed: number; replay: string }) => ({ seed: f.seed, replay: f.replay })));
    expect(summary.ok).toBe(summary.failures.length === 0);
    expect(r.code).toBe(summary.ok ? 0 : 1);
    expect(summary.simTimeMs).toBeGreaterThan(0);
    expect(typeof summary.wallMs).toBe('number');
    for (const failure of summary.failures) {
      expect(failure.replay).toBe(`npx txsim replay --seed ${failure.seed} --profile default --runtime lean`);
      expect(existsSync(failure.replayFile)).toBe(true);
    }
    expect(r.stderr).toBe('');
  });

  test('--runtime xstate gives the same summary; an unknown runtime is refused by name', async () => {
    const out = tempDir();
    const strip = (stdout: string) => {
      const { wallMs: _w, ...rest } = JSON.parse(stdout);
      return rest;
    };
    const lean = await cli(['explore', '--runs', '3', '--seed', '40', '--profile', 'harsh', '--json', '--out', out, '--workers', '1']);
    const xstate = await cli(['explore', '--runs', '3', '--seed', '40', '--profile', 'harsh', '--json', '--out', out, '--workers', '1', '--runtime', 'xstate']);
    // The same runs; only the replay lines name the interpreter each was found with.
    expect(xstate.stdout).toContain('--runtime xstate');
    expect(strip(xstate.stdout.replaceAll('--runtime xstate', '--runtime lean'))).toEqual(strip(lean.stdout));
    const bad = await cli(['explore', '--runs', '3', '--runtime', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--runtime <name>' argument 'fast' is invalid. Allowed choices are lean, xstate/);
  });

  test('results do not depend on --workers', async () => {
    const out = tempDir();
    const strip = (stdout: string) => {
      const { wallMs: _w, workers: _n, ...rest } = JSON.parse(stdout);
      return rest;
    };
    const one = await cli(['explore', '--runs', '3', '--seed', '7', '--json', '--out', out, '--workers', '1']);
    const four = await cli(['explore', '--runs', '3', '--seed', '7', '--json', '--out', out, '--workers', '4']);
    // Never more workers than runs.
    expect(JSON.parse(four.stdout).workers).toBe(3);
    expect(strip(four.stdout)).toEqual(strip(one.stdout));
    expect(four.code).toBe(one.code);
  });

  test('the text summary, with no progress line off a terminal and one on a terminal', async () => {
    const out = join(tempDir(), 'nested', 'failures');
    const plain = await cli(['explore', '--runs', '2', '--seed', '1', '--out', out, '--workers', '1']);
    expect(plain.stdout).toContain('txsim explore: profile default:');
    expect(plain.stdout).toContain('seeds 1..2 (2 runs; repeat with --seed 1), workers 1');
    expect(plain.stdout).toMatch(/Summary:\n {2}profile +default\n {2}runs +2 \(seeds 1\.\.2\)\n {2}failing runs +\d+\n {2}violations +.+\n {2}simulated time +.+ in all, .+ per run\n {2}wall time +[\d.]+ s/);
    expect(plain.stderr).toBe('');
    const tty = await cli(['explore', '--runs', '2', '--seed', '1', '--out', out, '--workers', '1'], { isTTY: true });
    expect(tty.stderr).toContain('\r\x1b[K  explore 2/2 runs (100%)');
    expect(tty.stdout).toBe(plain.stdout.replace(/wall time .*\n/, tty.stdout.match(/wall time .*\n/)?.[0] ?? ''));
  });

  test('a real failure of a beyond-design profile replays to the same trace hash in a fresh process', async () => {
    const profile = Object.values(PROFILES).find((p) => p.beyondDesign);
    expect(profile, 'a beyond-design profile (harsh) is registered').toBeDefined();
    const out = tempDir();
    const r = await cli(['explore', '--profile', profile!.name, '--runs', '20', '--seed', '1', '--json', '--out', out]);
    const summary = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(summary.failures.length, `${profile!.name} finds violations in seeds 1..20`).toBeGreaterThan(0);
    const failure = summary.failures[0];
    expect(JSON.parse(readFileSync(failure.replayFile, 'utf8')).traceHash).toBe(failure.traceHash);
    const fresh = spawnCli(['replay', failure.replayFile, '--json']);
    expect(fresh.stderr).not.toContain('diverged');
    expect(JSON.parse(fresh.stdout)).toMatchObject({ traceHash: failure.traceHash, reproduced: true, ok: false, seed: failure.seed });
    expect(fresh.code).toBe(1);
  });
});
