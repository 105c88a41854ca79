// One simulated world: the clock (the event queue's time), the seeded Rng and its forks, the network, the nodes
// and the trace. A run has phases: a faulty phase (random fault options and the fault script active), heal()
// (partitions healed, crashed nodes restarted, random faults off), then settle until quiescent. Every phase is
// bounded in steps and simulated time: a livelock is reported as an outcome, never an endless loop.
import type { BoundaryObserver } from './boundary.ts';
import { DurableStore, type StoreOptions } from './durableStore.ts';
import { EventQueue } from './eventQueue.ts';
import { NO_FAULTS, isMessageFault, type CrashFault, type FaultPlan, type ScriptedFault, type StepWhen } from './faults.ts';
import { Network, type Envelope, type LatencyOptions } from './network.ts';
import { SimNode, type ActorRuntime, type NodeEnvironment, type NodeProgram } from './node.ts';
import { Rng } from './rng.ts';
import { SimClock } from './simClock.ts';
import { Trace } from './trace.ts';

export interface SimulationOptions {
  seed: string | number;
  faults?: FaultPlan;
  latency?: LatencyOptions;
  /** Keep the trace records (default true); false keeps only counts, for fast verdict-only runs. */
  traceEnabled?: boolean;
  /** The interpreter of the nodes' machines (default `xstate`; the model's runs choose `lean`). */
  runtime?: ActorRuntime;
  /** Told of every boundary event (sends, deliveries, durable writes, client replies): how a history is observed. */
  observer?: BoundaryObserver;
}

/** A node went down (with its crash kind) or came back up, at simulated time `at`. */
export type LifecycleEvent = { node: string; at: number } & ({ change: 'down'; kind: 'machine' | 'process' } | { change: 'up' });
export type LifecycleListener = (event: LifecycleEvent) => void;

/** Why a run phase stopped. */
export type StopReason = 'condition' | 'time-limit' | 'idle' | 'step-limit';

export interface RunLimits {
  /** Stop before processing any event later than this simulated time. */
  untilMs?: number;
  /** Stop as soon as this holds (checked after every event). */
  stopWhen?: () => boolean;
  /** Hard bound on events processed in this phase; exceeding it is a livelock. */
  maxSteps: number;
}

const SYNC_STORE: StoreOptions = { flush: 'sync', flushIntervalMs: 1 };

/**
 * The simulator's forks of the run's seed, all under `sim/`: whoever draws a run from the same seed (a fault
 * profile forks `config`, `workload`, `faults`) gets streams independent of the simulator's own.
 */
export const SIM_FORKS = Object.freeze({
  /** Random faults and latency (the network forks `network` from it). */
  faults: 'sim/faults',
  /** A node's own stream (NodeHost.rng). */
  node: (name: string): string => `sim/node/${name}`,
});

/**
 * The deterministic simulator.
 *
 * @example
 * const sim = new Simulation({ seed: 7 });
 * sim.addNode('echo', (host) => ({ logic: echoMachine, input: { host } }));
 * sim.start();
 * sim.runUntil({ untilMs: 1000, maxSteps: 10_000 });
 */
export class Simulation {
  readonly rng: Rng;
  readonly queue = new EventQueue();
  readonly trace: Trace;
  readonly network: Network;
  private readonly nodes = new Map<string, SimNode>();
  private readonly faultRng: Rng;
  private readonly script: ScriptedFault[];
  /** Crashes waiting for a step of their node (CrashFault.onStep), with the matching steps seen so far. */
  private readonly stepCrashes = new Map<string, Array<{ fault: CrashFault; seen: number }>>();
  private clock = 0;
  private stepCount = 0;
  private started = false;
  private readonly runtime: ActorRuntime;
  private readonly lifecycleListeners: LifecycleListener[] = [];
  private readonly observer: BoundaryObserver;
  healed = false;

  constructor(options: SimulationOptions) {
    this.rng = new Rng(options.seed);
    this.runtime = options.runtime ?? 'xstate';
    this.observer = options.observer ?? {};
    this.faultRng = this.rng.fork(SIM_FORKS.faults);
    this.trace = new Trace({ enabled: options.traceEnabled ?? true });
    const plan = options.faults ?? { options: NO_FAULTS, script: [] };
    this.script = [...plan.script];
    this.network = new Network(
      {
        queue: this.queue,
        trace: this.trace,
        now: () => this.clock,
        isUp: (node) => this.nodes.get(node)?.up ?? false,
        knows: (node) => this.nodes.has(node),
        receive: (envelope: Envelope) => this.nodes.get(envelope.to)?.receive(envelope),
        observer: options.observer,
      },
      this.faultRng.fork('network'),
      options.latency ?? { latencyMsMin: 1, latencyMsMax: 5 },
    );
    this.network.setFaultOptions(plan.options);
  }

  get now(): number {
    return this.clock;
  }

  get steps(): number {
    return this.stepCount;
  }

  /** A durable store on this simulation's clock: `sync` unless options say otherwise. */
  createStore(options: StoreOptions = SYNC_STORE): DurableStore {
    return new DurableStore(options, () => this.clock);
  }

  addNode(name: string, program: NodeProgram, store: DurableStore = this.createStore()): SimNode {
    if (this.nodes.has(name)) throw new Error(`Simulation.addNode: duplicate node ${name}`);
    const env: NodeEnvironment = {
      now: () => this.clock,
      createClock: (node) => new SimClock(this.queue, this.trace, () => this.clock, node),
      send: (from, to, type, payload, meta) => this.network.send(from, to, type, payload, meta),
      record: (node, kind, input) => {
        this.trace.record(this.clock, node, kind, input);
      },
      rng: (node) => this.rng.fork(SIM_FORKS.node(node)),
      step: (node, when) => this.stepped(node, when),
      runtime: this.runtime,
      observer: this.observer,
    };
    const node = new SimNode(name, store, program, env);
    this.nodes.set(name, node);
    if (this.started) node.start();
    return node;
  }

  node(name: string): SimNode {
    const node = this.nodes.get(name);
    if (node === undefined) throw new Error(`Simulation.node: no node named ${name}`);
    return node;
  }

  hasNode(name: string): boolean {
    return this.nodes.has(name);
  }

  get nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  /** Boot every node and schedule the fault script. */
  start(): void {
    if (this.started) throw new Error('Simulation.start: already started');
    this.started = true;
    for (const fault of this.script) {
      if (fault.type === 'crash' || fault.type === 'partition') {
        for (const name of fault.type === 'crash' ? [fault.node] : fault.between) {
          if (!this.nodes.has(name)) throw new Error(`fault script: no node named ${name}`);
        }
      }
    }
    for (const node of this.nodes.values()) node.start();
    for (const fault of this.script) {
      if (fault.type === 'crash' && fault.onStep !== undefined) this.armStepCrash(fault);
      else this.scheduleFault(fault);
    }
  }

  /** Run a callback at an absolute simulated time (not before now). */
  at(time: number, fire: () => void): void {
    this.queue.push(Math.max(time, this.clock), fire);
  }

  /** Run a callback after a simulated delay. */
  after(delayMs: number, fire: () => void): void {
    this.queue.push(this.clock + Math.max(0, delayMs), fire);
  }

  /** Process the next event. False when nothing is left. */
  step(): boolean {
    const entry = this.queue.pop();
    if (entry === undefined) return false;
    if (entry.time > this.clock) this.clock = entry.time;
    this.stepCount++;
    entry.fire();
    return true;
  }

  /** Run events in (time, seq) order until a limit or the stop condition is reached. */
  runUntil(limits: RunLimits): StopReason {
    const { untilMs, stopWhen, maxSteps } = limits;
    let steps = 0;
    if (stopWhen?.()) return 'condition';
    for (;;) {
      const next = this.queue.peekTime();
      if (next === undefined) {
        if (untilMs !== undefined && untilMs > this.clock) this.clock = untilMs;
        return 'idle';
      }
      if (untilMs !== undefined && next > untilMs) {
        this.clock = Math.max(this.clock, untilMs);
        return 'time-limit';
      }
      if (steps >= maxSteps) return 'step-limit';
      this.step();
      steps++;
      if (stopWhen?.()) return 'condition';
    }
  }

  /** End the faulty phase: random faults off, partitions healed, crashed nodes restarted (armed scripted faults stay). */
  heal(): void {
    this.healed = true;
    this.trace.record(this.clock, 'sim', 'HEAL');
    this.network.heal();
    for (const node of this.nodes.values()) if (!node.up) this.restartNode(node);
  }

  /** Be told of every crash and restart of a node (what the network would tell its peers: connections closing, new ones). */
  onLifecycle(listener: LifecycleListener): void {
    this.lifecycleListeners.push(listener);
  }

  private crashNode(node: SimNode, kind: 'machine' | 'process'): void {
    node.crash(kind);
    for (const listener of this.lifecycleListeners) listener({ node: node.name, at: this.clock, change: 'down', kind });
  }

  private restartNode(node: SimNode): void {
    if (node.up) return;
    node.restart();
    this.observer.restarted?.(node.name);
    for (const listener of this.lifecycleListeners) listener({ node: node.name, at: this.clock, change: 'up' });
  }

  /** Armed without a queue event: its `at` is checked when a step comes, so runs without step crashes keep their queue. */
  private armStepCrash(fault: CrashFault): void {
    const armed = this.stepCrashes.get(fault.node);
    if (armed === undefined) this.stepCrashes.set(fault.node, [{ fault, seen: 0 }]);
    else armed.push({ fault, seen: 0 });
  }

  /** A node's hosted program took a step: count it for the node's armed step crashes; the nth one crashes it. */
  private stepped(name: string, when: StepWhen): void {
    const armed = this.stepCrashes.get(name);
    if (armed === undefined || this.healed) return;
    for (let i = 0; i < armed.length; i++) {
      const trigger = armed[i] as { fault: CrashFault; seen: number };
      const { fault } = trigger;
      if (fault.onStep?.when !== when || this.clock < fault.at || ++trigger.seen < fault.onStep.nth) continue;
      armed.splice(i, 1);
      const afterMs = fault.onStep.afterMs ?? 0;
      if (afterMs === 0) this.crash(fault);
      else this.after(afterMs, () => (this.healed ? undefined : this.crash(fault)));
      return;
    }
  }

  /** A scripted crash strikes now (its node still up): down, and restarted after restartAfterMs if given. */
  private crash(fault: CrashFault): void {
    const node = this.node(fault.node);
    if (!node.up) return;
    this.crashNode(node, fault.kind ?? 'machine');
    if (fault.restartAfterMs !== undefined) {
      this.after(fault.restartAfterMs, () => this.restartNode(node));
    }
  }

  private scheduleFault(fault: ScriptedFault): void {
    this.at(fault.at, () => {
      if (this.healed) return;
      if (isMessageFault(fault)) {
        this.network.arm(fault);
        return;
      }
      if (fault.type === 'crash') return this.crash(fault);
      const [a, b] = fault.between;
      this.network.partition(a, b);
      if (fault.healAfterMs !== undefined) this.after(fault.healAfterMs, () => this.network.healPartition(a, b));
    });
  }
}
