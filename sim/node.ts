// A simulated machine. It hosts one XState actor (which may own children) built by its program from the node's
// durable store. Crash: the actor stops, its timers and everything in its context (the volatile state) are
// gone, and a machine crash also loses the store's unflushed writes. Restart: the program builds a fresh actor
// from what the store kept. The node's clock is the only way its actor sees time. A node may also run side actors
// (a user's handler of one call, started by its actor through the host): volatile like everything else of the
// incarnation, on the same clock and interpreter, stopped by a crash.
import { createActor, type AnyActorLogic, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { createLeanActor } from './lean/actor.ts';
import type { BoundaryObserver } from './boundary.ts';
import type { DurableStore } from './durableStore.ts';
import type { StepWhen } from './faults.ts';
import type { Envelope } from './network.ts';
import type { Rng } from './rng.ts';
import { SimClock, type XStateClock } from './simClock.ts';

/** What a node's program can use: its name, durable store, clock, network and trace. */
export interface NodeHost {
  readonly name: string;
  readonly store: DurableStore;
  readonly clock: SimClock;
  /** This node's own random stream (a fork of the run's seed named after the node). */
  readonly rng: Rng;
  now(): number;
  /**
   * Send a message. The payload becomes the receiver's event, with `type`, `from` and `order` set on it: give a
   * fresh object (a literal), not one kept elsewhere.
   */
  send(to: string, type: string, payload: Readonly<Record<string, unknown>>, meta?: { order?: string; response?: boolean }): void;
  record(kind: string, input?: { peer?: string; msg?: string; order?: string; detail?: string; value?: number }): void;
  /** Write a durable key of a store this node may write (its own, or a database it shares): an observed boundary. */
  write(store: DurableStore, key: string, value: unknown): void;
  /** Delete a durable key: an observed boundary. */
  erase(store: DurableStore, key: string): void;
  /** Answer the client (outside the simulated network): an observed boundary. */
  reply(order: string, body: Readonly<Record<string, unknown>>): void;
  /** How many times this node has been (re)started: 0 on first boot. */
  readonly incarnation: number;
  /** Start a side actor on this node (see SideActorOptions); it stops when this incarnation ends. */
  startSideActor(logic: AnyStateMachine, options: SideActorOptions): SideActor;
  /** Hand this incarnation's own actor a local event (no boundary: nothing left the node); dropped once it crashed. */
  notify(event: { type: string } & Record<string, unknown>): void;
  /**
   * Report a step of a program this node hosts (a request issued, a request done): a scripted crash armed for that
   * step (CrashFault.onStep) takes the node down right here. Returns whether this incarnation still runs.
   */
  step(when: StepWhen): boolean;
  /** Whether this incarnation still runs (false once it crashed, even after a restart). */
  readonly live: boolean;
}

/** How a side actor runs, and who hears what it emits and what it throws. */
export interface SideActorOptions {
  /** Deterministic and unique among the node's live side actors. */
  readonly id: string;
  readonly runtime: ActorRuntime;
  readonly input?: unknown;
  /** Each event the actor emits (XState `emit`), at the end of the macrostep that emitted it. */
  readonly onEmit: (event: { type: string } & Record<string, unknown>) => void;
  /** An exception the actor's machine threw (from an action, a guard, a delay, one of its timers). */
  readonly onError: (error: unknown) => void;
}

/** A side actor as its host sees it, whichever interpreter runs it. */
export interface SideActor {
  send(event: { type: string } & Record<string, unknown>): void;
  /** XState's `snapshot.can(event)`: the actor is active and an enabled transition takes the event. */
  can(event: { type: string } & Record<string, unknown>): boolean;
  /** 'active', 'done', 'stopped' or 'error' (XState's snapshot status). */
  readonly status: string;
  stop(): void;
}

/**
 * Which interpreter runs a node's machines: XState's own `createActor`, or the lean runtime (sim/lean/), which
 * runs the same machine objects with the same event order, faster. The conformance test holds them to equal traces.
 */
export type ActorRuntime = 'xstate' | 'lean';

/** What the simulator and the world read of a hosted actor; XState's actors and lean actors both have it. */
export interface HostedActor {
  readonly sessionId: string;
  start(): unknown;
  stop(): unknown;
  send(event: { type: string } & Record<string, unknown>): void;
  getSnapshot(): unknown;
}

/** Builds the node's actor from durable state; called at boot and at every restart. */
export type NodeProgram = (host: NodeHost) => { logic: AnyActorLogic; input?: unknown };

/** The simulator side a node talks to. */
export interface NodeEnvironment {
  now(): number;
  createClock(node: string): SimClock;
  send: NodeHost['send'] extends (...args: infer A) => void ? (from: string, ...args: A) => void : never;
  record(node: string, kind: string, input?: Parameters<NodeHost['record']>[1]): void;
  rng(node: string): Rng;
  /** A step of the node's hosted program (NodeHost.step): the simulator's armed step crashes are checked. */
  step(node: string, when: StepWhen): void;
  readonly runtime: ActorRuntime;
  /** Told of the node's durable writes and client replies. */
  readonly observer: BoundaryObserver;
}

/**
 * One simulated machine hosting one actor.
 *
 * @example
 * const node = sim.addNode('broker-1', (host) => ({ logic: brokerMachine, input: { store: host.store } }));
 * node.crash('machine'); node.restart();
 */
export class SimNode {
  private actor: HostedActor | undefined;
  private logic: AnyActorLogic | undefined;
  private clock: SimClock;
  private incarnation = -1;
  private rngFork: Rng | undefined;
  /** This incarnation's side actors; a crash stops them. */
  private sideActors: SideActor[] = [];
  /** Their pending timers (a user's `after`), so a run is not called quiet while one is due. */
  private sideTimers = new Set<unknown>();

  constructor(
    readonly name: string,
    readonly store: DurableStore,
    private readonly program: NodeProgram,
    private readonly env: NodeEnvironment,
  ) {
    this.clock = env.createClock(name);
  }

  get up(): boolean {
    return this.actor !== undefined;
  }

  /** The live actor, for inspection by tests and the world's bookkeeping; undefined while down. */
  get actorRef(): HostedActor | undefined {
    return this.actor;
  }

  /**
   * The live actor's snapshot, typed by the logic it was built from; undefined while down. Throws when the node
   * runs other logic, so a caller cannot read one machine's snapshot as another's.
   *
   * @example
   * sim.node('consumer-1').snapshotOf(consumerMachine)?.context.consuming.size;
   */
  snapshotOf<TLogic extends AnyActorLogic>(logic: TLogic): SnapshotFrom<TLogic> | undefined {
    if (this.actor === undefined) return undefined;
    if (this.logic !== logic) throw new Error(`SimNode.snapshotOf: ${this.name} does not run the logic asked for`);
    return this.actor.getSnapshot() as SnapshotFrom<TLogic>;
  }

  get pendingTimers(): number {
    return this.clock.pending;
  }

  /** Timers of this incarnation's side actors still pending. */
  get pendingSideTimers(): number {
    return this.sideTimers.size;
  }

  start(): void {
    if (this.actor !== undefined) throw new Error(`SimNode.start: ${this.name} is already up`);
    this.incarnation++;
    this.clock = this.env.createClock(this.name);
    const host = new Host(this, this.env, this.clock, this.incarnation);
    const { logic, input } = this.program(host);
    this.logic = logic;
    const options = { clock: this.clock, input, id: this.name };
    const actor: HostedActor = this.env.runtime === 'lean' ? createLeanActor(logic as AnyStateMachine, options) : createActor(logic, options);
    this.actor = actor;
    actor.start();
  }

  /** This node's random stream, forked on first use (a fork depends only on the seed and the name, not on when). */
  ownRng(): Rng {
    this.rngFork ??= this.env.rng(this.name);
    return this.rngFork;
  }

  crash(kind: 'machine' | 'process' = 'machine'): void {
    const actor = this.actor;
    if (actor === undefined) return;
    this.actor = undefined;
    this.clock.cancelAll();
    actor.stop();
    if (this.sideActors.length > 0) this.stopSideActors();
    this.clock.cancelAll();
    const lost = kind === 'machine' ? this.store.machineCrash() : 0;
    this.env.record(this.name, 'CRASH', { detail: kind, value: lost });
  }

  restart(): void {
    if (this.actor !== undefined) return;
    this.env.record(this.name, 'RESTART', { value: this.incarnation + 1 });
    this.start();
  }

  receive(envelope: Envelope): void {
    const actor = this.actor;
    if (actor === undefined) return;
    // The payload object itself becomes the event (a copy per delivery cost a sixth of a model run): senders hand
    // the network a fresh object, as every call site does, and a duplicate delivers the same event twice.
    const payload = envelope.payload as Record<string, unknown>;
    const event = Object.isFrozen(payload) ? { ...payload } : payload;
    event.type = envelope.type;
    event.from = envelope.from;
    event.order = envelope.order;
    actor.send(event as { type: string });
  }

  /** Start a side actor for the incarnation `incarnation` (see NodeHost.startSideActor). */
  startSideActor(incarnation: number, logic: AnyStateMachine, options: SideActorOptions): SideActor {
    if (this.actor === undefined || incarnation !== this.incarnation) throw new Error(`SimNode.startSideActor: ${this.name} incarnation ${incarnation} is not running`);
    // Its timers are the node's (a crash cancels them); an exception in one goes to onError, not up the queue.
    const timers = this.sideTimers;
    const clock: XStateClock = {
      setTimeout: (fn, ms) => {
        const entry = this.clock.setTimeout((...args) => {
          timers.delete(entry);
          guarded(options.onError, () => fn(...args));
        }, ms);
        timers.add(entry);
        return entry;
      },
      clearTimeout: (id) => {
        timers.delete(id);
        this.clock.clearTimeout(id);
      },
    };
    const side = options.runtime === 'lean' ? leanSideActor(logic, clock, options) : xstateSideActor(logic, clock, options);
    // A step of its start (an entry action's request) may have crashed the node: it dies with that incarnation.
    if (!this.runs(incarnation)) {
      side.stop();
      return side;
    }
    this.sideActors = this.sideActors.filter((a) => a.status === 'active');
    this.sideActors.push(side);
    return side;
  }

  /** Hand the running incarnation's actor a local event (see NodeHost.notify). */
  notify(incarnation: number, event: { type: string } & Record<string, unknown>): void {
    if (this.actor !== undefined && incarnation === this.incarnation) this.actor.send(event);
  }

  /** Whether `incarnation` is the one running now. */
  runs(incarnation: number): boolean {
    return this.actor !== undefined && incarnation === this.incarnation;
  }

  /** A step of the incarnation's hosted program (see NodeHost.step). */
  step(incarnation: number, when: StepWhen): boolean {
    if (!this.runs(incarnation)) return false;
    this.env.step(this.name, when);
    return this.runs(incarnation);
  }

  private stopSideActors(): void {
    const sides = this.sideActors;
    this.sideActors = [];
    this.sideTimers = new Set();
    for (const side of sides) side.stop();
  }

  /** Deliver a local event (not over the network): a client request, an operator's console action. */
  inject(event: { type: string } & Record<string, unknown>): boolean {
    if (this.actor === undefined) return false;
    this.env.observer.requested?.(this.name, event);
    this.actor.send(event);
    return true;
  }
}

/**
 * A node's NodeHost for one incarnation. A class, not an object literal: a literal with a per-node getter gave
 * every node its own hidden class, and V8's young-generation collector then kept whole finished runs alive.
 */
class Host implements NodeHost {
  readonly name: string;
  readonly store: DurableStore;

  constructor(
    private readonly node: SimNode,
    private readonly env: NodeEnvironment,
    readonly clock: SimClock,
    readonly incarnation: number,
  ) {
    this.name = node.name;
    this.store = node.store;
  }

  get rng(): Rng {
    return this.node.ownRng();
  }

  now(): number {
    return this.env.now();
  }

  send(to: string, type: string, payload: Readonly<Record<string, unknown>>, meta?: { order?: string; response?: boolean }): void {
    this.env.send(this.name, to, type, payload, meta);
  }

  record(kind: string, input?: Parameters<NodeHost['record']>[1]): void {
    this.env.record(this.name, kind, input);
  }

  write(store: DurableStore, key: string, value: unknown): void {
    this.env.observer.written?.(this.name, store, key, value);
    store.set(key, value);
  }

  erase(store: DurableStore, key: string): void {
    this.env.observer.erased?.(this.name, store, key);
    store.delete(key);
  }

  reply(order: string, body: Readonly<Record<string, unknown>>): void {
    this.env.observer.replied?.(this.name, order, body);
  }

  startSideActor(logic: AnyStateMachine, options: SideActorOptions): SideActor {
    return this.node.startSideActor(this.incarnation, logic, options);
  }

  notify(event: { type: string } & Record<string, unknown>): void {
    this.node.notify(this.incarnation, event);
  }

  step(when: StepWhen): boolean {
    return this.node.step(this.incarnation, when);
  }

  get live(): boolean {
    return this.node.runs(this.incarnation);
  }
}

/** Run `fn`; an exception goes to `onError`. */
function guarded(onError: (error: unknown) => void, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    onError(error);
  }
}

type AnyEvent = { type: string } & Record<string, unknown>;

/** A side actor on the lean runtime: its exceptions surface where the host calls it, or in its timers. */
function leanSideActor(logic: AnyStateMachine, clock: XStateClock, options: SideActorOptions): SideActor {
  let failed = false;
  const run = (fn: () => void): void =>
    guarded((error) => {
      failed = true;
      options.onError(error);
    }, fn);
  // Built inside `run`: the constructor runs the context factory and the initial entry actions.
  let actor: ReturnType<typeof createLeanActor> | undefined;
  run(() => {
    actor = createLeanActor(logic, { clock, input: options.input, id: options.id });
    actor.onEmit((event) => options.onEmit(event as AnyEvent));
    actor.start();
  });
  return {
    send: (event) => {
      if (!failed) run(() => actor?.send(event));
    },
    can: (event) => !failed && actor !== undefined && actor.can(event),
    get status() {
      return failed || actor === undefined ? 'error' : actor.getSnapshot().status;
    },
    stop: () => run(() => actor?.stop()),
  };
}

/** A side actor on XState's own interpreter: emits through `on('*')`, errors through its observer. */
function xstateSideActor(logic: AnyStateMachine, clock: XStateClock, options: SideActorOptions): SideActor {
  const actor = createActor(logic, { clock, input: options.input, id: options.id });
  actor.on('*', (event) => options.onEmit(event as AnyEvent));
  actor.subscribe({ error: (error) => options.onError(error) });
  actor.start();
  return {
    send: (event) => actor.send(event),
    can: (event) => {
      const snapshot = actor.getSnapshot();
      return snapshot.status === 'active' && snapshot.can(event);
    },
    get status() {
      return actor.getSnapshot().status;
    },
    stop: () => actor.stop(),
  };
}
