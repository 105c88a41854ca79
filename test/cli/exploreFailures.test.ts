// What explore does with a failing run, and replaying it: the FAIL line with its one-line replay command, the
// replay file, and `txsim replay FILE` reproducing the trace hash. Failures are made deterministic by wrapping
// exploreSeeds: every third seed gets a synthetic violation on top of the real ones, so these runs use --workers 1
// (a mock does not reach worker threads). (explore.test.ts replays a real failure of the harsh profile in a fresh
// process.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { MODEL_VERSION } from '../../model/modelVersion.ts';
import type { FaultProfile } from '../../properties/types.ts';
import { cli, tempDir } from './support.ts';

vi.mock('../../properties/explore.ts', async () => {
  const { PROFILES } = await import('../../properties/profiles/index.ts');
  const { runAndCheck } = await import('../../properties/runAndCheck.ts');
  return {
    exploreSeeds: async (options: { profile: string | FaultProfile; fromSeed: number; runs: number; onResult?: (r: unknown) => void }) => {
      const profile = typeof options.profile === 'string' ? PROFILES[options.profile]! : options.profile;
      for (let seed = options.fromSeed; seed < options.fromSeed + options.runs; seed++) {
        const spec = profile.generate(seed);
        const { outcome, violations } = runAndCheck(spec);
        const synthetic = seed % 3 === 0 ? [{ property: 'synthetic', class: 'safety', order: spec.orders[0]?.id, detail: 'injected by the test' }] : [];
        options.onResult?.({ seed, spec, outcome, violations: [...violations, ...synthetic] });
      }
    },
  };
});

describe('explore failures and their replay', () => {
  test('each failure prints its replay line and writes a replay file that reproduces the run', async () => {
    const out = tempDir();
    const r = await cli(['explore', '--runs', '3', '--seed', '4', '--out', out, '--workers', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL seed 6: (.*; )?synthetic \(o1\): injected by the test/);
    expect(r.stdout).toContain('  npx txsim replay --seed 6 --profile default --runtime lean\n');
    const file = join(out, 'default-seed-6.json');
    expect(r.stdout).toContain(`  replay file: ${file}`);
    expect(r.stdout).toMatch(/violations +(.*, )?synthetic 1/);
    expect(r.stdout).toContain('FAILED: ');

    const recorded = JSON.parse(readFileSync(file, 'utf8'));
    expect(recorded).toMatchObject({ format: 'txsim-replay/2', modelVersion: MODEL_VERSION, runtime: 'lean', profile: 'default', seed: 6, replay: 'npx txsim replay --seed 6 --profile default --runtime lean' });
    expect(recorded.trace).toHaveLength(recorded.report.events);
    expect(recorded.checkpoints).toMatchObject({ every: 32, events: recorded.report.events });
    expect(recorded.report).toMatchObject({ seed: 6, ok: false, traceHash: recorded.traceHash });
    expect(recorded.report.violations).toContainEqual({ property: 'synthetic', order: 'o1', detail: 'injected by the test', class: 'safety' });

    // In this process: the stored spec gives the same trace.
    const again = await cli(['replay', file, '--json']);
    const report = JSON.parse(again.stdout);
    expect(report).toMatchObject({ traceHash: recorded.traceHash, expectedTraceHash: recorded.traceHash, reproduced: true, profile: 'default', seed: 6 });
    expect(again.code).toBe(report.violations.length > 0 ? 1 : 0);

    // From the profile and seed: the same trace again.
    const bySeed = JSON.parse((await cli(['replay', '--seed', '6', '--profile', 'default', '--json'])).stdout);
    expect(bySeed.traceHash).toBe(recorded.traceHash);
  });

  test('--json lists the failures with their replay files', async () => {
    const out = tempDir();
    const r = await cli(['explore', '--runs', '3', '--seed', '1', '--out', out, '--json', '--workers', '1']);
    const summary = JSON.parse(r.stdout);
    const synthetic = summary.failures.filter((f: { violations: Array<{ property: string }> }) => f.violations.some((v) => v.property === 'synthetic'));
    expect(synthetic.map((f: { seed: number }) => f.seed)).toEqual([3]);
    expect(synthetic[0].replayFile).toBe(join(out, 'default-seed-3.json'));
    expect(summary.violationsByProperty.synthetic).toBe(1);
    expect(r.code).toBe(1);
  });

  test('a replay file whose trace hash differs exits 1 and says so', async () => {
    const out = tempDir();
    await cli(['explore', '--runs', '1', '--seed', '3', '--out', out]);
    const file = join(out, 'default-seed-3.json');
    const recorded = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...recorded, traceHash: '0'.repeat(64) }));
    const r = await cli(['replay', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`txsim: replay diverged: ${file} recorded trace hash ${'0'.repeat(64)} but this run gives ${recorded.traceHash}`);
    expect(r.stdout).toMatch(/^FAILED: /m);
  });

  test('a file that is not a replay file exits 2', async () => {
    const file = join(tempDir(), 'not-replay.json');
    writeFileSync(file, JSON.stringify({ name: 'x', spec: {} }));
    const r = await cli(['replay', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('format: must be "txsim-replay/2" (got nothing); this does not look like a replay file written by `txsim explore`');
  });
});
