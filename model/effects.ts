// Effects as data. A model machine never touches the network, a store, the trace, the facts or the test script
// while XState resolves its transitions: each of those effects is a named custom action with params
// (`{ type: 'send', params: { to, message } }`, `{ type: 'persist', params: { store, key, value } }`, ...), enqueued
// by the action that decides it. XState's pure `transition()` returns them as data; a running actor (XState's or
// the lean runtime) executes them in order within the macrostep, where the implementations below call the host.
//
// Inside one action body the machine may still read its stores (reads are not effects), and a read after a write
// of the same body must see that write: the Outbox stages the body's writes in a small overlay that its reads
// consult first, while enqueueing each write as an effect in the order it was made.
import type { DurableStore } from '../sim/durableStore.ts';
import type { TraceInput } from '../sim/trace.ts';
import type { ModelEnv } from './env.ts';
import type { Fact } from './facts.ts';
import { CLAIM_KINDS } from './history.ts';
import type { Message, RoleCall } from './protocol.ts';

/** Which durable store a write goes to: the node's own (a broker's commit log) or the shared database (`db`). */
export type StoreName = 'node' | 'db';

export interface SendParams {
  readonly to: string;
  readonly message: Message;
  /** The business order the message concerns (the trace's order column). */
  readonly order?: string;
  /** A reply to a request (the network's fault options may treat responses apart). */
  readonly response?: boolean;
}
export interface PersistParams {
  readonly store: StoreName;
  readonly key: string;
  readonly value: unknown;
}
export interface ForgetParams {
  readonly store: StoreName;
  readonly key: string;
}
export interface RecordParams {
  readonly kind: string;
  readonly input?: TraceInput;
}
export interface FactParams {
  readonly fact: Fact;
}
/** The node answers its client: the order was accepted, or refused and why. */
export interface ReplyParams {
  readonly order: string;
  readonly ok: boolean;
  readonly reason: string;
}
/** The test script's memory moves on: a scripted check answer or a scripted consumer attempt was used. */
export interface ScriptParams {
  readonly order: string;
  readonly step: 'checkAnswer' | 'consumerAttempt';
  /** The consumer group whose listener attempt it was (consumerAttempt; default the target fund's). */
  readonly group?: string;
}

/** Call the user's machine of this instance's role (model/userCalls.ts); its answer comes back as `userAnswer`. */
export interface CallParams {
  /** The caller's key of the call, echoed in the answer. */
  readonly key: string;
  readonly call: RoleCall;
  /** Echoed in the answer (what the caller needs to act on it). */
  readonly memo?: unknown;
}

/** An effect as data: what `transition()` returns and a running actor executes. */
export type Effect =
  | { readonly type: 'send'; readonly params: SendParams }
  | { readonly type: 'persist'; readonly params: PersistParams }
  | { readonly type: 'forget'; readonly params: ForgetParams }
  | { readonly type: 'record'; readonly params: RecordParams }
  | { readonly type: 'fact'; readonly params: FactParams }
  | { readonly type: 'reply'; readonly params: ReplyParams }
  | { readonly type: 'script'; readonly params: ScriptParams }
  | { readonly type: 'call'; readonly params: CallParams };

export type EffectType = Effect['type'];

/** The effect names, for tests and tools that tell effects from a machine's own actions. */
export const EFFECT_TYPES: readonly EffectType[] = Object.freeze(['send', 'persist', 'forget', 'record', 'fact', 'reply', 'script', 'call']);

/** What an effect's implementation needs of the machine's context: its env, and the stores it may write. */
export interface EffectContext {
  readonly env: ModelEnv;
  /** The node's own store when the machine was given one (a broker); otherwise the host's. */
  readonly store?: DurableStore;
  /** The shared database of the machine's group (producers, consumer groups). */
  readonly db?: DurableStore;
}

function storeOf(context: EffectContext, name: StoreName): DurableStore {
  const store = name === 'db' ? context.db : (context.store ?? context.env.host.store);
  if (store === undefined) throw new Error(`effect: this machine has no '${name}' store`);
  return store;
}

type Impl<P> = (args: { context: EffectContext }, params: P) => void;

/** Each effect's implementation. */
const SINGLE: {
  readonly send: Impl<SendParams>;
  readonly persist: Impl<PersistParams>;
  readonly forget: Impl<ForgetParams>;
  readonly record: Impl<RecordParams>;
  readonly fact: Impl<FactParams>;
  readonly reply: Impl<ReplyParams>;
  readonly script: Impl<ScriptParams>;
  readonly call: Impl<CallParams>;
} = Object.freeze({
  // The params object carries `order` and `response`: it is the network's meta as it is.
  send: ({ context }, p: SendParams) => context.env.host.send(p.to, p.message.type, p.message, p),
  persist: ({ context }, p: PersistParams) => context.env.host.write(storeOf(context, p.store), p.key, p.value),
  forget: ({ context }, p: ForgetParams) => context.env.host.erase(storeOf(context, p.store), p.key),
  record: ({ context }, p: RecordParams) => context.env.host.record(p.kind, p.input),
  fact: ({ context }, p: FactParams) => {
    if (!CLAIM_KINDS.has(p.fact.kind)) throw new Error(`a machine claimed a '${p.fact.kind}' fact: that kind is observed at the boundary only (model/history.ts)`);
    context.env.facts.add(p.fact);
  },
  reply: ({ context }, p: ReplyParams) => context.env.host.reply(p.order, { ok: p.ok, reason: p.reason }),
  script: ({ context }, p: ScriptParams) => {
    if (p.step === 'checkAnswer') context.env.script.useCheckAnswer(p.order);
    else context.env.script.useConsumerAttempt(p.order, p.group);
  },
  call: ({ context }, p: CallParams) => {
    const calls = context.env.calls;
    if (calls === undefined) throw new Error(`effect: ${context.env.host.name} has no user machine to call`);
    calls.call(p.key, p.call, p.memo);
  },
});

/**
 * The one implementation of each effect, spread into every model machine's `setup({ actions })`: the only code
 * in model/ that calls the host's send, record, store writes, the fact log or the script. `effects` runs an action
 * body's effects in order (what an Outbox enqueues); each effect may also be enqueued on its own by name.
 *
 * @example
 * setup({ actions: { ...EFFECT_ACTIONS, greet: enqueueActions(({ enqueue }) => enqueue({ type: 'record', params: { kind: 'HI' } })) } });
 */
export const EFFECT_ACTIONS: typeof SINGLE & { readonly effects: Impl<readonly Effect[]> } = Object.freeze({
  ...SINGLE,
  effects: (args: { context: EffectContext }, effects: readonly Effect[]) => {
    for (const effect of effects) (SINGLE[effect.type] as Impl<unknown>)(args, effect.params);
  },
});

/** The read side of a store, and writes that a machine stages as effects. */
export interface KeyValue {
  get<T>(key: string): T | undefined;
  has(key: string): boolean;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

const DELETED = Symbol('deleted');
/** Never written to: a StagedStore swaps in its own arrays at its first write. */
const NO_KEYS: string[] = [];
const NO_VALUES: unknown[] = [];

/**
 * A store as one action body sees it: reads fall through to the durable store unless the body wrote the key;
 * each write is enqueued as a `persist` / `forget` effect, in order. The overlay is two short arrays, not a Map:
 * a body writes a handful of keys, and it is built on the hot path.
 *
 * @example
 * const out = new Outbox(undefined, context);
 * out.node.set('qnext/T:0', 1); out.node.get('qnext/T:0'); // 1, while the store still holds the old value
 */
export class StagedStore implements KeyValue {
  // Shared empty arrays until the first write: most bodies only read their stores.
  private keys: string[] = NO_KEYS;
  private values: unknown[] = NO_VALUES;

  constructor(
    private readonly base: DurableStore,
    private readonly name: StoreName,
    private readonly out: Outbox,
  ) {}

  get<T>(key: string): T | undefined {
    const i = this.keys.length === 0 ? -1 : this.keys.lastIndexOf(key);
    if (i < 0) return this.base.get<T>(key);
    const value = this.values[i];
    return value === DELETED ? undefined : (value as T);
  }

  has(key: string): boolean {
    const i = this.keys.length === 0 ? -1 : this.keys.lastIndexOf(key);
    return i < 0 ? this.base.has(key) : this.values[i] !== DELETED;
  }

  set(key: string, value: unknown): void {
    if (this.keys === NO_KEYS) this.stage();
    this.keys.push(key);
    this.values.push(value);
    this.out.push({ type: 'persist', params: { store: this.name, key, value } });
  }

  delete(key: string): void {
    if (this.keys === NO_KEYS) this.stage();
    this.keys.push(key);
    this.values.push(DELETED);
    this.out.push({ type: 'forget', params: { store: this.name, key } });
  }

  private stage(): void {
    this.keys = [];
    this.values = [];
  }

  /** Entries under a prefix as stored before this body: refused once the body wrote under it (no merged view). */
  entries<T>(prefix: string): Array<[string, T]> {
    for (const key of this.keys) {
      if (key.startsWith(prefix)) throw new Error(`StagedStore.entries('${prefix}'): read after a write of ${key} in the same action`);
    }
    return this.base.entries<T>(prefix);
  }
}

/**
 * One action body's effects: sends, trace records, facts, script steps and staged store writes, each enqueued as
 * a named effect action the moment it is made. Build it inside `enqueueActions` and drop it when the body returns.
 *
 * @example
 * enqueueActions(({ context, enqueue }) => {
 *   const out = new Outbox(enqueue, context);
 *   out.node.set('qnext/T:0', 1);
 *   out.send('consumer-1', { type: 'registered', group: 'g', incarnation: 0 });
 * });
 */
export class Outbox {
  private nodeStore: StagedStore | undefined;
  private dbStore: StagedStore | undefined;
  /** The effects decided so far, in order. */
  readonly effects: Effect[] = [];
  private readonly enqueue: ((action: { type: 'effects'; params: readonly Effect[] }) => void) | undefined;

  /**
   * `enqueue`: an `enqueueActions` body's; the body's effects then leave as one `effects` action, enqueued at the
   * first effect (the rest join its list: it runs after the body returns). Undefined: only collect them (`decide`).
   */
  constructor(
    enqueue: unknown,
    private readonly context: EffectContext,
  ) {
    // XState types `enqueue` per machine; every model machine declares the effect actions, so this is one of them.
    this.enqueue = enqueue as Outbox['enqueue'];
  }

  /** Add an effect. */
  push(effect: Effect): void {
    if (this.effects.length === 0 && this.enqueue !== undefined) this.enqueue({ type: 'effects', params: this.effects });
    this.effects.push(effect);
  }

  /** The node's own store (a broker's), staged. */
  get node(): StagedStore {
    return (this.nodeStore ??= new StagedStore(storeOf(this.context, 'node'), 'node', this));
  }

  /** The shared database, staged. */
  get db(): StagedStore {
    return (this.dbStore ??= new StagedStore(storeOf(this.context, 'db'), 'db', this));
  }

  send(to: string, message: Message, order?: string, response?: boolean): void {
    this.push({ type: 'send', params: { to, message, order, response } });
  }

  record(kind: string, input?: TraceInput): void {
    this.push({ type: 'record', params: { kind, input } });
  }

  /** A claim: a fact no boundary shows (see model/history.ts for the few left); everything else is observed. */
  fact(fact: Fact): void {
    this.push({ type: 'fact', params: { fact } });
  }

  reply(order: string, ok: boolean, reason: string): void {
    this.push({ type: 'reply', params: { order, ok, reason } });
  }

  /** Call the user's machine of this instance's role. */
  call(key: string, call: RoleCall, memo?: unknown): void {
    this.push({ type: 'call', params: memo === undefined ? { key, call } : { key, call, memo } });
  }

  script(order: string, step: ScriptParams['step'], group?: string): void {
    this.push({ type: 'script', params: group === undefined ? { order, step } : { order, step, group } });
  }
}

/**
 * An action's effects as a pure function of its context and event, for an action that needs no built-in action
 * (no timer, no assign): use it as the dynamic params of a named action implemented by `EFFECT_ACTIONS.effects`, so
 * `transition()` returns the decided effects as that action's params, with no `enqueueActions` around them.
 *
 * @example
 * entry: { type: 'sendHalf', params: decide((context, _event, out) => out.send(context.broker, halfMessage(context))) }
 */
export function decide<C extends EffectContext, E>(body: (context: C, event: E, out: Outbox) => void): (args: { context: C; event: E }) => Effect[] {
  return ({ context, event }) => {
    const out = new Outbox(undefined, context);
    body(context, event, out);
    return out.effects;
  };
}
