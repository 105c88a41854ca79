// A lean interpreter for XState v5 machines: the same machine objects (`setup(...).createMachine(...)`, also
// `.provide()` variants), the same macrostep, action order and deferral as XState's Actor, without its
// per-event bookkeeping (inspection events, observers, immutable snapshot copies per action, closures per
// enqueue). It exists for speed: a property run creates ~15 actors and handles ~200 events, and XState's own
// interpreter spends most of a run on that machinery. The conformance test runs every profile and scenario on
// both interpreters and demands byte-identical traces; `--runtime xstate` runs XState's own.
//
// Supported: atomic / compound / final states, `on` (with wildcards), `always`, `after`, guards (named, inline,
// with params), entry / exit / transition actions, custom actions, and the built-ins assign, raise (internal or
// delayed), cancel, sendTo / sendParent, spawnChild, stopChild, enqueueActions, emit (to the one listener `onEmit`
// registers, like XState's `actor.on('*', ...)`), and `invoke` of machines. Anything else (parallel or history
// states, log, non-machine actors) is refused with the name of the feature.
//
// Mirrored XState details that decide event order: actions run while they are resolved, but timers, sends to
// other actors and child starts are deferred to the end of the macrostep (`update`), in order; before start
// even custom actions are deferred; a mailbox queues events that arrive while the actor is processing; a
// child's `xstate.done.actor.<id>` goes to its parent after the child's own deferred effects.
import type { AnyStateMachine } from 'xstate';
import { ContextAssigner } from './contextCopy.ts';
import { activeProbe } from './probe.ts';
import { LeanSystem, type LeanEvent, type LeanSystemActor } from './system.ts';
import { checkXstateVersion } from './version.ts';
import {
  candidatesFrom,
  entryPlan,
  initialPlan,
  isDescendant,
  stateValue,
  unsupportedFeature,
  type ActionRef,
  type EntryPlan,
  type GuardRef,
  type StateNode,
  type Transition,
} from './stateNodes.ts';

type Status = 'notStarted' | 'running' | 'stopped';
type MachineStatus = 'active' | 'done' | 'stopped';

interface Implementations {
  readonly actions: Readonly<Record<string, unknown>>;
  readonly guards: Readonly<Record<string, unknown>>;
  readonly actors: Readonly<Record<string, unknown>>;
  readonly delays: Readonly<Record<string, unknown>>;
}

interface MachineLike {
  readonly id: string;
  readonly root: StateNode;
  readonly implementations: Implementations;
  readonly config: { readonly context?: unknown };
}

/** A built-in XState action: a function object with a `type` and its options as properties. */
interface BuiltinAction {
  readonly type: string;
  readonly resolve: unknown;
  readonly [option: string]: unknown;
}

type Fn = (...args: unknown[]) => unknown;

/** What an action, an action option or a delay expression is called with. */
interface ActionArgs {
  readonly context: Record<string, unknown>;
  readonly event: LeanEvent;
  readonly self: LeanActor;
  readonly system: LeanSystem;
}

/** What a machine's actions see as `self.getSnapshot()`: the state as of the last finished macrostep. */
export class LeanSnapshot {
  constructor(
    readonly status: MachineStatus,
    readonly context: Record<string, unknown>,
    readonly children: Readonly<Record<string, LeanActor>>,
    readonly output: unknown,
    private readonly root: StateNode,
    private readonly nodes: readonly StateNode[],
  ) {}

  get value(): unknown {
    return stateValue(this.root, this.nodes);
  }
}

export interface LeanActorOptions {
  readonly system: LeanSystem;
  readonly id?: string;
  readonly input?: unknown;
  readonly parent?: LeanActor;
}

const checkedMachines = new WeakSet<object>();
const assigners = new WeakMap<object, ContextAssigner>();

/** One assigner per machine: its actors' contexts share a shape, so the assigner keeps it between actors. */
function assignerOf(machine: object): ContextAssigner {
  let assigner = assigners.get(machine);
  if (assigner === undefined) assigners.set(machine, (assigner = new ContextAssigner()));
  return assigner;
}

/**
 * A feature the lean runtime refuses, by name: the machine must run on XState's own interpreter instead. A type of
 * its own, so a host can tell a refusal from a machine's own error without reading the message.
 *
 * @example
 * try { createLeanActor(parallelMachine, { clock }); } catch (e) { if (e instanceof LeanUnsupported) console.log(e.feature); }
 */
export class LeanUnsupported extends Error {
  constructor(readonly feature: string) {
    super(`the lean runtime does not support ${feature}; run it with the XState runtime`);
    this.name = 'LeanUnsupported';
  }
}

/** Refuse, by name, a machine the lean runtime would run differently from XState. */
function assertLeanRunnable(machine: AnyStateMachine): void {
  if (checkedMachines.has(machine)) return;
  const root = (machine as unknown as MachineLike).root;
  const feature = root === undefined ? 'actor logic that is not a state machine' : unsupportedFeature(root);
  if (feature !== undefined) {
    throw new LeanUnsupported(`${feature} (machine ${machine.id})`);
  }
  checkedMachines.add(machine);
}

/** The action kinds an `enqueue` call builds without allocating XState's action function objects. */
const enum Op {
  Assign,
  Raise,
  Cancel,
  SendTo,
  SpawnChild,
  StopChild,
  Emit,
}

/**
 * A built-in action as data: its kind and its options, unresolved (values or expressions of the action's
 * arguments). Assign: a = assignment. Raise: a = event, b = delay, c = id. Cancel: a = id. SendTo: a = target,
 * b = event, c = delay, d = id. SpawnChild: a = logic or its name, b = id, c = input. StopChild: a = child or id.
 */
class QueuedOp {
  constructor(
    readonly lean: Op,
    readonly a?: unknown,
    readonly b?: unknown,
    readonly c?: unknown,
    readonly d?: unknown,
  ) {}
}

const STOP: LeanEvent = { type: 'xstate.stop' };

/**
 * A deferred effect and its operands (a..d). Custom: a = action, b = args, c = params. Schedule: a = target,
 * b = event, c = delay, d = id. Relay: a = target, b = event. Cancel: a = id. StartChild, StopChild, StopSelf:
 * a = child. Emit: a = the emitted event. `Again` marks an effect deferred before start, which is deferred once more when its turn comes.
 */
const enum Later {
  Custom = 1,
  Schedule,
  Relay,
  Cancel,
  StartChild,
  StopChild,
  StopSelf,
  Emit,
  Again = 16,
}

/**
 * One actor of a machine on the lean runtime; `createLeanActor` makes a node's root actor.
 *
 * @example
 * const actor = createLeanActor(brokerMachine, { clock, input, id: 'broker-1' }).start();
 * actor.send({ type: 'register', from: 'consumer-1', group: 'target-fund' });
 */
export class LeanActor implements LeanSystemActor {
  readonly sessionId: string;
  readonly id: string;
  readonly system: LeanSystem;
  readonly timers = new Map<string, unknown>();
  private readonly machine: MachineLike;
  private readonly parent: LeanActor | undefined;
  private status: Status = 'notStarted';
  private snapshot: LeanSnapshot;
  // The working state of the macrostep in progress.
  private context: Record<string, unknown> = {};
  private children: Record<string, LeanActor> = {};
  private nodes: StateNode[];
  private machineStatus: MachineStatus = 'active';
  private output: unknown = undefined;
  private changed = false;
  /** Deferred effects as data, five slots each (a Later code and its operands): no closure per effect. */
  private readonly deferred: unknown[] = [];
  private deferredHead = 0;
  private readonly raisedEvents: LeanEvent[] = [];
  private mailbox: LeanEvent[] = [];
  private mailboxHead = 0;
  private mailboxActive = false;
  private flushing = false;
  private lastArgs: ActionArgs | undefined;
  private emitListener: ((event: LeanEvent) => void) | undefined;
  private readonly assigner: ContextAssigner;

  constructor(machine: AnyStateMachine, options: LeanActorOptions) {
    assertLeanRunnable(machine);
    this.machine = machine as unknown as MachineLike;
    this.assigner = assignerOf(machine);
    this.system = options.system;
    this.parent = options.parent;
    this.sessionId = this.system.bookSessionId();
    this.id = options.id ?? this.sessionId;
    const root = this.machine.root;
    this.nodes = [root];
    const initEvent: LeanEvent = { type: 'xstate.init', input: options.input };
    const internalQueue: LeanEvent[] = [];
    const contextConfig = this.machine.config.context;
    if (typeof contextConfig === 'function') {
      this.context = (contextConfig as Fn)({ input: options.input, self: this, spawn: refuse('spawn inside a context factory') }) as Record<string, unknown>;
    } else if (contextConfig !== undefined && contextConfig !== null) {
      this.context = contextConfig as Record<string, unknown>;
    }
    this.enter(initialPlan(root), initEvent, internalQueue);
    this.settle(initEvent, internalQueue);
    this.snapshot = this.commitSnapshot();
  }

  // --- the actor-ref surface the simulator and the machines use -------------------------------------------------

  getSnapshot(): LeanSnapshot {
    return this.snapshot;
  }

  start(): this {
    if (this.status === 'running') return this;
    this.status = 'running';
    if (this.snapshot.status === 'active') {
      // XState's machine logic starts the children that exist at init before the deferred effects run.
      for (const child of Object.values(this.snapshot.children)) if (child.snapshot.status === 'active') child.start();
    }
    this.update();
    if (this.snapshot.status === 'done') return this;
    this.mailboxActive = true;
    this.flush();
    return this;
  }

  send(event: LeanEvent): void {
    this.receive(event);
  }

  /** XState's `_send`: queue the event; it is processed now unless this actor is busy or not started. */
  receive(event: LeanEvent): void {
    if (this.status === 'stopped') return;
    this.mailbox.push(event);
    if (this.mailboxActive && !this.flushing) this.flush();
  }

  stop(): this {
    if (this.parent !== undefined) throw new Error('A non-root actor cannot be stopped directly.');
    this.stopSelf();
    return this;
  }

  // --- mailbox and lifecycle ------------------------------------------------------------------------------------

  private flush(): void {
    this.flushing = true;
    try {
      while (this.mailboxHead < this.mailbox.length) {
        const event = this.mailbox[this.mailboxHead] as LeanEvent;
        this.process(event);
        this.mailboxHead++;
      }
    } finally {
      this.flushing = false;
    }
    empty(this.mailbox);
    this.mailboxHead = 0;
  }

  /** Drop queued events, keeping the one being processed (XState's Mailbox.clear). */
  private clearMailbox(): void {
    if (this.mailboxHead < this.mailbox.length) this.mailbox.length = this.mailboxHead + 1;
  }

  private stopSelf(): void {
    if (this.status === 'stopped') return;
    this.clearMailbox();
    if (this.status === 'notStarted') {
      this.status = 'stopped';
      return;
    }
    this.receive(STOP);
  }

  private process(event: LeanEvent): void {
    if (event.type === 'xstate.stop') {
      this.stopChildren(event);
      this.machineStatus = 'stopped';
      this.update();
      this.stopProcedure();
      return;
    }
    this.macrostep(event);
    this.update();
  }

  /** XState's Actor.update: publish the snapshot, run the deferred effects, report completion to the parent. */
  private update(): void {
    this.snapshot = this.commitSnapshot();
    // An effect may run another actor's update, never this one's (its mailbox is busy or inactive meanwhile);
    // the head is re-read each time all the same, as XState's queue is.
    const deferred = this.deferred;
    while (this.deferredHead < deferred.length) {
      const i = this.deferredHead;
      this.deferredHead = i + 5;
      this.runDeferred(deferred[i] as Later, deferred[i + 1], deferred[i + 2], deferred[i + 3], deferred[i + 4]);
    }
    empty(deferred);
    this.deferredHead = 0;
    if (this.snapshot.status === 'done') {
      this.stopProcedure();
      if (this.parent !== undefined) this.system.relay(this.parent, { type: `xstate.done.actor.${this.id}`, output: this.snapshot.output, actorId: this.id });
    }
  }

  private stopProcedure(): void {
    if (this.status !== 'running') return;
    this.system.cancelAll(this);
    this.clearMailbox();
    // XState swaps in a fresh, inactive mailbox: nothing sent after the stop is processed.
    this.mailboxActive = false;
    this.status = 'stopped';
  }

  private commitSnapshot(): LeanSnapshot {
    if (this.snapshot !== undefined && !this.changed && this.snapshot.status === this.machineStatus) return this.snapshot;
    this.changed = false;
    // `nodes` is replaced, never mutated, when the configuration changes, so the snapshot may share it.
    return new LeanSnapshot(this.machineStatus, this.context, this.children, this.output, this.machine.root, this.nodes);
  }

  // --- macrostep ------------------------------------------------------------------------------------------------

  private macrostep(event: LeanEvent): void {
    // The mailbox never nests two macrosteps of one actor: one array serves them all. A done machine may leave
    // raised events behind; XState drops them with the macrostep, so does this.
    const internalQueue = this.raisedEvents;
    empty(internalQueue);
    this.microstep(this.select(event), event, internalQueue);
    this.settle(event, internalQueue);
  }

  /** Eventless transitions, then raised events, until the machine is at rest (XState's macrostep loop). */
  private settle(event: LeanEvent, internalQueue: LeanEvent[]): void {
    let nextEvent = event;
    let selectEventless = true;
    while (this.machineStatus === 'active') {
      let enabled: Transition | undefined = selectEventless ? this.selectEventless(nextEvent) : undefined;
      const eventless: boolean = enabled !== undefined;
      if (!eventless) {
        const raised = internalQueue.shift();
        if (raised === undefined) break;
        nextEvent = raised;
        enabled = this.select(nextEvent);
      }
      const changed = this.microstep(enabled, nextEvent, internalQueue);
      selectEventless = !eventless || changed;
    }
    if (this.machineStatus !== 'active') this.stopChildren(nextEvent);
  }

  /** The first enabled transition for the event, from the active leaf up (XState's transitionNode). */
  private select(event: LeanEvent): Transition | undefined {
    for (const t of candidatesFrom(this.leaf(), event.type)) {
      if (t.guard === undefined || this.evaluateGuard(t.guard, this.context, event)) return t;
    }
    return undefined;
  }

  private leaf(): StateNode {
    return this.nodes[this.nodes.length - 1] as StateNode;
  }

  private selectEventless(event: LeanEvent): Transition | undefined {
    for (let node: StateNode | undefined = this.leaf(); node !== undefined; node = node.parent) {
      if (node.always === undefined) continue;
      for (const t of node.always) {
        if (t.guard === undefined || this.evaluateGuard(t.guard, this.context, event)) return t;
      }
    }
    return undefined;
  }

  /** One microstep; returns whether anything (configuration, context, children, status) changed. */
  private microstep(t: Transition | undefined, event: LeanEvent, internalQueue: LeanEvent[]): boolean {
    if (t === undefined) return false;
    activeProbe?.transition(t);
    const { context, children, nodes, machineStatus } = this;
    let moved = false;
    if (t.target !== undefined && t.target.length > 0) {
      const domain = entryPlan(t).domain;
      // Active nodes are kept in document order, so walking them backwards exits deepest first (XState's order).
      const active = this.nodes;
      for (let i = active.length - 1; i >= 0; i--) {
        const s = active[i] as StateNode;
        if (!(domain === undefined || isDescendant(s, domain) || (t.reenter === true && s === domain && s === t.source))) continue;
        this.runActions(exitActions(s), event, internalQueue);
        this.nodes = this.nodes.filter((n) => n !== s);
        moved = true;
      }
    }
    this.runActions(t.actions, event, internalQueue);
    if (t.target !== undefined && t.target.length > 0) {
      const plan = entryPlan(t);
      moved ||= plan.enter.length > 0;
      this.enter(plan, event, internalQueue);
    }
    if (this.machineStatus === 'done') {
      this.runActions(exitsOnDone(this.leaf(), this.nodes), event, internalQueue);
    }
    const changed =
      moved || context !== this.context || children !== this.children || nodes !== this.nodes || machineStatus !== this.machineStatus;
    if (changed) this.changed = true;
    return changed;
  }

  private enter(plan: EntryPlan, event: LeanEvent, internalQueue: LeanEvent[]): void {
    for (const s of plan.enter) {
      activeProbe?.enter(s);
      this.insertNode(s);
      this.runActions(entryActions(s, plan.defaultEntry.has(s)), event, internalQueue);
      if (s.type === 'final' && (s.parent === undefined || s.parent.parent === undefined)) {
        // A final child of the root (or a final root): the machine is done. Its done.state event is never
        // processed, as in XState, because the macrostep loop stops at a non-active status.
        this.machineStatus = 'done';
        this.output = undefined;
        this.changed = true;
      }
    }
  }

  /** Keep the active nodes in document order (root first), as XState's configuration is read leaf-last here. */
  private insertNode(s: StateNode): void {
    const old = this.nodes;
    if (old.includes(s)) return;
    let i = old.length;
    while (i > 0 && (old[i - 1] as StateNode).order > s.order) i--;
    // One array of the final length, no splice (whose array of removed elements is garbage on every entry).
    const nodes = new Array<StateNode>(old.length + 1);
    for (let j = 0; j < i; j++) nodes[j] = old[j] as StateNode;
    nodes[i] = s;
    for (let j = i; j < old.length; j++) nodes[j + 1] = old[j] as StateNode;
    this.nodes = nodes;
  }

  private stopChildren(event: LeanEvent): void {
    const ids = Object.keys(this.children);
    if (ids.length > 0) this.runActions(ids.map((id) => stopOp(id)), event, []);
  }

  // --- guards and actions ---------------------------------------------------------------------------------------

  private evaluateGuard(guard: GuardRef, context: Record<string, unknown>, event: LeanEvent): boolean {
    const inline = typeof guard === 'function';
    const name = typeof guard === 'string' ? guard : inline ? '' : guard.type;
    const resolved = inline ? guard : this.machine.implementations.guards[name];
    if (typeof resolved !== 'function') throw new Error(`Guard '${name}' is not implemented.'.`);
    if ('check' in resolved) throw new LeanUnsupported(`built-in guard ${name}`);
    const params = inline || typeof guard === 'string' ? undefined : resolveParams(guard, context, event);
    return Boolean((resolved as Fn)({ context, event }, params));
  }

  /** Run an action list in order: XState's resolveAndExecuteActionsWithContext. */
  private runActions(actions: readonly (ActionRef | QueuedOp)[], event: LeanEvent, internalQueue: LeanEvent[]): void {
    for (const action of actions) {
      // A class test, not `'lean' in action`: action refs come in many shapes, and `in` on them is a slow lookup.
      if (action instanceof QueuedOp) {
        this.runOp(action.lean, action.a, action.b, action.c, action.d, event, internalQueue);
        continue;
      }
      const inline = typeof action === 'function';
      const name = typeof action === 'string' ? action : inline ? '' : action.type;
      const resolved = inline ? action : this.machine.implementations.actions[name];
      const params = inline || typeof action === 'string' ? undefined : resolveParams(action, this.context, event);
      if (typeof resolved !== 'function' || !('resolve' in resolved)) {
        if (typeof resolved !== 'function') continue;
        const args = this.args(event);
        if (this.status === 'running') (resolved as Fn)(args, params);
        else this.defer(Later.Custom, resolved, args, params);
        continue;
      }
      this.runBuiltin(resolved as unknown as BuiltinAction, params, event, internalQueue);
    }
  }

  private defer(later: Later, a?: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    this.deferred.push(later, a, b, c, d);
  }

  /**
   * A built-in's effect (timer, send, child start): XState executes the built-in like a custom action, and the
   * execution defers the effect, so before start it lands behind everything already deferred.
   */
  private effect(later: Later, a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    this.defer(this.status === 'running' ? later : later | Later.Again, a, b, c, d);
  }

  /** One deferred effect (operands as in Later). */
  private runDeferred(later: Later, a: unknown, b: unknown, c: unknown, d: unknown): void {
    switch (later) {
      case Later.Custom:
        return void (a as Fn)(b, c);
      case Later.Schedule:
        return this.system.schedule(this, a as LeanActor, b as LeanEvent, c as number, d as string | undefined);
      case Later.Relay:
        return this.system.relay(a as LeanActor, b as LeanEvent);
      case Later.Cancel:
        return this.system.cancel(this, a as string);
      case Later.Emit:
        return void this.emitListener?.(a as LeanEvent);
      case Later.StartChild:
        if ((a as LeanActor).status !== 'stopped') (a as LeanActor).start();
        return;
      case Later.StopChild:
        // XState's stopChild execution: a running child stops after the current deferred effects.
        if ((a as LeanActor).status !== 'running') (a as LeanActor).stopSelf();
        else this.defer(Later.StopSelf, a);
        return;
      case Later.StopSelf:
        return (a as LeanActor).stopSelf();
      default:
        // Deferred before start: deferred once more, behind everything deferred so far.
        return this.defer(later & ~Later.Again, a, b, c, d);
    }
  }

  /** An action option that may be an expression of the action's arguments (XState resolves both alike). */
  private option<T>(option: unknown, event: LeanEvent, params: unknown): T {
    return (typeof option === 'function' ? (option as Fn)(this.args(event), params) : option) as T;
  }

  private args(event: LeanEvent): ActionArgs {
    // Reused while context and event stay the same: a body's effects are several custom actions in a row, and an
    // arguments object each was a tenth of a model run's garbage.
    const last = this.lastArgs;
    if (last !== undefined && last.context === this.context && last.event === event) return last;
    return (this.lastArgs = { context: this.context, event, self: this, system: this.system });
  }

  private runBuiltin(action: BuiltinAction, params: unknown, event: LeanEvent, internalQueue: LeanEvent[]): void {
    switch (action.type) {
      case 'xstate.assign':
        return this.runOp(Op.Assign, action.assignment, undefined, undefined, undefined, event, internalQueue, params);
      case 'xstate.raise':
        return this.runOp(Op.Raise, action.event, action.delay, action.id, undefined, event, internalQueue, params);
      case 'xstate.cancel':
        return this.runOp(Op.Cancel, action.sendId, undefined, undefined, undefined, event, internalQueue, params);
      case 'xstate.sendTo':
        return this.runOp(Op.SendTo, action.to, action.event, action.delay, action.id, event, internalQueue, params);
      case 'xstate.spawnChild':
        return this.runOp(Op.SpawnChild, action.src, action.id, action.input, undefined, event, internalQueue, params);
      case 'xstate.stopChild':
        return this.runOp(Op.StopChild, action.actorRef, undefined, undefined, undefined, event, internalQueue, params);
      case 'xstate.enqueueActions':
        return this.runEnqueued(action.collect as Fn, params, event, internalQueue);
      case 'xstate.emit':
        return this.runEmit(action.event, event, params);
      default:
        throw new LeanUnsupported(`the ${action.type} action`);
    }
  }

  private runEnqueued(collect: Fn, params: unknown, event: LeanEvent, internalQueue: LeanEvent[]): void {
    // One frame per nesting depth, reused: every action body of the model is an enqueueActions, and a fresh queue,
    // frame and arguments object per call was a steady share of a run's garbage.
    const frame = (frames[depth] ??= newFrame(this, event));
    frame.actor = this;
    frame.context = this.context;
    frame.event = event;
    // The body's arguments too: a body reads them while it runs and keeps none of them.
    const args = frame.args;
    args.context = this.context;
    args.event = event;
    args.self = this;
    args.system = this.system;
    const outer = collecting;
    collecting = frame;
    depth++;
    try {
      collect(args, params);
      collecting = outer;
      this.runActions(frame.queued, event, internalQueue);
    } finally {
      collecting = outer;
      depth--;
      empty(frame.queued);
    }
  }

  /** `check(guard)` inside enqueueActions: evaluated against the context the collect function was given. */
  guardHolds(guard: GuardRef, context: Record<string, unknown>, event: LeanEvent): boolean {
    return this.evaluateGuard(guard, context, event);
  }

  /** `assign(...)`: a function of the arguments, or an object whose properties may be expressions. */
  private runAssign(a: unknown, event: LeanEvent, params: unknown): void {
    if (typeof a === 'function') {
      const partial = (a as Fn)(this.assignArgs(event), params) as Record<string, unknown>;
      this.context = this.assigner.assign(this.context, partial);
      return;
    }
    const properties = a as Record<string, unknown>;
    let partial: Record<string, unknown> = properties;
    for (const key in properties) {
      if (typeof properties[key] !== 'function') continue;
      // Some properties are expressions: evaluate them all with the same arguments, as XState does.
      const assignArgs = this.assignArgs(event);
      partial = {};
      for (const k in properties) {
        const v = properties[k];
        partial[k] = typeof v === 'function' ? (v as Fn)(assignArgs, params) : v;
      }
      break;
    }
    this.context = this.assigner.assign(this.context, partial);
  }

  /** One built-in action: its kind and options (a..d as in QueuedOp), resolved against the event and params. */
  private runOp(kind: Op, a: unknown, b: unknown, c: unknown, d: unknown, event: LeanEvent, internalQueue: LeanEvent[], params?: unknown): void {
    switch (kind) {
      case Op.Assign:
        this.runAssign(a, event, params);
        return;
      case Op.Raise: {
        const raised = this.option<LeanEvent>(a, event, params);
        const delay = this.resolveDelay(b, event, params);
        const id = c as string | undefined;
        if (typeof delay !== 'number') {
          internalQueue.push(raised);
          return;
        }
        this.effect(Later.Schedule, this, raised, delay, id);
        return;
      }
      case Op.Cancel: {
        const sendId = this.option<string>(a, event, params);
        this.effect(Later.Cancel, sendId);
        return;
      }
      case Op.SendTo: {
        const target = this.resolveTarget(this.option<unknown>(a, event, params));
        const sent = this.option<LeanEvent>(b, event, params);
        const delay = this.resolveDelay(c, event, params);
        if (typeof delay === 'number') this.effect(Later.Schedule, target, sent, delay, d);
        else this.effect(Later.Relay, target, sent);
        return;
      }
      case Op.SpawnChild: {
        const logic = typeof a === 'string' ? this.machine.implementations.actors[a] : a;
        if (logic === undefined) throw new Error(`Actor logic '${String(a)}' not implemented in machine '${this.machine.id}'`);
        const id = typeof b === 'function' ? ((b as Fn)(this.args(event)) as string) : (b as string | undefined);
        const input = typeof c === 'function' ? (c as Fn)({ context: this.context, event, self: this }) : c;
        const child = new LeanActor(logic as AnyStateMachine, { system: this.system, id, input, parent: this });
        this.children = { ...this.children, [child.id]: child };
        this.effect(Later.StartChild, child);
        return;
      }
      case Op.Emit:
        this.runEmit(a, event, params);
        return;
      case Op.StopChild: {
        const ref = this.option<unknown>(a, event, params);
        const child = typeof ref === 'string' ? this.children[ref] : (ref as LeanActor | undefined);
        if (child !== undefined) this.children = without(this.children, child.id);
        // Executed like a custom action: now while running, deferred before start.
        if (child === undefined) return;
        if (this.status === 'running') this.runDeferred(Later.StopChild, child, undefined, undefined, undefined);
        else this.defer(Later.StopChild, child);
        return;
      }
    }
  }

  // --- emit and can (for hosts of users' machines; the model's own machines use neither) -------------------------

  /** Hear what this actor emits (XState's `actor.on('*', listener)`; one listener, the last one registered). */
  onEmit(listener: (event: LeanEvent) => void): void {
    this.emitListener = listener;
  }

  /** `emit(...)`: XState resolves the event now and defers handing it out to the end of the macrostep. */
  private runEmit(eventOrExpr: unknown, event: LeanEvent, params: unknown): void {
    const emitted = this.option<LeanEvent>(eventOrExpr, event, params);
    this.effect(Later.Emit, emitted);
  }

  /** XState's `snapshot.can(event)`: an enabled transition that has a target or actions, while active. */
  can(event: LeanEvent): boolean {
    if (this.snapshot.status !== 'active') return false;
    const t = this.select(event);
    return t !== undefined && (t.target !== undefined || t.actions.length > 0);
  }

  private assignArgs(event: LeanEvent): Record<string, unknown> {
    return { context: this.context, event, self: this, system: this.system, spawn: refuseSpawn };
  }

  private resolveDelay(delay: unknown, event: LeanEvent, params: unknown): number | undefined {
    const configured = typeof delay === 'string' ? this.machine.implementations.delays[delay] : delay;
    const resolved = typeof configured === 'function' ? (configured as Fn)(this.args(event), params) : configured;
    return typeof resolved === 'number' ? resolved : undefined;
  }

  private resolveTarget(to: unknown): LeanActor {
    if (typeof to !== 'string') return (to as LeanActor | undefined) ?? this;
    const target = to === '#_parent' ? this.parent : to === '#_internal' ? this : this.children[to.startsWith('#_') ? to.slice(2) : to];
    if (target === undefined) throw new Error(`Unable to send event to actor '${to}' from machine '${this.machine.id}'.`);
    return target;
  }
}

/**
 * Empty a short array in place. Setting `length` goes through V8's generic length setter, ~2% of a property run
 * on these per-event queues (mostly already empty or holding one or two items); popping is inlined.
 */
function empty(items: unknown[]): void {
  while (items.length > 0) items.pop();
}

/**
 * `children` without one id, as XState's spread-and-delete leaves it (same keys, same order), built without
 * `delete`: a delete turns the object into a dictionary, and every later spread of the children was then slow.
 */
function without(children: Readonly<Record<string, LeanActor>>, id: string): Record<string, LeanActor> {
  if (Object.hasOwn(children, '__proto__')) {
    // An assignment would set the prototype where the spread defines a key: keep XState's way for that id.
    const copy = { ...children };
    delete copy[id];
    return copy;
  }
  const rest: Record<string, LeanActor> = {};
  for (const key in children) if (key !== id && Object.hasOwn(children, key)) rest[key] = children[key] as LeanActor;
  return rest;
}

function resolveParams(ref: { readonly params?: unknown }, context: unknown, event: unknown): unknown {
  return typeof ref.params === 'function' ? (ref.params as Fn)({ context, event }) : ref.params;
}

function refuse(feature: string): () => never {
  return () => {
    throw new LeanUnsupported(feature);
  };
}

const refuseSpawn = refuse('spawn inside assign');

/** An enqueueActions call: what its body enqueued, and what `check` evaluates against. */
interface CollectFrame {
  readonly queued: Array<QueuedOp | ActionRef>;
  actor: LeanActor;
  context: Record<string, unknown>;
  event: LeanEvent;
  /** What the body is called with. */
  readonly args: { context: Record<string, unknown>; event: LeanEvent; readonly enqueue: typeof enqueue; readonly check: typeof check; self: LeanActor; system: LeanSystem };
}

function newFrame(actor: LeanActor, event: LeanEvent): CollectFrame {
  const context = {};
  return { queued: [], actor, context, event, args: { context, event, enqueue, check, self: actor, system: actor.system } };
}

/** The enqueueActions call being collected; `enqueue` and `check` are shared, so a call allocates no closures. */
let collecting: CollectFrame | undefined;
/** Frames of the enqueueActions calls in progress, by nesting depth (a queued action may be another such call). */
const frames: CollectFrame[] = [];
let depth = 0;

function queue(item: QueuedOp | ActionRef): void {
  if (collecting === undefined) throw new Error('enqueue(...) called outside enqueueActions');
  collecting.queued.push(item);
}

const enqueue = Object.assign((action: ActionRef) => queue(action), {
  assign: (assignment: unknown) => queue(new QueuedOp(Op.Assign, assignment)),
  raise: (ev: unknown, options?: { delay?: unknown; id?: string }) => queue(new QueuedOp(Op.Raise, ev, options?.delay, options?.id)),
  cancel: (id: unknown) => queue(new QueuedOp(Op.Cancel, id)),
  sendTo: (to: unknown, ev: unknown, options?: { delay?: unknown; id?: string }) => queue(new QueuedOp(Op.SendTo, to, ev, options?.delay, options?.id)),
  sendParent: (ev: unknown, options?: { delay?: unknown; id?: string }) => queue(new QueuedOp(Op.SendTo, '#_parent', ev, options?.delay, options?.id)),
  spawnChild: (src: unknown, options?: { id?: unknown; input?: unknown }) => queue(new QueuedOp(Op.SpawnChild, src, options?.id, options?.input)),
  stopChild: (ref: unknown) => queue(new QueuedOp(Op.StopChild, ref)),
  emit: (ev: unknown) => queue(new QueuedOp(Op.Emit, ev)),
});

function check(guard: GuardRef): boolean {
  if (collecting === undefined) throw new Error('check(...) called outside enqueueActions');
  return collecting.actor.guardHolds(guard, collecting.context, collecting.event);
}

const entryCache = new WeakMap<StateNode, { plain: ReadonlyArray<ActionRef | QueuedOp>; withInitial: ReadonlyArray<ActionRef | QueuedOp> }>();
const exitCache = new WeakMap<StateNode, ReadonlyArray<ActionRef | QueuedOp>>();

/** What entering a state runs: its entry actions, its invocations, and (entered by default) its initial actions. */
function entryActions(s: StateNode, byDefault: boolean): ReadonlyArray<ActionRef | QueuedOp> {
  let cached = entryCache.get(s);
  if (cached === undefined) {
    const plain: Array<ActionRef | QueuedOp> = [...s.entry, ...s.invoke.map(spawnOp)];
    cached = { plain, withInitial: [...plain, ...s.initial.actions] };
    entryCache.set(s, cached);
  }
  return byDefault ? cached.withInitial : cached.plain;
}

/** What exiting a state runs: its exit actions, then stopping its invocations. */
function exitActions(s: StateNode): ReadonlyArray<ActionRef | QueuedOp> {
  let cached = exitCache.get(s);
  if (cached === undefined) {
    cached = [...s.exit, ...s.invoke.map((def) => stopOp(def.id))];
    exitCache.set(s, cached);
  }
  return cached;
}

const doneExitCache = new WeakMap<StateNode, readonly ActionRef[]>();

/**
 * The exit actions a finished machine runs, deepest state first. Without parallel states the configuration is the
 * leaf and its ancestors, so the list is one per leaf (a machine finishes per order: it was built every time).
 */
function exitsOnDone(leaf: StateNode, nodes: readonly StateNode[]): readonly ActionRef[] {
  let exits = doneExitCache.get(leaf);
  if (exits === undefined) {
    exits = [...nodes].sort((a, b) => b.order - a.order).flatMap((s) => s.exit);
    doneExitCache.set(leaf, exits);
  }
  return exits;
}

function stopOp(id: string): QueuedOp {
  return new QueuedOp(Op.StopChild, id);
}

function spawnOp(def: { readonly id: string; readonly src: unknown; readonly input?: unknown }): QueuedOp {
  return new QueuedOp(Op.SpawnChild, def.src, def.id, def.input);
}

/**
 * A node's root actor on the lean runtime, shaped like `createActor(logic, { clock, input, id })`.
 *
 * @example
 * const actor = createLeanActor(consumerMachine, { clock, input, id: 'consumer-1' });
 */
export function createLeanActor(machine: AnyStateMachine, options: { clock: LeanSystem['clock']; input?: unknown; id?: string }): LeanActor {
  checkXstateVersion();
  return new LeanActor(machine, { system: new LeanSystem(options.clock), input: options.input, id: options.id });
}
