// Runs one design on the kernel, the same way for every design: open one account per order, build the
// design's nodes, click each order at its time on the design's entry node, run the faulty phase (orders and
// faults) to the later of the last order and the end of the fault script plus a tail, heal, then settle until
// every order is consistent, nothing is in flight and the design says it has no work left, or until
// `settleMs`: the phases are sim/phases.ts's, the same driver as the model's, and a run that does not settle says
// why (DesignMetrics.unsettled). The meter and the trace give the metrics. Fault scripts may name roles (initiator, main,
// secondary); the design's role map turns them into its nodes, and a partition whose two ends land on the same
// node is dropped (that design has no such link).
import type { AnyActorRef, AnyStateMachine, EventObject } from 'xstate';
import { scriptEndMs, type FaultPlan, type ScriptedFault } from '../sim/faults.ts';
import type { NodeHost } from '../sim/node.ts';
import { runPhases, type BusyProbe } from '../sim/phases.ts';
import { Simulation, type StopReason } from '../sim/simulation.ts';
import { ROLES, type Design, type DesignMetrics, type DesignOrder, type DesignRunSpec, type Role } from './design.ts';
import { Ledger } from './ledger.ts';
import { ConsistencyMeter } from './meter.ts';

/** Every delay and retry bound of the designs, in simulated ms or counts. */
export interface Timing {
  /** A local database transaction: it commits at once, its caller learns the result this much later. */
  dbMs: number;
  /** Producer: wait for the broker's publishAck this long, at most publishAttempts sends. */
  publishTimeoutMs: number;
  publishAttempts: number;
  /** Broker: redeliver unacknowledged messages this often, dead-letter after maxDeliveries. */
  redeliverMs: number;
  maxDeliveries: number;
  /** Local message table relay: poll the outbox this often, resend an unacked row after relayResendMs. */
  relayPollMs: number;
  relayResendMs: number;
  relayMaxAttempts: number;
  /** XA/TCC coordinator: abort/cancel when the prepare/try answers take longer than this. */
  phaseOneTimeoutMs: number;
  /** XA/TCC coordinator: resend commit/confirm or abort/cancel this often until acknowledged. */
  decisionRetryMs: number;
  decisionMaxAttempts: number;
  /** Plain message: reconciliation period (0: off), how old a record must be to be judged, query timeout. */
  reconcileIntervalMs: number;
  reconcileGraceMs: number;
  reconcileQueryTimeoutMs: number;
}

/** The timing every design runs with unless it overrides some of it. */
export const DEFAULT_TIMING: Readonly<Timing> = Object.freeze({
  dbMs: 3,
  publishTimeoutMs: 1000,
  publishAttempts: 3,
  redeliverMs: 2000,
  maxDeliveries: 200,
  relayPollMs: 200,
  relayResendMs: 1000,
  relayMaxAttempts: 1000,
  phaseOneTimeoutMs: 3000,
  decisionRetryMs: 1000,
  decisionMaxAttempts: 2000,
  reconcileIntervalMs: 60_000,
  reconcileGraceMs: 10_000,
  reconcileQueryTimeoutMs: 5000,
});

/** The investor's app retries a click refused by a down entry node this often, at most CLICK_ATTEMPTS times. */
export const CLICK_RETRY_MS = 1000;
export const CLICK_ATTEMPTS = 120;
/** Simulated time after the last order or fault before heal(). */
export const FAULT_TAIL_MS = 1000;
/** Default time allowed to settle after heal(). */
export const DEFAULT_SETTLE_MS = 600_000;
/** Bound on events of a whole run (both phases); reaching it is reported as stopReason `step-limit`. */
export const MAX_STEPS_PER_RUN = 4_000_000;

/** What a design's machines may use: their node, the two databases, the timing. */
export interface DesignIo {
  readonly host: NodeHost;
  readonly ledger: Ledger;
  /** For participants to report the locks and reservations they take and release. */
  readonly meter: ConsistencyMeter;
  readonly timing: Timing;
}

/** What a design's `build` gets. */
export interface DesignWorld {
  readonly sim: Simulation;
  readonly ledger: Ledger;
  readonly meter: ConsistencyMeter;
  readonly timing: Timing;
  io(host: NodeHost): DesignIo;
}

/** A design expressed on the kernel: metadata, its role map and entry node, and how to build its nodes. */
export interface KernelDesign extends Omit<Design, 'run'> {
  /** The node of each comparison role. */
  readonly roles: Readonly<Record<Role, string>>;
  /** The node the investor's click reaches. */
  readonly entry: string;
  readonly timing?: Partial<Timing>;
  /**
   * Add the nodes; return the design's own busy probe: why it still has work pending in its durable state or
   * actors (`business order o3 running`, `2 message(s) in the broker backlog`); it pushes nothing when idle.
   * A design written before the probes may return `idle()` instead: its reason is then only that it is not idle.
   */
  build(world: DesignWorld): { busy: BusyProbe } | { idle(): boolean };
}

/**
 * Turn a kernel design into a runnable `Design`.
 *
 * @example
 * export const myDesign = defineKernelDesign({ name: 'my-design', ..., roles, entry: 'business',
 *   build: (world) => { world.sim.addNode('business', (host) => ({ logic: m, input: { io: world.io(host) } })); return { busy: () => {} }; } });
 */
export function defineKernelDesign(design: KernelDesign): Design {
  return {
    name: design.name,
    title: design.title,
    articleRow: design.articleRow,
    articleRatings: design.articleRatings,
    coupling: design.coupling,
    run: (spec) => runKernelDesign(design, spec),
  };
}

/** Replace role names in a fault script by the design's nodes; drop partitions that fold onto one node. */
export function mapFaultPlan(plan: FaultPlan, roles: Readonly<Record<Role, string>>): FaultPlan {
  const node = (name: string): string => ((ROLES as readonly string[]).includes(name) ? roles[name as Role] : name);
  const script: ScriptedFault[] = [];
  for (const fault of plan.script) {
    if (fault.type === 'crash') script.push({ ...fault, node: node(fault.node) });
    else if (fault.type === 'partition') {
      const between: [string, string] = [node(fault.between[0]), node(fault.between[1])];
      if (between[0] !== between[1]) script.push({ ...fault, between });
    } else script.push({ ...fault, ...(fault.from === undefined ? {} : { from: node(fault.from) }), ...(fault.to === undefined ? {} : { to: node(fault.to) }) });
  }
  return { options: plan.options, script };
}

/**
 * A local database transaction of a node: `run` commits now; the reply event reaches `self` `dbMs` later on the
 * node's clock, and is lost if the node crashes meanwhile (committed, but the caller never learns it).
 */
export function localTx<T>(io: DesignIo, self: AnyActorRef, run: () => T, reply: (result: T) => EventObject): void {
  const result = run();
  io.host.clock.setTimeout(() => self.send(reply(result)), io.timing.dbMs);
}

/** Order actors (children with id `order/...`) of a node's machine that are still running, as busy reasons. */
export function activeOrders(sim: Simulation, node: string, logic: AnyStateMachine, out: string[], limit: number): void {
  const snapshot = sim.node(node).snapshotOf(logic);
  if (snapshot === undefined) return;
  const children: Readonly<Record<string, AnyActorRef | undefined>> = snapshot.children;
  for (const [id, child] of Object.entries(children)) {
    if (out.length >= limit) return;
    if (id.startsWith('order/') && child?.getSnapshot().status === 'active') out.push(`${node} order ${id.slice('order/'.length)} running`);
  }
}

/** A count as a busy reason when it is not zero: `2 outbox rows`. */
export function busyCount(out: string[], count: number, what: string): void {
  if (count > 0) out.push(`${count} ${what}`);
}

function settleProbe(meter: ConsistencyMeter, design: BusyProbe): BusyProbe {
  return (out, limit) => {
    busyCount(out, meter.inconsistentNow, 'order(s) inconsistent');
    busyCount(out, meter.heldNow, 'lock(s) or reservation(s) held');
    if (out.length < limit) design(out, limit);
  };
}

/** Run one design on one spec. */
export function runKernelDesign(design: KernelDesign, spec: DesignRunSpec): DesignMetrics {
  const timing: Timing = {
    ...DEFAULT_TIMING,
    ...design.timing,
    reconcileIntervalMs: spec.reconcileIntervalMs ?? design.timing?.reconcileIntervalMs ?? DEFAULT_TIMING.reconcileIntervalMs,
  };
  const faults = mapFaultPlan(spec.faults, design.roles);
  const sim = new Simulation({ seed: spec.seed, faults });
  const meter = new ConsistencyMeter(() => sim.now);
  const ledger = new Ledger(sim.createStore(), sim.createStore(), meter, () => sim.now);
  const orders = [...spec.orders].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const o of orders) {
    ledger.openAccount(o.id, o.walletBalance);
    meter.addOrder(o.id, o.amount);
  }
  const world: DesignWorld = { sim, ledger, meter, timing, io: (host) => ({ host, ledger, meter, timing }) };
  const parts = design.build(world);
  sim.start();
  const click = (o: DesignOrder, attempt: number): void => {
    const entry = sim.node(design.entry);
    if (entry.up) {
      sim.trace.record(sim.now, design.entry, 'CLICK', { order: o.id, value: o.amount });
      entry.inject({ type: 'click', order: o.id, amount: o.amount });
      return;
    }
    sim.trace.record(sim.now, design.entry, 'CLICK_REFUSED', { order: o.id, value: attempt });
    if (attempt < CLICK_ATTEMPTS) sim.after(CLICK_RETRY_MS, () => click(o, attempt + 1));
    else meter.rejected(o.id);
  };
  for (const o of orders) sim.at(o.at, () => click(o, 1));
  const lastOrderMs = orders.length === 0 ? 0 : (orders[orders.length - 1]?.at ?? 0);
  const phases = runPhases(sim, {
    faultEndMs: Math.max(lastOrderMs, scriptEndMs(faults.script)) + FAULT_TAIL_MS,
    settleBoundMs: spec.settleMs ?? DEFAULT_SETTLE_MS,
    maxSteps: MAX_STEPS_PER_RUN,
    busy: settleProbe(meter, 'busy' in parts ? parts.busy : (out) => void (parts.idle() ? undefined : out.push(`${design.name}: work pending (its idle() is false)`))),
  });
  let negativeBalances = 0;
  for (const o of orders) if (ledger.mmfPosition(o.id) < 0 || ledger.account(o.id).wallet < 0) negativeBalances++;
  return metricsFromMeter(meter, {
    design: design.name,
    spec,
    endMs: sim.now,
    ...countTrace(sim.trace),
    stopReason: phases.settleStop,
    settled: phases.settled,
    unsettled: phases.unsettled,
    negativeBalances,
    traceHash: sim.trace.hash(),
  });
}

/** What metricsFromMeter needs besides the meter: counts and verdicts from the finished run. */
export interface RunTotals {
  design: string;
  spec: DesignRunSpec;
  endMs: number;
  /** Network messages sent (the kernel's SEND records). */
  messages: number;
  /** Business-interface invocations (CALL records, or the model's own count). */
  calls: number;
  /** Repairs by a reconciliation job (REPAIR records). */
  repairs: number;
  stopReason: StopReason;
  settled: boolean;
  /** Why the run did not settle (default: none). */
  unsettled?: readonly string[];
  /** Orders whose investor ended with a negative MMF position or wallet. */
  negativeBalances: number;
  traceHash: string;
}

/** Counts of SEND, CALL and REPAIR records in a trace. */
export function countTrace(trace: Simulation['trace']): { messages: number; calls: number; repairs: number } {
  let messages = 0;
  let calls = 0;
  let repairs = 0;
  for (const e of trace.events()) {
    if (e.kind === 'SEND') messages++;
    else if (e.kind === 'CALL') calls++;
    else if (e.kind === 'REPAIR') repairs++;
  }
  return { messages, calls, repairs };
}

/**
 * A run's metrics from its meter and totals. Designs run through runKernelDesign get this for free; another
 * harness (the transactional-message model's) can fill a ConsistencyMeter itself and call this.
 *
 * @example
 * const m = metricsFromMeter(meter, { design: 'transactional-message', spec, endMs: sim.now, ...countTrace(sim.trace),
 *   stopReason, settled, unsettled, negativeBalances: 0, traceHash: sim.trace.hash() });
 */
export function metricsFromMeter(meter: ConsistencyMeter, totals: RunTotals): DesignMetrics {
  const { spec, endMs: end } = totals;
  const details = meter.details(end);
  const holds = meter.holdTotals(end);
  const n = Math.max(1, details.length);
  return {
    design: totals.design,
    seed: String(spec.seed),
    profile: spec.profile,
    orders: details.length,
    payableOrders: spec.orders.filter((o) => o.walletBalance >= o.amount).length,
    completedOrders: details.filter((d) => d.consistent && d.mainCommitted && d.targetPurchases === 1).length,
    rejectedOrders: details.filter((d) => !d.accepted).length,
    finalInconsistencies: details.filter((d) => !d.consistent).length,
    doublePurchases: details.filter((d) => d.targetPurchases > 1).length,
    longestWindowMs: details.reduce((m, d) => Math.max(m, d.longestWindowMs), 0),
    inconsistencyMs: meter.inconsistencyMs(end),
    healedLateOrders: details.filter((d) => d.healedLate).length,
    repairs: totals.repairs,
    locksHeldMs: holds.lock.totalMs,
    longestLockMs: holds.lock.longestMs,
    reservationsHeldMs: holds.reservation.totalMs,
    messagesPerOrder: totals.messages / n,
    callsPerOrder: totals.calls / n,
    simulatedMs: end,
    settled: totals.settled,
    stopReason: totals.stopReason,
    unsettled: [...(totals.unsettled ?? [])],
    negativeBalances: totals.negativeBalances,
    traceHash: totals.traceHash,
    details,
  };
}
