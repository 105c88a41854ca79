// A consumer instance of a group. For the target-fund group it runs the secondary transaction: buy the target
// fund with the money-market fund, idempotently by transaction id (the group's shared database holds the
// idempotency record and the target ledger), failing as the order's script or its group's settings say; tag-matrix
// subscribers record what they receive (and may fail too). The instance re-checks its own subscription (RocketMQ's
// client-side filter: a message for a tag it did not subscribe is acked without reaching the listener), takes
// consumeMs per message, and answers each delivery with consumeAck success, or later with the listener's
// delayLevelWhenNextConsume (the send-back). A live instance never consumes one offset twice: a delivery sent again
// (because its answer was lost) gets the answer it had (ProcessQueue keeps an offset once; the pull offset only
// moves forward), so a lost send-back still counts. A listener running longer than consumeTimeout has its message
// sent back meanwhile (cleanExpireMsg). Like RocketMQ's client it owns its consumed offsets: on the offset persist
// task's ticks (10 s after the instance starts, then every persistOffsetIntervalMs) it sends an `offsetCommit`
// listing the acked offsets to the brokers it consumed from, and only then are they persisted, so a crash before
// the commit means redelivery after the restart. A commit is sent again each tick until the broker confirms it
// (`offsetCommitted`): RocketMQ re-sends its whole offset table every 5 s, so one lost update is repaired by the
// next; txsim stops once confirmed so an idle run goes quiet. Likewise the `register` of a (re)started instance is
// sent again every redeliverAfterMs until each broker confirms it (RocketMQ's client heartbeats every 30 s): a broker
// that missed it would never re-deliver what the crashed incarnation acked but did not commit.
// The client's lifecycle is the machine's states: `starting` (registering with every broker, the register re-sent
// until each confirms) -> `running`, and inside each the offset persist task: `quiet` (every acked offset confirmed:
// no tick scheduled, a txsim departure so an idle run goes quiet) -> `ticking` (a persist tick scheduled) -> at the
// tick the commits go out -> `quiet`, and on to `ticking` again while some offset is unconfirmed. The consumption
// of each delivery (ConsumeRequest, its consumeDone and consumeTimeout timers) is data, as RocketMQ's ProcessQueue
// is, handled in every state: a broker may deliver as soon as it has the register, before its confirmation arrives.
// There is no rebalance in the client: the broker allocates the queues (model/broker.ts) and delivers accordingly.
// Volatile: messages being consumed, answers given, acks not yet committed. Durable: the group database (shared, it
// does not crash with the instance). When a user's machine fills the target group's listener (env.calls), a
// delivery calls it (one actor per call, model/userCalls.ts) instead of arming consumeDone, and its `userAnswer`
// ends the consumption as consumeDone does; the consumeTimeout timer is armed for every such call (its length is
// the user's) and cancelled by the answer.
import { assertEvent, assign, enqueueActions, raise, setup } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { EFFECT_ACTIONS, Outbox, decide } from './effects.ts';
import type { GroupSpec, ModelEnv } from './env.ts';
import type { QueueOffset, Received, RoleCall } from './protocol.ts';
import { alreadyProcessed, buyTargetFund, investorOf } from './ledger.ts';
import { GrowingMap } from './growingMap.ts';
import { matchesTag, parseSubscription, type Subscription } from './subscription.ts';
import type { UserAnswerEvent } from './userCalls.ts';

export interface ConsumerInput {
  env: ModelEnv;
  group: GroupSpec;
  /** This instance's subscription expression. */
  subscription: string;
  db: DurableStore;
}

export interface ConsumerContext extends ConsumerInput {
  filter: Subscription;
  /** Deliveries being consumed, by delivery key; consumption ends with a consumeDone timer of the same key. */
  consuming: ReadonlyMap<string, Delivery>;
  serial: number;
  /** Acked offsets per broker not yet confirmed committed (lost in a crash); while any, a persist tick is scheduled. */
  uncommitted: ReadonlyMap<string, readonly QueueOffset[]>;
  /** Brokers that have not confirmed this incarnation's register yet. */
  unregistered: ReadonlySet<string>;
  /**
   * What this incarnation's listener answered, by delivery (broker, queue, offset): a live consumer never consumes
   * an offset twice (ProcessQueue.putMessage ignores an offset it holds; the pull offset only moves forward). A
   * delivery sent again (its answer was lost) gets the same answer again, so a lost send-back still counts.
   */
  handled: GrowingMap<string, ListenerResult>;
  /** When this incarnation started: the offset persist task ticks from here. */
  startedMs: number;
  /** Deliveries (consuming keys) whose consumeTimeout fired: the message was sent back while the listener runs. */
  timedOut: ReadonlySet<string>;
}

/** MQClientInstance.startScheduledTask: persistAllConsumerOffset first runs 10 s after the client starts. */
export const FIRST_OFFSET_PERSIST_MS = 10_000;

/**
 * The next tick of the client's offset persist task after now: 10 s after this incarnation started, then every
 * persistConsumerOffsetInterval (scheduleAtFixedRate). Only armed while some offset is unconfirmed, so idle runs go quiet.
 */
function nextOffsetTickMs(context: Pick<ConsumerContext, 'env' | 'startedMs'>): number {
  const now = context.env.host.now();
  const first = context.startedMs + FIRST_OFFSET_PERSIST_MS;
  if (now < first) return first;
  const interval = context.env.config.persistOffsetIntervalMs;
  return first + (Math.floor((now - first) / interval) + 1) * interval;
}

/** A delivery's identity in this incarnation. */
const deliveryKey = (d: { from: string; queue: string; offset: number }): string => `${d.from}|${d.queue}|${d.offset}`;

/** The listener's result: success, or later with its delayLevelWhenNextConsume (0: the broker decides; < 0: DLQ). */
type ListenerResult = { status: 'success' } | { status: 'later'; delayLevel: number };

/** What survives a crash of the instance: nothing of its own (the group database is shared, see ledger.ts). */
export type ConsumerDurable = never;

/** Volatile: what it is consuming, its acks not yet committed, and its registration progress (and its state). */
export type ConsumerVolatile = Omit<ConsumerContext, keyof ConsumerInput | 'filter'>;

/** A delivery being consumed: the deliver message as received. */
type Delivery = Omit<Received<'deliver'>, 'type'>;

export type ConsumerEvent =
  | Received<'deliver'>
  | { type: 'consumeDone'; key: string }
  | { type: 'consumeTimedOut'; key: string }
  | { type: 'commitOffsets' }
  | Received<'offsetCommitted'>
  | Received<'registered'>
  | { type: 'reregister' }
  | UserAnswerEvent;

/** Answer a delivery, and remember its offset for the next offset commit; returns the new uncommitted table. */
function ack(context: ConsumerContext, out: Outbox, d: Delivery, result: ListenerResult): ConsumerContext['uncommitted'] {
  const chosen = result.status === 'later' && result.delayLevel !== 0 ? { delayLevel: result.delayLevel } : {};
  out.send(d.from, { type: 'consumeAck', group: d.group, queue: d.queue, offset: d.offset, status: result.status, ...chosen }, d.order, true);
  const uncommitted = new Map(context.uncommitted);
  uncommitted.set(d.from, [...(context.uncommitted.get(d.from) ?? []), { queue: d.queue, offset: d.offset }]);
  return uncommitted;
}

/** The listener: the secondary transaction (target group) or a subscriber's record. Returns its result. */
function consume(context: ConsumerContext, out: Outbox, d: Delivery): ListenerResult {
  const { env, group } = context;
  const { config, script } = env;
  const db = out.db;
  const key = group.role === 'target' ? d.txId : `${group.group}:${d.txId}`;
  if (config.idempotentConsumer && alreadyProcessed(db, key)) {
    return { status: 'success' };
  }
  // An operator's re-drive comes after business intervention fixed the cause: the script no longer fails it.
  if (!d.redriven) {
    const attempt = script.peekListenerAttempt(d.order, group.group);
    out.script(d.order, 'consumerAttempt', group.role === 'target' ? undefined : group.group);
    if (attempt.fails) return { status: 'later', delayLevel: attempt.delayLevel };
  }
  if (group.role === 'target') {
    const amount = script.order(d.order)?.amount ?? 0;
    buyTargetFund(db, d.order, amount, config.idempotentConsumer ? key : null);
  } else if (config.idempotentConsumer) {
    db.set(`done/${key}`, true);
  }
  out.record('CONSUMED', { order: d.order, detail: d.group });
  return { status: 'success' };
}

/**
 * A consumeDone timer fired: run the listener on that delivery and answer it. Exported for the mutant that
 * doctors the context (properties/mutants/consumerNotIdempotent.ts); `enqueue` is the calling action's.
 */
export function finishConsuming(context: ConsumerContext, event: ConsumerEvent, enqueue: EnqueueLike): void {
  assertEvent(event, 'consumeDone');
  const d = context.consuming.get(event.key);
  if (d === undefined) return;
  const out = new Outbox(enqueue, context);
  endConsuming(context, event.key, d, consume(context, out, d), out, enqueue);
}

/** The listener of a delivery (consuming key `key`) returned `result`: answer it, or late after a consume timeout. */
function endConsuming(context: ConsumerContext, key: string, d: Delivery, result: ListenerResult, out: Outbox, enqueue: EnqueueLike): void {
  const consuming = new Map(context.consuming);
  consuming.delete(key);
  if (context.timedOut.has(key)) {
    // Sent back by the consume timeout already: the broker ignores this late answer, but the listener did run.
    const timedOut = new Set(context.timedOut);
    timedOut.delete(key);
    out.send(d.from, { type: 'consumeAck', group: d.group, queue: d.queue, offset: d.offset, status: result.status }, d.order, true);
    enqueue.assign({ consuming, timedOut });
    return;
  }
  enqueue.assign({ consuming, handled: context.handled.with(deliveryKey(d), result), uncommitted: ack(context, out, d, result) });
}

/** The user's listener answered a delivery (a `userAnswer`): as consumeDone with its result; the timeout is off. */
function finishListening(context: ConsumerContext, event: ConsumerEvent, enqueue: EnqueueLike & { cancel(id: string): void }): void {
  assertEvent(event, 'userAnswer');
  const d = context.consuming.get(event.key);
  if (d === undefined || event.answer.type !== 'consumeAck') return;
  enqueue.cancel(`timeout:${event.key}`);
  const { status, delayLevel } = event.answer;
  const result: ListenerResult = status === 'success' ? { status } : { status, delayLevel: delayLevel ?? 0 };
  endConsuming(context, event.key, d, result, new Outbox(enqueue, context), enqueue);
}

/** The call a delivery makes to the user's listener: MessageListener.consumeMessage for this stored copy. */
function deliverCall(context: ConsumerContext, d: Delivery): RoleCall<'deliver'> {
  const amount = context.env.script.order(d.order)?.amount ?? 0;
  // The stored copy's id: broker, queue and offset (a send-back or a second commit is a new copy with a new id).
  const msgId = `${d.from}:${d.queue}:${d.offset}`;
  return { type: 'deliver', txId: d.txId, msgId, order: d.order, investor: investorOf(d.order), amount, tag: d.tag, reconsumeTimes: d.reconsumeTimes };
}

/**
 * consumeTimeout passed while the listener still runs (ConsumeMessageConcurrentlyService.cleanExpireMsg): the
 * message is sent back with delay level 3 and leaves the process queue; the listener goes on (apache/rocketmq#1600).
 */
function timeOutConsuming(context: ConsumerContext, event: ConsumerEvent, enqueue: EnqueueLike): void {
  assertEvent(event, 'consumeTimedOut');
  const d = context.consuming.get(event.key);
  if (d === undefined) return;
  const out = new Outbox(enqueue, context);
  const result: ListenerResult = { status: 'later', delayLevel: 3 };
  enqueue.assign({
    timedOut: new Set(context.timedOut).add(event.key),
    handled: context.handled.with(deliveryKey(d), result),
    uncommitted: ack(context, out, d, result),
  });
}

/** The part of XState's `enqueue` finishConsuming uses. */
interface EnqueueLike {
  assign(values: Partial<ConsumerContext>): void;
}

/** A register to every broker that has not confirmed this incarnation's. */
function registration(context: ConsumerContext, _event: unknown, out: Outbox): void {
  const { host } = context.env;
  for (const broker of context.unregistered) out.send(broker, { type: 'register', group: context.group.group, incarnation: host.incarnation });
}

/** Each broker's acked offsets, kept until confirmed: the next round sends them again if a commit was lost. */
export function offsetCommits(context: ConsumerContext, _event: unknown, out: Outbox): void {
  for (const [broker, offsets] of context.uncommitted) out.send(broker, { type: 'offsetCommit', group: context.group.group, offsets: [...offsets] });
}

/**
 * The offset persist task inside `starting` or `running` (MQClientInstance.persistAllConsumerOffset on its scheduled
 * executor): `quiet` until an acked offset is unconfirmed, then `ticking` until the tick sends the commits. In
 * `starting`, the last broker's confirmation moves the client to `running`, keeping where the task is (the diagram
 * draws it once, `starting --> running`).
 */
function offsetPersistTask(phase: 'starting' | 'running') {
  const confirm = (task: 'quiet' | 'ticking') =>
    phase === 'starting'
      ? ({ registered: { guard: 'lastBrokerConfirms', target: `#consumer.running.${task}`, actions: 'confirmRegister' } } as const)
      : {};
  return {
    initial: 'quiet',
    states: {
      quiet: {
        always: { guard: 'offsetsUnconfirmed', target: 'ticking', actions: 'armCommit' },
        on: confirm('quiet'),
      },
      ticking: {
        on: { commitOffsets: { target: 'quiet', actions: { type: 'commitOffsets', params: decide(offsetCommits) } }, ...confirm('ticking') },
      },
    },
  } as const;
}

export const consumerMachine = setup({
  types: {
    input: {} as ConsumerInput,
    context: {} as ConsumerContext,
    events: {} as ConsumerEvent,
  },
  guards: {
    /** This `registered` confirms the last broker still unconfirmed (for this incarnation): the client is running. */
    lastBrokerConfirms: ({ context, event }) =>
      event.type === 'registered' && event.incarnation === context.env.host.incarnation && context.unregistered.size === 1 && context.unregistered.has(event.from),
    /** Some acked offset is not confirmed committed yet: the offset persist task needs its next tick. */
    offsetsUnconfirmed: ({ context }) => context.uncommitted.size > 0,
  },
  actions: {
    ...EFFECT_ACTIONS,
    // Effects only, decided as params in the config below.
    register: EFFECT_ACTIONS.effects,
    commitOffsets: EFFECT_ACTIONS.effects,
    armReregister: enqueueActions(({ context, enqueue }) => {
      if (context.unregistered.size > 0) enqueue.raise({ type: 'reregister' }, { delay: context.env.config.redeliverAfterMs, id: 'reregister' });
    }),
    confirmRegister: assign({
      unregistered: ({ context, event }) => {
        // A reply to the crashed incarnation's register does not count: that broker may not have seen this one's.
        if (event.type !== 'registered' || event.incarnation !== context.env.host.incarnation || !context.unregistered.has(event.from)) return context.unregistered;
        const unregistered = new Set(context.unregistered);
        unregistered.delete(event.from);
        return unregistered;
      },
    }),
    receive: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'deliver');
      const { env } = context;
      const d: Delivery = event;
      const out = new Outbox(enqueue, context);
      const id = deliveryKey(d);
      const answered = context.handled.get(id);
      if (answered !== undefined) {
        enqueue.assign({ uncommitted: ack(context, out, d, answered) });
        return;
      }
      for (const busy of context.consuming.values()) if (deliveryKey(busy) === id) return;
      if (!matchesTag(context.filter, d.tag) && !d.queue.startsWith('R:')) {
        const success: ListenerResult = { status: 'success' };
        enqueue.assign({ handled: context.handled.with(id, success), uncommitted: ack(context, out, d, success) });
        return;
      }
      const key = `consume:${context.serial}`;
      const consuming = new Map(context.consuming);
      consuming.set(key, d);
      enqueue.assign({ consuming, serial: context.serial + 1 });
      if (env.calls !== undefined) {
        out.call(key, deliverCall(context, d));
        enqueue.raise({ type: 'consumeTimedOut', key }, { delay: env.config.consumeTimeoutMs, id: `timeout:${key}` });
        return;
      }
      enqueue.raise({ type: 'consumeDone', key }, { delay: env.config.consumeMs, id: key });
      // ConsumeMessageConcurrentlyService.cleanExpireMsg: a message consumed longer than consumeTimeout is sent back.
      if (env.config.consumeMs > env.config.consumeTimeoutMs) {
        enqueue.raise({ type: 'consumeTimedOut', key }, { delay: env.config.consumeTimeoutMs, id: `timeout:${key}` });
      }
    }),
    finish: enqueueActions(({ context, event, enqueue }) => finishConsuming(context, event, enqueue)),
    listened: enqueueActions(({ context, event, enqueue }) => finishListening(context, event, enqueue)),
    timeOut: enqueueActions(({ context, event, enqueue }) => timeOutConsuming(context, event, enqueue)),
    /** The offset persist task's next tick (the scheduled executor's next run after now). */
    armCommit: raise({ type: 'commitOffsets' }, { delay: ({ context }) => nextOffsetTickMs(context) - context.env.host.now(), id: 'commitOffsets' }),
    confirmCommit: assign({
      uncommitted: ({ context, event }) => {
        assertEvent(event, 'offsetCommitted');
        const pending = context.uncommitted.get(event.from);
        if (pending === undefined) return context.uncommitted;
        const left = pending.filter((o) => !event.offsets.some((c) => c.queue === o.queue && c.offset === o.offset));
        const uncommitted = new Map(context.uncommitted);
        if (left.length === 0) uncommitted.delete(event.from);
        else uncommitted.set(event.from, left);
        return uncommitted;
      },
    }),
  },
}).createMachine({
  id: 'consumer',
  // Fields listed, not spread: a literal of one shape is much cheaper than copying the input (every boot).
  context: ({ input }) => ({
    env: input.env,
    group: input.group,
    subscription: input.subscription,
    db: input.db,
    filter: parseSubscription(input.subscription),
    consuming: new Map(),
    serial: 0,
    uncommitted: new Map(),
    unregistered: new Set(input.env.topology.brokers),
    handled: GrowingMap.empty(),
    startedMs: input.env.host.now(),
    timedOut: new Set(),
  }),
  initial: 'starting',
  states: {
    // DefaultMQPushConsumerImpl.start: the register (standing in for the heartbeat) to every broker, re-sent until each
    // confirms. A reregister timer still pending when the last confirms fires in `running` and does nothing.
    starting: {
      entry: [{ type: 'register', params: decide(registration) }, 'armReregister'],
      on: {
        reregister: { actions: [{ type: 'register', params: decide(registration) }, 'armReregister'] },
        // Not the last broker (or a reply to an older incarnation): noted, still starting.
        registered: { actions: 'confirmRegister' },
      },
      ...offsetPersistTask('starting'),
    },
    running: offsetPersistTask('running'),
  },
  // What the client does in every state: consume what the brokers deliver, and note their confirmations.
  on: {
    deliver: { actions: 'receive' },
    consumeDone: { actions: 'finish' },
    userAnswer: { actions: 'listened' },
    consumeTimedOut: { actions: 'timeOut' },
    offsetCommitted: { actions: 'confirmCommit' },
  },
});
