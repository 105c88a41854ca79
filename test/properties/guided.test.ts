// Coverage-guided exploration: the same first seed gives the same runs in the same order; the first generation is
// the profile's own seeds; mutated runs stay inside the default profile's envelope, so the correct model passes
// every guided run; runs are kept only for reaching something new; and guidance finds a mutant.
import { describe, expect, test } from 'vitest';
import { scriptEndMs } from '../../sim/faults.ts';
import { Rng } from '../../sim/rng.ts';
import { earliestAlertMs, nodesOf, CHECK_PATH_MESSAGES } from '../../properties/profiles/draw.ts';
import { exploreGuided, type GuidedResult } from '../../properties/guided/exploreGuided.ts';
import { mutateSpec } from '../../properties/guided/mutateSpec.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { DEFAULT_RUNS } from '../../cli/commands/explore.ts';

async function runsOf(fromSeed: number, runs: number, generation?: number): Promise<GuidedResult[]> {
  const out: GuidedResult[] = [];
  await exploreGuided({ profile: 'default', fromSeed, runs, ...(generation === undefined ? {} : { generation }), onResult: (r) => void out.push(r) });
  return out;
}

describe('exploreGuided', () => {
  test('is a function of the first seed: the same runs in the same order; the first generation is the profile', async () => {
    const a = await runsOf(11, 90, 30);
    const b = await runsOf(11, 90, 30);
    expect(b.map((r) => [r.spec, r.outcome.traceHash, r.violations.length])).toEqual(a.map((r) => [r.spec, r.outcome.traceHash, r.violations.length]));
    expect(a.slice(0, 30).map((r) => r.seed)).toEqual(Array.from({ length: 30 }, (_, i) => 11 + i));
    expect(a.slice(30).some((r) => r.seed === undefined), 'later generations mutate kept runs').toBe(true);
    expect(a.filter((r) => r.index < 30 && r.novel > 0).length, 'the first generation finds new features').toBeGreaterThan(0);
  });

  test('the correct model passes every guided run', async () => {
    const failing = (await runsOf(1, 400)).filter((r) => r.violations.length > 0);
    expect(failing.map((r) => `${r.index}: ${r.violations[0]?.property} ${r.violations[0]?.detail}`)).toEqual([]);
  });

  test('guidance finds a two-fault mutant within a default exploration\'s runs', async () => {
    // Under model version 1 guidance found it before uniform draws from seed 1 did; under version 2 it does not
    // (342 runs against 128), so this asserts only that guidance still finds it (docs/coverage.md: measured figures).
    const s = await exploreGuided({ profile: 'default', fromSeed: 1, runs: DEFAULT_RUNS, mutant: 'tx-record-write-behind', maxFailures: 1, trace: false });
    expect(s.failing.length).toBe(1);
    expect(s.runs).toBeLessThanOrEqual(DEFAULT_RUNS);
  });
});

describe('mutateSpec', () => {
  test('stays inside the default profile\'s envelope', () => {
    const profile = PROFILES.default;
    if (profile === undefined) throw new Error('no default profile');
    for (let i = 0; i < 400; i++) {
      const rng = new Rng(`mutate-test:${i}`);
      const base = profile.generate(rng.int(1, 5000));
      const donor = profile.generate(rng.int(1, 5000));
      const spec = mutateSpec(base, donor, rng, `m${i}`);
      const nodes = nodesOf(spec.config);
      const all = new Set([...nodes.producers, ...nodes.brokers, ...nodes.consumers, ...nodes.subscribers]);
      expect(spec.faultWindowMs ?? 0).toBeLessThan(earliestAlertMs(spec.config, spec.orders));
      expect(spec.faultWindowMs ?? 0).toBeGreaterThanOrEqual(Math.min(scriptEndMs(spec.faults.script), earliestAlertMs(spec.config, spec.orders) - 1));
      const checkDrops = spec.faults.script.filter((f) => f.type === 'drop' && CHECK_PATH_MESSAGES.includes(f.message)).reduce((n, f) => n + ('count' in f ? (f.count ?? 1) : 1), 0);
      expect(checkDrops).toBeLessThan(spec.config.checkMax);
      for (const f of spec.faults.script) {
        if (f.type === 'crash') {
          expect(all.has(f.node)).toBe(true);
          if (nodes.brokers.includes(f.node) && spec.config.flush === 'async') expect(f.kind).toBe('process');
        } else if (f.type === 'partition') expect(f.between.every((n) => all.has(n))).toBe(true);
        else if (f.order !== undefined) expect(spec.orders.some((o) => o.id === f.order)).toBe(true);
      }
      const o = spec.faults.options;
      expect([o.dropPerMille <= 20, o.lostResponsePerMille <= 30, o.duplicatePerMille <= 30, o.delayPerMille <= 50, o.reorderPerMille <= 50]).toEqual([true, true, true, true, true]);
    }
  });
});
