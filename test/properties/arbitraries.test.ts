// The fast-check arbitraries and the property they exist for: on any run they generate within the design's
// envelope, the correct model violates nothing. Also: configs stay within RocketMQ's ranges, fault plans only
// name nodes and orders that exist, and shrinking goes toward few orders and few faults. The fast-check seed is
// pinned under CI and printed otherwise; a failure's first line replays it (FC_SEED / FC_PATH).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { nodeNamesOf } from '../../model/world.ts';
import { configArb } from '../../properties/arbitraries/config.ts';
import { faultPlanDataArb, resolveFaultPlan } from '../../properties/arbitraries/faultPlan.ts';
import { runSpecArb, specSize } from '../../properties/arbitraries/runSpec.ts';
import { shrinkableSpec } from '../../properties/arbitraries/shrinkable.ts';
import { workloadArb } from '../../properties/arbitraries/workload.ts';
import { formatViolation } from '../../properties/index.ts';
import { profileNamed } from '../../properties/profiles/index.ts';
import { runAndCheck } from '../../properties/runAndCheck.ts';
import { assertProperty, fcSeed } from './helpers.ts';

const FILE = 'test/properties/arbitraries.test.ts';

test('the correct model violates no property on generated runs within the design', () => {
  const name = 'the correct model violates no property on generated runs within the design';
  assertProperty(
    FILE,
    name,
    fc.property(runSpecArb({ envelope: 'design' }), (spec) => {
      const { violations } = runAndCheck(spec, { trace: false });
      if (violations.length > 0) throw new Error(violations.map(formatViolation).join('\n'));
    }),
    { numRuns: 250 },
  );
});

describe('arbitraries', () => {
  test('configs stay within RocketMQ ranges; design configs keep the design guarantees', () => {
    assertProperty(
      FILE,
      'configs stay within RocketMQ ranges',
      fc.property(configArb('design'), configArb('beyond'), (design, beyond) => {
        for (const c of [design, beyond]) {
          expect(c.checkMax).toBeGreaterThanOrEqual(1);
          expect(c.checkMax).toBeLessThanOrEqual(15);
          expect(c.maxReconsumeTimes).toBeLessThanOrEqual(16);
          expect(c.delayLevelsMs).toHaveLength(18);
          expect(c.checkIntervalMs).toBeGreaterThanOrEqual(5_000);
        }
        expect(design.idempotentConsumer && design.uniqueTxId && design.operatorRedriveAfterMs !== null).toBe(true);
        expect(design.checkAnswerWhenMissing).toBe('unknown');
      }),
      { numRuns: 200 },
    );
  });

  test('resolved fault plans name only nodes and orders that exist; design broker crashes keep async data', () => {
    assertProperty(
      FILE,
      'resolved fault plans name only nodes and orders that exist',
      fc.property(configArb('design'), workloadArb(5), faultPlanDataArb('design'), (config, orders, data) => {
        const nodes = new Set(nodeNamesOf(config));
        const plan = resolveFaultPlan(data, config, orders);
        for (const f of plan.script) {
          if (f.type === 'crash') {
            expect(nodes).toContain(f.node);
            if (f.node.startsWith('broker') && config.flush === 'async') expect(f.kind).toBe('process');
          } else if (f.type === 'partition') {
            for (const n of f.between) expect(nodes).toContain(n);
          } else if (f.order !== undefined) {
            expect(orders.map((o) => o.id)).toContain(f.order);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the same fast-check seed generates the same runs', () => {
    const seed = fcSeed();
    expect(fc.sample(runSpecArb(), { seed, numRuns: 5 })).toStrictEqual(fc.sample(runSpecArb(), { seed, numRuns: 5 }));
  });

  test('a failure shrinks to one order and one scripted fault', () => {
    // A pure stand-in failure: any run with a scripted fault "fails"; fast-check must strip everything else.
    const details = fc.check(
      fc.property(runSpecArb(), (spec) => spec.faults.script.length === 0),
      { seed: fcSeed(), numRuns: 200 },
    );
    expect(details.failed).toBe(true);
    const spec = details.counterexample?.[0];
    expect(spec?.orders).toHaveLength(1);
    expect(spec?.faults.script).toHaveLength(1);
    expect(spec === undefined ? -1 : specSize(spec)).toBe(2);
  });

  test('shrinkableSpec minimizes a profile run to what a failure needs', () => {
    const spec = profileNamed('default').generate(3);
    const needs = (s: typeof spec) => s.orders.some((o) => o.id === spec.orders[1]?.id);
    const details = fc.check(fc.property(shrinkableSpec(spec), (s) => !needs(s)), { numRuns: 1, seed: 1 });
    const shrunk = details.counterexample?.[0];
    expect(shrunk?.orders.map((o) => o.id)).toEqual([spec.orders[1]?.id]);
    expect(shrunk?.faults.script.filter((f) => f.type !== 'drop' && f.type !== 'duplicate' && f.type !== 'delay')).toEqual([]);
    expect(shrunk === undefined ? 99 : specSize(shrunk)).toBeLessThanOrEqual(2);
  });
});
