// The fault profiles: generate(seed) is a pure function of the seed, draws only valid runs (node names that
// exist, consistent check scripts, the faults the profile promises), `default` and `swarm` pass on the correct
// model, and `harsh` finds real violations. Every failing seed prints the one line that replays it.
import { describe, expect, test } from 'vitest';
import { nodeNamesOf, runModel } from '../../model/world.ts';
import { formatViolation } from '../../properties/index.ts';
import { CHECK_PATH_MESSAGES, earliestAlertMs } from '../../properties/profiles/draw.ts';
import { PROFILES, profileNamed } from '../../properties/profiles/index.ts';
import { replayLine } from '../../properties/repro.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';

/** Seeds of the model each within-design profile must pass here (the soak script runs thousands). */
const SEEDS = { default: 300, swarm: 150 } as const;

function seeds(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + i);
}

describe('every profile', () => {
  test('is registered under its own name, described, and says whether it goes beyond the design', () => {
    expect(Object.keys(PROFILES)).toEqual(['default', 'harsh', 'swarm']);
    for (const [name, profile] of Object.entries(PROFILES)) {
      expect(profile.name).toBe(name);
      expect(profile.description.length).toBeGreaterThan(40);
    }
    expect(PROFILES.harsh?.beyondDesign).toBe(true);
    expect(PROFILES.default?.beyondDesign).toBe(false);
    expect(PROFILES.swarm?.beyondDesign).toBe(false);
    expect(() => profileNamed('gentle')).toThrow(/unknown profile 'gentle'/);
  });

  test.each(Object.keys(PROFILES))('%s: generate(seed) is a pure function of the seed and draws valid runs', (name) => {
    const profile = profileNamed(name);
    for (const seed of seeds(1, 40)) {
      const spec = profile.generate(seed);
      expect(profile.generate(seed)).toStrictEqual(spec);
      expect(spec.seed).toBe(seed);
      const nodes = new Set(nodeNamesOf(spec.config));
      for (const fault of spec.faults.script) {
        if (fault.type === 'crash') expect(nodes).toContain(fault.node);
        if (fault.type === 'partition') for (const node of fault.between) expect(nodes).toContain(node);
        if ('order' in fault && fault.order !== undefined) expect(spec.orders.map((o) => o.id)).toContain(fault.order);
      }
      expect(spec.orders.length).toBeGreaterThanOrEqual(3);
      expect(spec.orders.length).toBeLessThanOrEqual(10);
      for (const order of spec.orders) {
        // Check scripts only for undecided local transactions, and at most one decision, last.
        if (order.localTx === 'commit' || order.localTx === 'rollback') expect(order.checkAnswers).toEqual([]);
        const decisions = order.checkAnswers.filter((a) => a === 'commit' || a === 'rollback');
        expect(decisions.length).toBeLessThanOrEqual(1);
        if (decisions.length === 1) expect(order.checkAnswers[order.checkAnswers.length - 1]).toBe(decisions[0]);
      }
    }
    expect(profile.generate(1)).not.toStrictEqual(profile.generate(2));
  });
});

describe.each(['default', 'swarm'])('%s stays within the design', (name) => {
  test('it heals before the first operator alert can fire, and scripted check-back drops stay below checkMax', () => {
    for (const seed of seeds(1, 300)) {
      const spec = profileNamed(name).generate(seed);
      expect(spec.faultWindowMs ?? 0).toBeLessThan(earliestAlertMs(spec.config, spec.orders));
      const checkDrops = spec.faults.script.reduce((n, f) => n + (f.type === 'drop' && CHECK_PATH_MESSAGES.includes(f.message) ? (f.count ?? 1) : 0), 0);
      expect(checkDrops).toBeLessThan(spec.config.checkMax);
      expect(spec.faults.script.some((f) => 'message' in f && ['alert', 'redrive', 'resume'].includes(f.message))).toBe(false);
    }
  });
});

describe('default', () => {
  test('stays within the design: process crashes of brokers under async flush, restarts within 1 min, an operator', () => {
    for (const seed of seeds(1, 200)) {
      const spec = profileNamed('default').generate(seed);
      expect(spec.config.operatorRedriveAfterMs).not.toBeNull();
      expect(spec.config.idempotentConsumer && spec.config.uniqueTxId).toBe(true);
      expect(spec.config.checkAnswerWhenMissing).toBe('unknown');
      for (const fault of spec.faults.script) {
        if (fault.type === 'crash') {
          expect(fault.restartAfterMs).toBeLessThanOrEqual(60_000);
          if (fault.node.startsWith('broker') && spec.config.flush === 'async') expect(fault.kind).toBe('process');
        }
        if (fault.type === 'partition') expect(fault.healAfterMs).toBeLessThanOrEqual(60_000);
      }
    }
  });

  test('draws the faults it promises over a few dozen seeds', () => {
    const kinds = new Set<string>();
    for (const seed of seeds(1, 60)) {
      const spec = profileNamed('default').generate(seed);
      for (const f of spec.faults.script) kinds.add(f.type === 'crash' ? `crash ${f.node.replace(/-\d+$/, '')}` : f.type === 'partition' ? 'partition' : `${f.type} ${f.message}`);
      for (const o of spec.orders) kinds.add(`localTx ${o.localTx}`).add(`failures ${o.consumerFailures === 'always' ? 'always' : o.consumerFailures > 0}`);
      if (spec.orders.some((o) => o.walletBalance < o.amount)) kinds.add('short wallet');
    }
    for (const k of ['crash producer', 'crash consumer', 'crash broker', 'partition', 'drop commit', 'duplicate commit', 'localTx rollback', 'localTx unknown', 'localTx throw', 'failures true', 'failures always', 'short wallet']) {
      expect(kinds, k).toContain(k);
    }
  });
});

describe.each(Object.entries(SEEDS))('%s on the correct model', (name, n) => {
  test(`passes seeds 1..${n}`, () => {
    const failures: string[] = [];
    for (const seed of seeds(1, n)) {
      const { violations } = runAndCheck(profileNamed(name).generate(seed), { trace: false });
      if (violations.length > 0) failures.push(`${replayLine({ profile: name, seed })}   # ${violations.map(formatViolation)[0]}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

test('harsh goes beyond the design and finds real violations within a few seeds', () => {
  const found = new Set<string>();
  for (const seed of seeds(1, 30)) for (const v of runAndCheck(profileNamed('harsh').generate(seed), { trace: false }).violations) found.add(v.property);
  expect(found).toContain('no-double-purchase');
  expect(found.size).toBeGreaterThanOrEqual(2);
});

test('a profile seed replays to the same trace hash', () => {
  const spec = profileNamed('default').generate(7);
  expect(runModel(profileNamed('default').generate(7)).traceHash).toBe(runModel(spec).traceHash);
});
