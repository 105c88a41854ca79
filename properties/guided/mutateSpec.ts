// Mutations of a RunSpec for coverage-guided exploration. Workloads and fault plans are data, so a run that
// reached something new is varied by editing its data: move, drop or graft a scripted fault (from another kept
// run), redraw a fault rate, change what an order's local transaction or consumer does, redraw the network's
// seed, or change a config value the profile draws too (the transaction center's mode, the flush, the listener's time).
// Every mutant stays inside the default profile's envelope (the same fault kinds, rates, restart and heal
// bounds, a run healed before the operator's first alert, scripted check-path drops within the check budget), so
// a violation found in guided mode is a bug exactly as one found by the profile.
import type { OrderSpec, RunSpec } from '../../model/runSpec.ts';
import { type FaultOptions, scriptEndMs, type ScriptedFault } from '../../sim/faults.ts';
import type { Rng } from '../../sim/rng.ts';
import { earliestAlertMs, nodesOf, WORKLOAD_TAGS, withinCheckBudget } from '../profiles/draw.ts';

/** The highest rate of each random fault kind the default profile draws. */
const RATE_MAX: Readonly<Record<keyof Omit<FaultOptions, 'delayMsMax'>, number>> = Object.freeze({
  dropPerMille: 20,
  lostResponsePerMille: 30,
  duplicatePerMille: 30,
  delayPerMille: 50,
  reorderPerMille: 50,
});
const RATES = Object.keys(RATE_MAX) as Array<keyof typeof RATE_MAX>;
const SHIFT_MS = 5_000;

const lastOrderAt = (orders: readonly OrderSpec[]): number => orders.reduce((m, o) => Math.max(m, o.at), 0);

/** Whether a fault from another run fits this run's topology and orders (after renaming its order). */
function fits(fault: ScriptedFault, spec: RunSpec): boolean {
  const nodes = nodesOf(spec.config);
  const all = new Set([...nodes.producers, ...nodes.brokers, ...nodes.consumers, ...nodes.subscribers]);
  if (fault.type === 'crash') {
    if (!all.has(fault.node)) return false;
    // Under async flush a broker machine crash loses the unflushed tail: beyond the design.
    return !(nodes.brokers.includes(fault.node) && fault.kind !== 'process' && spec.config.flush === 'async');
  }
  if (fault.type === 'partition') return fault.between.every((n) => all.has(n));
  return true;
}

function graft(spec: RunSpec, donor: RunSpec, rng: Rng): ScriptedFault[] {
  const script = [...spec.faults.script];
  const candidates = donor.faults.script.filter((f) => fits(f, spec));
  if (candidates.length === 0) return script;
  const fault = { ...rng.pick(candidates) } as ScriptedFault;
  if (fault.type !== 'crash' && fault.type !== 'partition' && fault.order !== undefined) fault.order = rng.pick(spec.orders).id;
  script.push(fault);
  return script;
}

function tweakOrder(order: OrderSpec, rng: Rng): OrderSpec {
  switch (rng.int(0, 3)) {
    case 0: {
      const localTx = rng.pick(['commit', 'commit', 'rollback', 'unknown', 'throw'] as const);
      const resolving = localTx === 'unknown' || localTx === 'throw' ? [rng.pick(['commit', 'rollback', 'unknown'] as const)] : [];
      return { ...order, localTx, checkAnswers: resolving };
    }
    case 1:
      return { ...order, consumerFailures: rng.chance(100) ? 'always' : rng.int(0, 4) };
    case 2:
      return { ...order, tag: rng.pick(WORKLOAD_TAGS) };
    default:
      return { ...order, at: Math.max(0, order.at + rng.int(-SHIFT_MS, SHIFT_MS)) };
  }
}

/** A config value the profile also draws: the transaction center's mode, the flush, the listener's time. */
function tweakConfig(spec: RunSpec, rng: Rng): RunSpec {
  const config = spec.config;
  switch (rng.int(0, 2)) {
    case 0:
      return { ...spec, config: { ...config, transactionCenter: config.transactionCenter === 'faithful' ? 'idealized' : 'faithful' } };
    case 1: {
      // Under async flush a broker crashes as a process only (the page cache survives): within the design.
      const flush = config.flush === 'sync' ? 'async' : 'sync';
      const brokers = new Set(nodesOf(config).brokers);
      const script = spec.faults.script.map((f) => (f.type === 'crash' && brokers.has(f.node) && flush === 'async' ? { ...f, kind: 'process' as const } : f));
      return { ...spec, config: { ...config, flush }, faults: { ...spec.faults, script } };
    }
    default:
      return { ...spec, config: { ...config, consumeMs: rng.pick([5, 50, 500]) } };
  }
}

/** One edit of the run's data. */
function edit(spec: RunSpec, donor: RunSpec, rng: Rng): RunSpec {
  const script = spec.faults.script;
  switch (rng.int(0, 6)) {
    case 6:
      return tweakConfig(spec, rng);
    case 0:
      return { ...spec, seed: rng.int(1, 0x7fffffff) };
    case 1:
      return script.length === 0 ? spec : { ...spec, faults: { ...spec.faults, script: script.filter((_, i) => i !== rng.int(0, script.length - 1)) } };
    case 2: {
      if (script.length === 0) return spec;
      const i = rng.int(0, script.length - 1);
      // Within the profile's fault window: the last order plus 5 s.
      const latest = lastOrderAt(spec.orders) + 5_000;
      const moved = script.map((f, j) => (j === i ? { ...f, at: Math.min(latest, Math.max(0, f.at + rng.int(-SHIFT_MS, SHIFT_MS))) } : f));
      return { ...spec, faults: { ...spec.faults, script: moved } };
    }
    case 3:
      return { ...spec, faults: { ...spec.faults, script: graft(spec, donor, rng) } };
    case 4: {
      const rate = rng.pick(RATES);
      return { ...spec, faults: { ...spec.faults, options: { ...spec.faults.options, [rate]: rng.int(0, RATE_MAX[rate]) } } };
    }
    default: {
      const i = rng.int(0, spec.orders.length - 1);
      return { ...spec, orders: spec.orders.map((o, j) => (j === i ? tweakOrder(o, rng) : o)) };
    }
  }
}

/**
 * A mutant of `spec` (one to three edits, grafts taken from `donor`), renamed `name`, back inside the envelope.
 *
 * @example
 * const next = mutateSpec(corpus[0], corpus[3], new Rng('guided:1:0:7'), 'guided#1.7');
 */
export function mutateSpec(spec: RunSpec, donor: RunSpec, rng: Rng, name: string): RunSpec {
  const slack = Math.max(0, (spec.faultWindowMs ?? 0) - (Math.max(scriptEndMs(spec.faults.script), lastOrderAt(spec.orders)) + 1));
  let next = spec;
  for (let n = rng.int(1, 3); n > 0; n--) next = edit(next, donor, rng);
  const script = withinCheckBudget(next.faults.script.map((f) => ({ ...f })), next.config.checkMax);
  const tight = Math.max(scriptEndMs(script), lastOrderAt(next.orders)) + 1;
  // Healed before the operator's first alert can fire, as the profile heals: its channel is not faulted.
  const faultWindowMs = Math.min(tight + slack, earliestAlertMs(next.config, next.orders) - 1);
  return { ...next, name, faults: { ...next.faults, script }, faultWindowMs };
}
