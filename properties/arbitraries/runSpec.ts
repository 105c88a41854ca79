// The RunSpec arbitrary: a seed, a config, a workload and a fault plan, composed without `chain` (fault targets
// are symbolic and named afterwards), so fast-check shrinks each part on its own: toward one order, no
// scripted fault, rates at zero and the smallest topology and limits. specSize measures how far it got.
import fc from 'fast-check';
import type { RunSpec } from '../../model/runSpec.ts';
import { scriptEndMs } from '../../sim/faults.ts';
import { earliestAlertMs } from '../profiles/draw.ts';
import { configArb } from './config.ts';
import type { Envelope } from './envelope.ts';
import { faultPlanDataArb, resolveFaultPlan } from './faultPlan.ts';
import { workloadArb } from './workload.ts';

/** Bounds of a RunSpec arbitrary. */
export interface RunSpecArbOptions {
  envelope?: Envelope;
  maxOrders?: number;
  maxScripted?: number;
}

/**
 * RunSpecs for property tests.
 *
 * @example
 * fc.assert(fc.property(runSpecArb(), (spec) => runAndCheck(spec, { trace: false }).violations.length === 0));
 */
export function runSpecArb(options: RunSpecArbOptions = {}): fc.Arbitrary<RunSpec> {
  const envelope = options.envelope ?? 'design';
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 0x7fffffff }),
      config: configArb(envelope),
      orders: workloadArb(options.maxOrders ?? 10),
      faults: faultPlanDataArb(envelope, options.maxScripted ?? 6),
      lingerMs: fc.integer({ min: 0, max: 60_000 }),
    })
    .map(({ seed, config, orders, faults, lingerMs }) => {
      const plan = resolveFaultPlan(faults, config, orders, envelope);
      const lastAt = orders.reduce((m, o) => Math.max(m, o.at), 0);
      let faultWindowMs = Math.max(scriptEndMs(plan.script), lastAt) + 1 + lingerMs;
      // Within the design the run heals before the operator's first alert can fire (its channel is not faulted).
      if (envelope === 'design') faultWindowMs = Math.min(faultWindowMs, earliestAlertMs(config, orders) - 1);
      return { name: `fc#${seed}`, seed, config, orders, faults: plan, faultWindowMs };
    });
}

/**
 * The size of a counterexample: orders + scripted faults + random fault kinds switched on.
 *
 * @example
 * specSize(spec); // 3 for one order, one scripted drop and duplicates at 12 per mille
 */
export function specSize(spec: RunSpec): number {
  const o = spec.faults.options;
  const rates = [o.dropPerMille, o.lostResponsePerMille, o.duplicatePerMille, o.delayPerMille, o.reorderPerMille].filter((r) => r > 0).length;
  return spec.orders.length + spec.faults.script.length + rates;
}
