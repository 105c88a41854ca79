// runAndCheck and exploreSeeds as the CLI uses them: seeds in order, one result per seed with its replay line,
// a summary that adds up, deterministic across calls, stopping early on request, and mutants by name.
import { describe, expect, test } from 'vitest';
import { exploreSeeds, type ExploreResult } from '../../properties/explore.ts';
import { profileNamed } from '../../properties/profiles/index.ts';
import { resolveMutant, runAndCheck } from '../../properties/runAndCheck.ts';

describe('exploreSeeds', () => {
  test('runs the seeds in order and summarizes them', async () => {
    const results: ExploreResult[] = [];
    const summary = await exploreSeeds({ profile: 'default', fromSeed: 5, runs: 6, onResult: (r) => void results.push(r) });
    expect(results.map((r) => r.seed)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(results[0]?.replay).toBe('npx txsim replay --seed 5 --profile default');
    expect(results[0]?.spec).toStrictEqual(profileNamed('default').generate(5));
    expect(summary).toMatchObject({ profile: 'default', fromSeed: 5, runs: 6, failingSeeds: [], violations: 0, violationsByProperty: {} });
    expect(summary.simTimeMs).toBe(results.reduce((t, r) => t + r.outcome.simTimeMs, 0));
    expect(summary.wallMs).toBeGreaterThan(0);
    // A passing run is judged without recording its trace.
    expect(results[0]?.outcome.trace.enabled).toBe(false);
  });

  test("a failing run is run again with its trace: its hash is the one a replay file records", async () => {
    const results: ExploreResult[] = [];
    await exploreSeeds({ profile: 'harsh', fromSeed: 1, runs: 8, onResult: (r) => void results.push(r) });
    const failing = results.filter((r) => r.violations.length > 0);
    const passing = results.filter((r) => r.violations.length === 0);
    expect(failing.length).toBeGreaterThan(0);
    expect(passing.length).toBeGreaterThan(0);
    for (const r of failing) {
      expect(r.outcome.trace.enabled).toBe(true);
      const replayed = runAndCheck(r.spec);
      expect(r.outcome.traceHash).toBe(replayed.outcome.traceHash);
      expect(r.violations).toEqual(replayed.violations);
    }
    for (const r of passing) expect(r.outcome.trace.enabled).toBe(false);
  });

  test('gives the same results on XState\'s own interpreter', async () => {
    const strip = ({ wallMs: _w, ...rest }: Awaited<ReturnType<typeof exploreSeeds>>) => rest;
    const lean = await exploreSeeds({ profile: 'harsh', fromSeed: 20, runs: 6 });
    const xstate = await exploreSeeds({ profile: 'harsh', fromSeed: 20, runs: 6, runtime: 'xstate' });
    expect(strip(xstate)).toEqual(strip(lean));
  });

  test('is deterministic, counts violations per property, and stops after maxFailures', async () => {
    const options = { profile: 'default', fromSeed: 1, runs: 30, mutant: 'consumer-not-idempotent', trace: false, maxFailures: 2 } as const;
    const a = await exploreSeeds(options);
    const b = await exploreSeeds(options);
    expect(a.failingSeeds).toHaveLength(2);
    expect(b.failingSeeds).toEqual(a.failingSeeds);
    expect(a.runs).toBe(a.failingSeeds[1]?.seed);
    expect(a.failingSeeds[0]?.replay).toBe(`node --import tsx properties/scripts/replay.ts --seed ${a.failingSeeds[0]?.seed} --profile default --mutant consumer-not-idempotent`);
    expect(a).toMatchObject({ ok: false, failingRuns: 2, mutant: 'consumer-not-idempotent' });
    expect(a.violationsByProperty['no-double-purchase']).toBe(2);
  });

  test('awaits an async onResult and rejects unknown profiles', async () => {
    let done = 0;
    await exploreSeeds({ profile: profileNamed('swarm'), fromSeed: 1, runs: 2, trace: false, onResult: async () => void (await Promise.resolve(done++)) });
    expect(done).toBe(2);
    await expect(exploreSeeds({ profile: 'nope', fromSeed: 1, runs: 1 })).rejects.toThrow(/unknown profile/);
  });
});

describe('runAndCheck', () => {
  test('runs a mutant by name or value; unknown names throw', () => {
    const spec = profileNamed('default').generate(1);
    expect(runAndCheck(spec).violations).toEqual([]);
    expect(runAndCheck(spec, { mutant: 'rollback-delivered', trace: false }).violations.length).toBeGreaterThan(0);
    expect(runAndCheck(spec, { mutant: resolveMutant('rollback-delivered'), checkers: ['dlq'], trace: false }).violations).toEqual([]);
    expect(() => runAndCheck(spec, { mutant: 'no-such-bug' })).toThrow(/unknown mutant/);
  });
});
