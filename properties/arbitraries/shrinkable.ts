// A fast-check arbitrary whose only value is a given RunSpec (one a profile produced) and whose shrinker
// removes what the failure does not need: first big steps (all scripted faults, all random faults, half the
// orders), then single orders, single scripted faults, single fault rates, the tag subscribers and the linger
// after the last fault. fast-check drives it like any arbitrary (fc.check reports the counterexample, the number
// of shrinks and the path), so a failing profile seed is minimized with the same machinery as a generated run.
import fc from 'fast-check';
import type { RunSpec } from '../../model/runSpec.ts';
import { scriptEndMs, type FaultOptions } from '../../sim/faults.ts';
import { nodesOf } from '../profiles/draw.ts';

const RATES: ReadonlyArray<keyof FaultOptions> = ['dropPerMille', 'lostResponsePerMille', 'duplicatePerMille', 'delayPerMille', 'reorderPerMille'];

function withOrders(spec: RunSpec, keep: (index: number) => boolean): RunSpec {
  const orders = spec.orders.filter((_, i) => keep(i));
  const ids = new Set(orders.map((o) => o.id));
  const script = spec.faults.script.filter((f) => !('order' in f) || f.order === undefined || ids.has(f.order));
  return { ...spec, orders, faults: { ...spec.faults, script } };
}

function withScript(spec: RunSpec, keep: (index: number) => boolean): RunSpec {
  return { ...spec, faults: { ...spec.faults, script: spec.faults.script.filter((_, i) => keep(i)) } };
}

function withRates(spec: RunSpec, zero: ReadonlyArray<keyof FaultOptions>): RunSpec {
  const options = { ...spec.faults.options };
  for (const key of zero) options[key] = 0;
  return { ...spec, faults: { ...spec.faults, options } };
}

/** Candidate reductions of a spec, biggest first; each is strictly smaller or simpler. */
function* reductions(spec: RunSpec): Generator<RunSpec> {
  const n = spec.orders.length;
  const scripted = spec.faults.script.length;
  const on = RATES.filter((k) => spec.faults.options[k] > 0);
  if (scripted > 1) yield withScript(spec, () => false);
  if (on.length > 1) yield withRates(spec, on);
  if (n > 1) {
    const half = Math.ceil(n / 2);
    yield withOrders(spec, (i) => i < half);
    yield withOrders(spec, (i) => i >= n - half);
  }
  if (n > 1) for (let i = 0; i < n; i++) yield withOrders(spec, (j) => j !== i);
  for (let i = 0; i < scripted; i++) yield withScript(spec, (j) => j !== i);
  for (const key of on) yield withRates(spec, [key]);
  if (spec.config.tagSubscribers) {
    const subscribers = new Set(nodesOf(spec.config).subscribers);
    const touches = spec.faults.script.some((f) =>
      f.type === 'crash' ? subscribers.has(f.node) : f.type === 'partition' ? f.between.some((x) => subscribers.has(x)) : false,
    );
    if (!touches) yield { ...spec, config: { ...spec.config, tagSubscribers: false } };
  }
  const lastAt = spec.orders.reduce((m, o) => Math.max(m, o.at), 0);
  const tightest = Math.max(scriptEndMs(spec.faults.script), lastAt) + 1;
  if (spec.faultWindowMs !== undefined && spec.faultWindowMs > tightest) yield { ...spec, faultWindowMs: tightest };
}

class ShrinkableSpec extends fc.Arbitrary<RunSpec> {
  constructor(private readonly spec: RunSpec) {
    super();
  }

  generate(): fc.Value<RunSpec> {
    return new fc.Value(this.spec, undefined);
  }

  canShrinkWithoutContext(value: unknown): value is RunSpec {
    return typeof value === 'object' && value !== null && 'orders' in value && 'faults' in value;
  }

  shrink(value: RunSpec): fc.Stream<fc.Value<RunSpec>> {
    return new fc.Stream(reductions(value)).map((spec) => new fc.Value(spec, undefined));
  }
}

/**
 * An arbitrary that yields `spec` and shrinks it toward fewer orders and faults.
 *
 * @example
 * const details = fc.check(fc.property(shrinkableSpec(spec), (s) => runAndCheck(s, { mutant }).violations.length === 0), { numRuns: 1 });
 * details.counterexample?.[0]; // the minimized spec
 */
export function shrinkableSpec(spec: RunSpec): fc.Arbitrary<RunSpec> {
  return new ShrinkableSpec(spec);
}
