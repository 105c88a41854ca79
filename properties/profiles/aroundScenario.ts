// `txsim explore --scenario FILE`: a profile's random faults drawn around a user's scenario. Each seed keeps the
// scenario's config, orders, scripted faults and settle bound, and adds what the profile draws for that seed: its
// random fault rates (the higher of the two per kind) and its scripted faults, moved onto the scenario's nodes
// (the same role, index modulo the role's size; a fault on a role the scenario lacks is left out) and orders (by
// index modulo the order count). Within the design, a broker machine crash under async flush becomes a process
// crash and the faulty phase ends before the operator's first alert, as the profile itself would have it.
import type { OrderSpec, RunSpec } from '../../model/runSpec.ts';
import { scriptEndMs, type FaultOptions, type ScriptedFault } from '../../sim/faults.ts';
import type { Scenario } from '../../scenarios/format.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';
import type { FaultProfile } from '../types.ts';
import { earliestAlertMs, nodesOf, type Nodes } from './draw.ts';

const ROLES = ['producers', 'brokers', 'consumers', 'subscribers'] as const;

/** The node of `to` in the role and position `name` has in `from`; undefined when `to` has none of that role. */
function moveNode(name: string, from: Nodes, to: Nodes): string | undefined {
  for (const role of ROLES) {
    const at = from[role].indexOf(name);
    if (at === -1) continue;
    const pool = to[role];
    return pool.length === 0 ? undefined : pool[at % pool.length];
  }
  return name; // the operator, or a name of no role: unchanged
}

function moveFault(fault: ScriptedFault, from: Nodes, to: Nodes, fromOrders: readonly OrderSpec[], toOrders: readonly OrderSpec[]): ScriptedFault | undefined {
  const node = (name: string | undefined): string | undefined => (name === undefined ? undefined : moveNode(name, from, to));
  if (fault.type === 'crash') {
    const moved = node(fault.node);
    return moved === undefined ? undefined : { ...fault, node: moved };
  }
  if (fault.type === 'partition') {
    const a = node(fault.between[0]);
    const b = node(fault.between[1]);
    return a === undefined || b === undefined || a === b ? undefined : { ...fault, between: [a, b] };
  }
  const moved = { ...fault };
  if (fault.order !== undefined) {
    const at = fromOrders.findIndex((o) => o.id === fault.order);
    moved.order = toOrders[Math.max(0, at) % toOrders.length]?.id ?? fault.order;
  }
  for (const end of ['from', 'to'] as const) {
    const name = fault[end];
    if (name === undefined) continue;
    const m = node(name);
    if (m === undefined) return undefined;
    moved[end] = m;
  }
  return moved;
}

/** The end of the orders and the script: the faulty phase cannot end before it. */
function busyUntil(spec: Pick<RunSpec, 'orders' | 'faults'>): number {
  return Math.max(scriptEndMs(spec.faults.script), spec.orders.reduce((m, o) => Math.max(m, o.at), 0)) + 1;
}

/**
 * A profile whose every run is `scenario` with the profile's faults of that seed drawn around it.
 *
 * @example
 * const profile = aroundScenario(defaultProfile, loadScenarioFile('scenarios/examples/lost-rollback.json'));
 * profile.generate(3).orders; // the scenario's orders; faults drawn for seed 3
 */
export function aroundScenario(profile: FaultProfile, scenario: Scenario): FaultProfile {
  return {
    name: profile.name,
    description: profile.description,
    beyondDesign: profile.beyondDesign,
    ...(profile.stepCrashes === undefined ? {} : { stepCrashes: profile.stepCrashes }),
    generate(seed: number): RunSpec {
      const base = toRunSpec(scenario, { seed });
      const drawn = profile.generate(seed);
      const from = nodesOf(drawn.config);
      const to = nodesOf(base.config);
      const moved: ScriptedFault[] = [];
      for (const fault of drawn.faults.script) {
        const m = moveFault(fault, from, to, drawn.orders, base.orders);
        if (m === undefined) continue;
        if (!profile.beyondDesign && m.type === 'crash' && m.kind === 'machine' && to.brokers.includes(m.node) && base.config.flush !== 'sync') m.kind = 'process';
        moved.push(m);
      }
      const options: FaultOptions = { ...base.faults.options };
      for (const key of Object.keys(options) as Array<keyof FaultOptions>) options[key] = Math.max(options[key], drawn.faults.options[key]);
      const spec: RunSpec = { ...base, name: `${scenario.name}@${profile.name}#${seed}`, faults: { options, script: [...base.faults.script, ...moved] } };
      const linger = Math.max(0, (drawn.faultWindowMs ?? 0) - busyUntil(drawn));
      let faultWindowMs = busyUntil(spec) + linger;
      if (!profile.beyondDesign) faultWindowMs = Math.min(faultWindowMs, earliestAlertMs(base.config, base.orders) - 1);
      spec.faultWindowMs = Math.max(faultWindowMs, base.faultWindowMs ?? 0);
      return spec;
    },
  };
}
