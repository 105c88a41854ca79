// Why the discounted-purchase world is not quiet yet, one function per role, each reading its own typed snapshot
// or durable store: a consumer consuming a delivery, a producer with a local transaction open, the operator with
// an action scheduled, a broker down, with a half message open or with delivery work left, an order not placed.
// The run driver (sim/phases.ts) asks for the first reason after every quiet settle step, so each function stops
// as soon as `out` is full and the cheap tests come first; at the end it asks for all of them.
import type { DurableStore } from '../sim/durableStore.ts';
import type { BusyProbe } from '../sim/phases.ts';
import type { SimNode } from '../sim/node.ts';
import type { Simulation } from '../sim/simulation.ts';
import { backlogReasons, hasBacklog, type brokerMachine } from './broker.ts';
import { childId, type businessSystemMachine } from './businessSystem.ts';
import type { ModelConfig } from './config.ts';
import type { consumerMachine } from './consumer.ts';
import type { Topology } from './env.ts';
import { hasOpenHalf, openHalfMessages } from './transactionCenter.ts';

/** What the probe reads: the world's nodes and the machines they run (a mutant's variants included). */
export interface SettleView {
  readonly sim: Simulation;
  readonly config: ModelConfig;
  readonly topology: Topology;
  readonly machines: { readonly businessSystem: typeof businessSystemMachine; readonly broker: typeof brokerMachine; readonly consumer: typeof consumerMachine };
  readonly brokerStores: ReadonlyMap<string, DurableStore>;
  /** Orders not yet accepted by any producer instance, in workload order. */
  readonly unplaced: ReadonlySet<string>;
}

const TX_PREFIX = childId('');

/** A consumer instance's deliveries being consumed: `consumer-2 consuming o3`. */
export function consumerBusy(node: SimNode, machine: typeof consumerMachine, out: string[], limit: number): void {
  const snapshot = node.snapshotOf(machine);
  if (snapshot === undefined) {
    out.push(`${node.name} down`);
    return;
  }
  for (const delivery of snapshot.context.consuming.values()) {
    if (out.length >= limit) return;
    out.push(`${node.name} consuming ${delivery.order}`);
  }
}

/** A producer instance's local transactions still running: `producer-1 local transaction of o4 open`. */
export function producerBusy(node: SimNode, machine: typeof businessSystemMachine, out: string[], limit: number): void {
  const snapshot = node.snapshotOf(machine);
  if (snapshot === undefined) {
    out.push(`${node.name} down`);
    return;
  }
  for (const id in snapshot.children) {
    if (out.length >= limit) return;
    out.push(`${node.name} local transaction of ${id.startsWith(TX_PREFIX) ? id.slice(TX_PREFIX.length) : id} open`);
  }
}

/** The operator's scheduled actions (a redrive or a resume waiting for its delay). */
export function operatorBusy(node: SimNode, out: string[]): void {
  const timers = node.pendingTimers;
  if (timers > 0) out.push(`${node.name}: ${timers} action${timers === 1 ? '' : 's'} scheduled`);
}

/** A broker down, its open half messages (`half message of o5 open on broker-1`), its delivery work left. */
export function brokerBusy(view: SettleView, name: string, out: string[], limit: number): void {
  const node = view.sim.node(name);
  if (!node.up) {
    out.push(`${name} down`);
    return;
  }
  const store = view.brokerStores.get(name) as DurableStore;
  const idealized = view.config.transactionCenter === 'idealized';
  const env = { config: view.config, topology: view.topology };
  if (out.length + 1 >= limit) {
    // Only one reason is wanted (the quiet test): the early-stopping checks, no lists.
    if (hasOpenHalf(store, idealized)) out.push(`${name}: a half message open`);
    else if (hasBacklog(store, env)) out.push(`${name}: delivery work left`);
    return;
  }
  for (const entry of openHalfMessages(store, idealized)) out.push(`half message of ${entry.order} open on ${name}`);
  for (const reason of backlogReasons(store, env)) out.push(`${name} ${reason}`);
}

/**
 * The world's busy probe for the run driver.
 *
 * @example
 * runPhases(sim, { faultEndMs, settleBoundMs, maxSteps, busy: modelBusyProbe(view) });
 */
export function modelBusyProbe(view: SettleView): BusyProbe {
  const { sim, topology, machines } = view;
  const consumers = topology.groups.flatMap((g) => g.instances).map((name) => sim.node(name));
  const producers = topology.producers.map((name) => sim.node(name));
  const operator = sim.node(topology.operator);
  // A broker's busy test reads only its store: found quiet once, it stays quiet until the store changes. The
  // settle check asks after every quiet step, and the scan of the scheduled retries walks the whole store.
  const quietAt = new Map<string, number>();
  // The same for a broker found busy: while its store does not change, its first reason stays the same.
  const busyAt = new Map<string, { changes: number; reason: string }>();
  return (out, limit) => {
    for (const order of view.unplaced) {
      if (out.length >= limit) return;
      out.push(`order ${order} not placed`);
    }
    for (const node of consumers) {
      if (out.length >= limit) return;
      consumerBusy(node, machines.consumer, out, limit);
    }
    for (const node of producers) {
      if (out.length >= limit) return;
      producerBusy(node, machines.businessSystem, out, limit);
    }
    if (out.length < limit) operatorBusy(operator, out);
    for (const name of topology.brokers) {
      if (out.length >= limit) return;
      const store = view.brokerStores.get(name) as DurableStore;
      const up = sim.node(name).up;
      if (quietAt.get(name) === store.changes && up) continue;
      const oneReason = out.length + 1 >= limit;
      const busy = busyAt.get(name);
      if (oneReason && up && busy !== undefined && busy.changes === store.changes) {
        out.push(busy.reason);
        continue;
      }
      const before = out.length;
      brokerBusy(view, name, out, limit);
      if (out.length === before) quietAt.set(name, store.changes);
      else if (oneReason && up) busyAt.set(name, { changes: store.changes, reason: out[before] as string });
    }
  };
}
