// A broker: the business topic's queues, each consumer group's offsets, the retry path (delay levels through
// SCHEDULE_TOPIC into %RETRY%<group>, never tag-filtered), the per-group DLQ with its alert, and, as a child
// actor, the transaction center for the half messages sent to it (a commit is a local append, not a hop).
//
// Delivery is modelled as a push of each message to the instance that owns its queue (queue q of the topic to
// live instance q mod n of the group; the group's single retry queue to its first live instance), one `deliver` per
// message, answered by a `consumeAck` (success, or later = CONSUMER_SEND_MSG_BACK). An unanswered delivery is
// sent again after redeliverAfterMs (the pull timeout). A `rebalance` (a consumer's channel closed or expired, see
// model/producerChannels.ts, or an instance registered) moves queues to the live instances, which consume them
// from the last persisted offset. As in RocketMQ the consumer owns its consumed offsets and
// persists them every persistOffsetIntervalMs (`offsetCommit`); only then does the broker store them. So a
// consumer that crashes before its commit, or a broker that restarts, re-delivers everything after the last
// persisted offset: RocketMQ's at-least-once.
// Durable (broker store): queue messages, next offsets, persisted consumer offsets, scheduled retries, DLQ.
// Volatile: delivery pointers, in-flight and acknowledged sets, queue owners (a staged table: an action body's edits
// leave as data and are applied in the macrostep, model/deliveryDraft.ts), timers.
import { assertEvent, enqueueActions, setup, type AnyEventObject } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { EFFECT_ACTIONS, Outbox, type KeyValue } from './effects.ts';
import type { ModelEnv, GroupSpec } from './env.ts';
import type { HalfEntry, ScheduledRetry, StoredMessage } from './halfMessage.ts';
import { matchesTag, parseSubscription, type Subscription } from './subscription.ts';
import type { Received } from './protocol.ts';
import { transactionCenterMachine, type AppendCommitted, type CHECK_ROUND_TIMER, type TransactionCenterEvent } from './transactionCenter.ts';
import { delayOfLevelMs, nextRetry, retryDelayMs } from './retrySchedule.ts';
import { DeliveryDraft, DeliveryTable, type DeliveryEdits, type DraftCursor } from './deliveryDraft.ts';
import { numberedKeys } from './numberedKeys.ts';

export { retryDelayMs };

export interface BrokerInput {
  env: ModelEnv;
  store: DurableStore;
}

export interface BrokerContext extends BrokerInput {
  /**
   * Per group and queue, the delivery cursor (rebuilt from the store on restart) and the owner decided at the last
   * rebalance (a restarted broker allocates afresh). Changed only by `applyDeliveryEdits`, never while resolving.
   */
  delivery: DeliveryTable;
  /** The subscription the broker applies for each group: the last instance's (the latest heartbeat wins). */
  groupFilters: ReadonlyMap<string, Subscription>;
}

/** What a broker action body works with: its context, its effects and staged store, and its edits of the cursors. */
interface Step {
  readonly context: BrokerContext;
  readonly out: Outbox;
  readonly draft: DeliveryDraft;
  /** Redelivery timers (re)armed by the body's deliveries. */
  readonly timers: RedeliveryTimer[];
}

/** A step for an action body; `finish` leaves its cursor edits as data and arms its redelivery timers. */
export function stepOf(context: BrokerContext, enqueue: unknown): Step {
  return { context, out: new Outbox(enqueue, context), draft: new DeliveryDraft(context.delivery), timers: [] };
}

type BrokerEnqueue = Parameters<typeof arm>[0] & ((action: { type: 'applyDeliveryEdits'; params: DeliveryEdits }) => void);

/** The body's end: its cursor and owner edits enqueued (`applyDeliveryEdits`), its redelivery timers (re)armed. */
export function finish(step: Step, enqueue: BrokerEnqueue): void {
  const edits = step.draft.edits();
  if (edits !== undefined) enqueue({ type: 'applyDeliveryEdits', params: edits });
  arm(enqueue, step.timers, step.context.env.config.redeliverAfterMs);
}

export type BrokerEvent =
  | AppendCommitted
  | Received<'register' | 'consumeAck' | 'redrive' | 'offsetCommit'>
  | { type: 'redeliver'; group: string; queue: string; offset: number }
  | { type: 'retryDue'; id: number }
  | { type: 'rebalance'; group: string }
  | Exclude<TransactionCenterEvent, { type: typeof CHECK_ROUND_TIMER }>;

/**
 * What survives a broker crash (its store, besides the transaction center's tc/ keys): each queue's messages
 * and next offset, each group's persisted consumer offsets, the scheduled retries (SCHEDULE_TOPIC) and their
 * counter, each group's DLQ and its counter. Under async flush the writes of the last flush interval may be lost.
 */
export type BrokerDurableKey =
  | `m/${string}/${number}`
  | `qnext/${string}`
  | `off/${string}/${string}`
  | 'sched/next'
  | `sched/r/${number}`
  | `dlqnext/${string}`
  | `dlq/${string}/${number}`;

/** Volatile: delivery cursors (in flight, acked, committed per group and queue) and the groups' filters; timers. */
export type BrokerVolatile = Omit<BrokerContext, keyof BrokerInput>;

// Queue names key the broker's maps and store keys on every delivery: one string per name, built once, so V8
// hashes each once instead of a fresh string per call (same text).
const topicQueues: string[] = [];
const retryQueues = new Map<string, string>();
export const topicQueue = (q: number): string => (topicQueues[q] ??= `T:${q}`);
export function retryQueue(group: string): string {
  let name = retryQueues.get(group);
  if (name === undefined) retryQueues.set(group, (name = `R:${group}`));
  return name;
}

// Store keys are read and written several times per delivery: the hot ones are built once and reused (see
// numberedKeys.ts for why; same text, so traces and facts are unchanged).
const messageKeys = new Map<string, (offset: number) => BrokerDurableKey>();
const nextKeys = new Map<string, BrokerDurableKey>();
const offsetKeys = new Map<string, Map<string, BrokerDurableKey>>();

function messageKey(queue: string, offset: number): BrokerDurableKey {
  let keys = messageKeys.get(queue);
  if (keys === undefined) messageKeys.set(queue, (keys = numberedKeys<BrokerDurableKey>(`m/${queue}/`)));
  return keys(offset);
}

function nextKey(queue: string): BrokerDurableKey {
  let key = nextKeys.get(queue);
  if (key === undefined) nextKeys.set(queue, (key = `qnext/${queue}`));
  return key;
}

function offsetKey(group: string, queue: string): BrokerDurableKey {
  let keys = offsetKeys.get(group);
  if (keys === undefined) offsetKeys.set(group, (keys = new Map()));
  let key = keys.get(queue);
  if (key === undefined) keys.set(queue, (key = `off/${group}/${queue}`));
  return key;
}

const K = {
  message: messageKey,
  next: nextKey,
  offset: offsetKey,
  schedNext: 'sched/next',
  schedPrefix: 'sched/r/',
  dlqNext: (group: string): BrokerDurableKey => `dlqnext/${group}`,
  dlq: (group: string, n: number): BrokerDurableKey => `dlq/${group}/${n}`,
  dlqPrefix: (group: string) => `dlq/${group}/`,
} as const;

const schedKey = (id: number): BrokerDurableKey => `sched/r/${id}`;

const redeliverIds = new Map<string, Map<string, (offset: number) => string>>();

/** The id of a delivery's redelivery timer: armed per delivery, cancelled per ack (one string each, reused). */
function redeliverId(group: string, queue: string, offset: number): string {
  let byQueue = redeliverIds.get(group);
  if (byQueue === undefined) redeliverIds.set(group, (byQueue = new Map()));
  let ids = byQueue.get(queue);
  if (ids === undefined) byQueue.set(queue, (ids = numberedKeys(`redeliver:${group}:${queue}:`)));
  return ids(offset);
}

/** What the delivery path reads and writes: an action body's staged view of the broker's store. */
type Store = KeyValue;

function groupQueues(env: Pick<ModelEnv, 'config'>, group: string): string[] {
  const queues: string[] = [];
  for (let q = 0; q < env.config.queuesPerTopic; q++) queues.push(topicQueue(q));
  queues.push(retryQueue(group));
  return queues;
}

/** The instance a queue is allocated to among `instances`: queue q to instance q mod n, the retry queue to the first. */
function allocate(instances: readonly string[], queue: string): string {
  if (queue.startsWith('R:')) return instances[0] as string;
  const q = Number(queue.slice(2));
  return instances[q % instances.length] as string;
}

/** The group's instances with a registered channel now (ConsumerManager); all of them without a registry. */
function registeredInstances(env: ModelEnv, spec: GroupSpec): readonly string[] {
  return env.consumerChannels?.live(spec.instances, env.host.now()) ?? spec.instances;
}

/** The instances queues are allocated over: the registered ones, or all of them when none is (txsim's fallback). */
function liveInstances(env: ModelEnv, spec: GroupSpec): readonly string[] {
  const live = registeredInstances(env, spec);
  return live.length > 0 ? live : spec.instances;
}

/** Who consumes a queue: the owner decided at the last rebalance (or, before any, the allocation over live instances). */
function ownerOf(step: Step, spec: GroupSpec, queue: string): string {
  let owner = step.draft.owner(spec.group, queue);
  if (owner === undefined) {
    owner = allocate(liveInstances(step.context.env, spec), queue);
    step.draft.setOwner(spec.group, queue, owner);
  }
  return owner;
}

/**
 * Rebalance a group (RebalanceImpl, on a group change: a channel closed or expired, or an instance registered):
 * allocate its queues, the retry queue included, over the live instances; a queue that moves is consumed by its new
 * owner from the last persisted offset (what the old owner consumed but had not committed comes again). Offsets a
 * live old owner acknowledged are persisted first, as removeUnnecessaryMessageQueue does. Returns the moved queues.
 */
function rebalanceGroup(step: Step, spec: GroupSpec): Set<string> {
  const { context, out, draft } = step;
  const moved = new Set<string>();
  const registered = registeredInstances(context.env, spec);
  const live = registered.length > 0 ? registered : spec.instances;
  for (const queue of groupQueues(context.env, spec.group)) {
    const before = ownerOf(step, spec, queue);
    const after = allocate(live, queue);
    if (after === before) continue;
    draft.setOwner(spec.group, queue, after);
    moved.add(queue);
    out.record('REBALANCE', { detail: `${spec.group} ${queue}: ${before} -> ${after}` });
    if (draft.cursor(spec.group, queue) !== undefined) {
      const cursor = draft.edit(spec.group, queue, 0);
      // A registered owner gives its queue up and persists what it acked (removeUnnecessaryMessageQueue); a crashed
      // one persisted nothing, even when no instance is registered and the allocation falls back to all of them.
      if (registered.includes(before)) for (const offset of cursor.acked) cursor.writeCommitted().add(offset);
      cursor.clearInflight();
      cursor.clearAcked();
      persistCommitted(out.node, spec.group, queue, cursor);
      cursor.next = out.node.get<number>(K.offset(spec.group, queue)) ?? 0;
    }
    dispatch(step, spec, queue);
  }
  return moved;
}

/** Append a message to a queue (business topic or retry) of the broker's store; returns its offset. */
export function appendMessage(store: KeyValue, queue: string, message: StoredMessage): number {
  const offset = store.get<number>(K.next(queue)) ?? 0;
  store.set(K.message(queue, offset), message);
  store.set(K.next(queue), offset + 1);
  return offset;
}

/**
 * Whether the broker has open delivery work: messages some group has not consumed (next offset past the persisted
 * one), or retries still scheduled. Stops at the first sign of work (the world asks after every quiet step).
 */
export function hasBacklog(store: DurableStore, env: Pick<ModelEnv, 'config' | 'topology'>): boolean {
  for (const { next, persisted } of backlogKeys(env)) {
    if ((store.get<number>(next) ?? 0) > (store.get<number>(persisted) ?? 0)) return true;
  }
  return store.countWithPrefix(K.schedPrefix) > 0;
}

/**
 * The broker's open delivery work in words, for "did not settle" (`backlog T:2 for target-fund: 3 messages`,
 * `2 retries scheduled`); empty exactly when hasBacklog is false.
 */
export function backlogReasons(store: DurableStore, env: Pick<ModelEnv, 'config' | 'topology'>): string[] {
  const reasons: string[] = [];
  for (const { next, persisted, group, queue } of backlogKeys(env)) {
    const open = (store.get<number>(next) ?? 0) - (store.get<number>(persisted) ?? 0);
    if (open > 0) reasons.push(`backlog ${queue} for ${group}: ${open} message${open === 1 ? '' : 's'}`);
  }
  const retries = store.entries(K.schedPrefix).length;
  if (retries > 0) reasons.push(`${retries} retr${retries === 1 ? 'y' : 'ies'} scheduled`);
  return reasons;
}

interface BacklogKey {
  next: string;
  persisted: string;
  group: string;
  queue: string;
}

const backlogKeyCache = new WeakMap<object, readonly BacklogKey[]>();
/** The same lists by what they depend on (queues per topic, group names): most runs share a handful of them. */
const backlogKeysByShape = new Map<string, readonly BacklogKey[]>();

/** Each group's queues as store keys (next offset, persisted offset), looked up once per run (a run has one topology). */
function backlogKeys(env: Pick<ModelEnv, 'config' | 'topology'>): readonly BacklogKey[] {
  let keys = backlogKeyCache.get(env.topology);
  if (keys === undefined) {
    const shape = `${env.config.queuesPerTopic}|${env.topology.groups.map((spec) => spec.group).join('|')}`;
    keys = backlogKeysByShape.get(shape);
    if (keys === undefined) {
      keys = env.topology.groups.flatMap((spec) =>
        groupQueues(env, spec.group).map((queue) => ({ next: K.next(queue), persisted: K.offset(spec.group, queue), group: spec.group, queue })),
      );
      backlogKeysByShape.set(shape, keys);
    }
    backlogKeyCache.set(env.topology, keys);
  }
  return keys;
}

/** The message stored at `offset` of a queue (business topic or retry), if any. */
export function storedMessage(store: DurableStore, queue: string, offset: number): StoredMessage | undefined {
  return store.get<StoredMessage>(K.message(queue, offset));
}

/** Dead letters of a group, in arrival order. */
export function deadLetters(store: DurableStore, group: string): StoredMessage[] {
  return store.entries<StoredMessage>(K.dlqPrefix(group)).map(([, m]) => m);
}

/**
 * A group's cursor on a queue to change, made on first use from the persisted offset. Lazily: most queues of most
 * groups never see a message in a run, and a broker boots (and restarts) with a cursor for every pair otherwise.
 * Nothing but this cursor moves the persisted offset, so reading it now gives what reading it at boot would.
 */
function editCursor(step: Step, group: string, queue: string): DraftCursor {
  const { draft, out } = step;
  return draft.edit(group, queue, draft.cursor(group, queue) === undefined ? (out.node.get<number>(K.offset(group, queue)) ?? 0) : 0);
}

function initialFilters(env: ModelEnv): Map<string, Subscription> {
  const filters = new Map<string, Subscription>();
  for (const spec of env.topology.groups) {
    filters.set(spec.group, parseSubscription(spec.subscriptions[spec.subscriptions.length - 1] ?? '*'));
  }
  return filters;
}

/** A (re)armed redelivery timer: the action that called dispatch enqueues it as a delayed raise with this id. */
export interface RedeliveryTimer {
  readonly id: string;
  readonly event: { type: 'redeliver'; group: string; queue: string; offset: number };
}

/**
 * Deliver everything deliverable on one group's queue: each message from the cursor on goes to the queue's
 * owner, or is skipped when the broker-side tag filter rejects it (business topic only; retries are unfiltered).
 */
export function dispatch(step: Step, spec: GroupSpec, queue: string): void {
  const { context, out } = step;
  const { env } = context;
  const store = out.node;
  const end = store.get<number>(K.next(queue)) ?? 0;
  const existing = step.draft.cursor(spec.group, queue);
  // Nothing new and nothing committed to persist: the cursor is not copied (the common case: another group's queue).
  if (existing !== undefined && existing.next >= end && existing.committed.size === 0) return;
  const persisted = store.get<number>(K.offset(spec.group, queue)) ?? 0;
  // No cursor yet and nothing past the persisted offset: nothing to deliver, nothing to persist.
  if (existing === undefined ? end <= persisted : existing.next >= end && !existing.committed.has(persisted)) return;
  const cursor = step.draft.edit(spec.group, queue, persisted);
  const filter = context.groupFilters.get(spec.group) as Subscription;
  const isRetry = queue.startsWith('R:');
  for (; cursor.next < end; cursor.next++) {
    const offset = cursor.next;
    const message = store.get<StoredMessage>(K.message(queue, offset));
    if (cursor.committed.has(offset) || cursor.acked.has(offset)) continue;
    if (message === undefined) {
      cursor.writeCommitted().add(offset);
      continue;
    }
    if (!isRetry && !matchesTag(filter, message.tag)) {
      cursor.writeCommitted().add(offset);
      out.fact({ t: env.host.now(), kind: 'filtered', order: message.order, node: env.host.name, group: spec.group, tag: message.tag });
      continue;
    }
    sendDelivery(step, spec, queue, offset, message);
  }
  // What the broker skipped by itself (its tag filter, lost writes) needs no consumer's commit.
  if (cursor.committed.size > 0) persistCommitted(store, spec.group, queue, cursor);
}

function sendDelivery(step: Step, spec: GroupSpec, queue: string, offset: number, message: StoredMessage): void {
  editCursor(step, spec.group, queue).writeInflight().add(offset);
  step.out.send(
    ownerOf(step, spec, queue),
    { type: 'deliver', group: spec.group, queue, offset, txId: message.txId, tag: message.tag, reconsumeTimes: message.reconsumeTimes, redriven: message.redriven },
    message.order,
  );
  step.timers.push({ id: redeliverId(spec.group, queue, offset), event: { type: 'redeliver', group: spec.group, queue, offset } });
}

function groupSpec(env: ModelEnv, group: string): GroupSpec | undefined {
  return env.topology.groups.find((g) => g.group === group);
}

/** Move the persisted offset over the committed prefix and store it. */
function persistCommitted(store: Store, group: string, queue: string, cursor: DraftCursor): void {
  const start = store.get<number>(K.offset(group, queue)) ?? 0;
  let persisted = start;
  while (cursor.committed.has(persisted)) {
    cursor.writeCommitted().delete(persisted);
    persisted++;
  }
  if (persisted !== start) store.set(K.offset(group, queue), persisted);
}

/** Re-arm each redelivery timer: cancel a pending one with the same id, then schedule it anew. */
export function arm(
  enqueue: { cancel(id: string): void; raise(event: RedeliveryTimer['event'], options: { delay: number; id: string }): void },
  timers: readonly RedeliveryTimer[],
  delay: number,
): void {
  for (const timer of timers) {
    enqueue.cancel(timer.id);
    enqueue.raise(timer.event, { delay, id: timer.id });
  }
}

/** Move an exhausted message to the group's DLQ (%DLQ%group), raise the alert and tell the operator. */
function deadLetter(context: BrokerContext, out: Outbox, group: string, message: StoredMessage): void {
  const { topology } = context.env;
  const store = out.node;
  const n = store.get<number>(K.dlqNext(group)) ?? 0;
  store.set(K.dlq(group, n), message);
  store.set(K.dlqNext(group), n + 1);
  out.record('DLQ', { order: message.order, detail: `%DLQ%${group}`, value: message.reconsumeTimes });
  out.send(topology.operator, { type: 'alert', alert: 'dlq', group }, message.order);
}

/** Schedule a failed message's retry in SCHEDULE_TOPIC at its delay level; returns the retry's id. */
function scheduleRetry(context: BrokerContext, out: Outbox, group: string, message: StoredMessage, delayMs: number): number {
  const { host } = context.env;
  const store = out.node;
  const now = host.now();
  const id = store.get<number>(K.schedNext) ?? 0;
  store.set(K.schedNext, id + 1);
  const retry: ScheduledRetry = { id, dueMs: now + delayMs, group, message: { ...message, reconsumeTimes: message.reconsumeTimes + 1 } };
  store.set(schedKey(id), retry);
  return id;
}

/**
 * A consumer's offset commit: its acknowledged offsets become committed and the committed prefix is persisted;
 * the listed offsets that are now committed or persisted are confirmed, so the consumer stops re-sending them (one
 * whose ack has not arrived yet, delayed or lost, stays unconfirmed and its message is delivered again).
 */
function commitOffsets(step: Step, event: Received<'offsetCommit'>): void {
  const { context, out, draft } = step;
  const spec = groupSpec(context.env, event.group);
  if (spec === undefined) return;
  const store = out.node;
  for (const queue of draft.queuesOf(event.group)) {
    if (ownerOf(step, spec, queue) !== event.from) continue;
    const current = draft.cursor(event.group, queue);
    // Nothing acknowledged and nothing committed at the persisted offset: this queue has nothing to persist.
    if (current === undefined || (current.acked.size === 0 && !current.committed.has(store.get<number>(K.offset(event.group, queue)) ?? 0))) continue;
    const cursor = draft.edit(event.group, queue, 0);
    for (const offset of cursor.acked) cursor.writeCommitted().add(offset);
    cursor.clearAcked();
    persistCommitted(store, event.group, queue, cursor);
  }
  const queues = groupQueues(context.env, event.group);
  const confirmed = event.offsets.filter(({ queue, offset }) => {
    if (!queues.includes(queue)) return false;
    return draft.cursor(event.group, queue)?.committed.has(offset) === true || offset < (store.get<number>(K.offset(event.group, queue)) ?? 0);
  });
  if (confirmed.length > 0) out.send(event.from, { type: 'offsetCommitted', group: event.group, offsets: confirmed }, undefined, true);
}

/** A body's cursor and owner edits (data in `transition()`), applied to the table in the macrostep. */
function applyDeliveryEdits(args: { context: { readonly delivery: DeliveryTable } }, params: DeliveryEdits): void {
  args.context.delivery.apply(params);
}

export const brokerMachine = setup({
  types: {
    input: {} as BrokerInput,
    context: {} as BrokerContext,
    events: {} as BrokerEvent,
  },
  actors: { transactionCenter: transactionCenterMachine },
  guards: {
    /**
     * A failed message goes to its group's DLQ instead of another retry (broker send-back): reconsumeTimes >= the
     * group's maxReconsumeTimes, or a negative delay level chosen by the listener.
     */
    retriesExhausted: ({ context }, params: { reconsumeTimes: number; group: string; delayLevel: number }) =>
      nextRetry(context.env.config, params.group, params.reconsumeTimes, params.delayLevel).dlq,
  },
  actions: {
    ...EFFECT_ACTIONS,
    boot: enqueueActions(({ context, enqueue }) => {
      const { env, store } = context;
      const now = env.host.now();
      for (const [, retry] of store.entries<ScheduledRetry>(K.schedPrefix)) {
        enqueue.raise({ type: 'retryDue', id: retry.id }, { delay: Math.max(0, retry.dueMs - now), id: `retry:${retry.id}` });
      }
      const step = stepOf(context, enqueue);
      for (const spec of env.topology.groups) for (const queue of groupQueues(env, spec.group)) dispatch(step, spec, queue);
      finish(step, enqueue);
    }),
    forwardToTransactionCenter: enqueueActions(({ event, enqueue }) => {
      enqueue.sendTo('tc', event as AnyEventObject);
    }),
    appendCommitted: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'appendCommitted');
      const entry: HalfEntry = event.entry;
      const { env } = context;
      const step = stepOf(context, enqueue);
      const queue = topicQueue(entry.queue % env.config.queuesPerTopic);
      const offset = appendMessage(step.out.node, queue, { txId: entry.txId, order: entry.order, tag: entry.tag, bornMs: entry.bornMs, reconsumeTimes: 0, redriven: false });
      step.out.record('COMMITTED', { order: entry.order, detail: `${queue} tag=${entry.tag || '-'}`, value: offset });
      for (const spec of env.topology.groups) dispatch(step, spec, queue);
      finish(step, enqueue);
    }),
    register: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'register');
      const { env } = context;
      const spec = groupSpec(env, event.group);
      if (spec === undefined) return;
      const step = stepOf(context, enqueue);
      // A (re)started instance joins the group (a rebalance), and pulls its queues again from the last persisted offsets.
      const moved = rebalanceGroup(step, spec);
      for (const queue of groupQueues(env, spec.group)) {
        if (moved.has(queue) || ownerOf(step, spec, queue) !== event.from) continue;
        if (step.draft.cursor(spec.group, queue) !== undefined) {
          const cursor = step.draft.edit(spec.group, queue, 0);
          cursor.clearInflight();
          cursor.clearAcked();
          cursor.next = step.out.node.get<number>(K.offset(spec.group, queue)) ?? 0;
        }
        dispatch(step, spec, queue);
      }
      finish(step, enqueue);
      step.out.send(event.from, { type: 'registered', group: spec.group, incarnation: event.incarnation ?? 0 }, undefined, true);
    }),
    consumeAck: enqueueActions(({ context, event, enqueue, check }) => {
      assertEvent(event, 'consumeAck');
      const current = context.delivery.cursor(event.group, event.queue);
      if (current === undefined || !current.inflight.has(event.offset)) return;
      const step = stepOf(context, enqueue);
      const cursor = step.draft.edit(event.group, event.queue, 0);
      cursor.writeInflight().delete(event.offset);
      cursor.writeAcked().add(event.offset);
      finish(step, enqueue);
      enqueue.cancel(redeliverId(event.group, event.queue, event.offset));
      if (event.status === 'success') return;
      const message = context.store.get<StoredMessage>(K.message(event.queue, event.offset));
      if (message === undefined) return;
      // A named guard (not an inline test) so a mutant can `.provide()` a broken threshold; enqueueActions' `check`
      // is not typed with setup's guard names, hence the cast.
      const delayLevel = event.delayLevel ?? 0;
      const exhausted = (check as unknown as (guard: { type: 'retriesExhausted'; params: { reconsumeTimes: number; group: string; delayLevel: number } }) => boolean)({
        type: 'retriesExhausted',
        params: { reconsumeTimes: message.reconsumeTimes, group: event.group, delayLevel },
      });
      const out = step.out;
      if (exhausted) return deadLetter(context, out, event.group, message);
      // The listener's delayLevelWhenNextConsume when it chose one, else 3 + reconsumeTimes (clamped to the table).
      const { config } = context.env;
      const delayMs = delayLevel > 0 ? delayOfLevelMs(config, delayLevel) : retryDelayMs(config, message.reconsumeTimes);
      const id = scheduleRetry(context, out, event.group, message, delayMs);
      enqueue.raise({ type: 'retryDue', id }, { delay: delayMs, id: `retry:${id}` });
    }),
    redeliver: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'redeliver');
      const spec = groupSpec(context.env, event.group);
      const cursor = context.delivery.cursor(event.group, event.queue);
      if (spec === undefined || cursor === undefined || !cursor.inflight.has(event.offset)) return;
      const message = context.store.get<StoredMessage>(K.message(event.queue, event.offset));
      if (message === undefined) return;
      const step = stepOf(context, enqueue);
      sendDelivery(step, spec, event.queue, event.offset, message);
      finish(step, enqueue);
    }),
    retryDue: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'retryDue');
      const { env } = context;
      const step = stepOf(context, enqueue);
      const store = step.out.node;
      const retry = store.get<ScheduledRetry>(schedKey(event.id));
      if (retry === undefined) return;
      store.delete(schedKey(event.id));
      const queue = retryQueue(retry.group);
      appendMessage(store, queue, retry.message);
      const spec = groupSpec(env, retry.group);
      if (spec !== undefined) dispatch(step, spec, queue);
      finish(step, enqueue);
    }),
    redrive: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'redrive');
      const { env } = context;
      const spec = groupSpec(env, event.group);
      if (spec === undefined) return;
      const step = stepOf(context, enqueue);
      const store = step.out.node;
      const queue = retryQueue(event.group);
      for (const [key, message] of store.entries<StoredMessage>(K.dlqPrefix(event.group))) {
        if (message.order !== event.order) continue;
        store.delete(key);
        appendMessage(store, queue, { ...message, reconsumeTimes: 0, redriven: true });
        step.out.record('REDRIVEN', { order: message.order, detail: event.group });
      }
      dispatch(step, spec, queue);
      finish(step, enqueue);
    }),
    rebalance: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'rebalance');
      const spec = groupSpec(context.env, event.group);
      if (spec === undefined) return;
      const step = stepOf(context, enqueue);
      rebalanceGroup(step, spec);
      finish(step, enqueue);
    }),
    applyDeliveryEdits,
    offsetCommit: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'offsetCommit');
      const step = stepOf(context, enqueue);
      commitOffsets(step, event);
      finish(step, enqueue);
    }),
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => ({
    env: input.env,
    store: input.store,
    delivery: new DeliveryTable(),
    groupFilters: initialFilters(input.env),
  }),
  invoke: { src: 'transactionCenter', id: 'tc', input: ({ context }) => ({ env: context.env, store: context.store }) },
  entry: 'boot',
  initial: 'serving',
  states: {
    serving: {},
  },
  on: {
    prepare: { actions: 'forwardToTransactionCenter' },
    commit: { actions: 'forwardToTransactionCenter' },
    rollback: { actions: 'forwardToTransactionCenter' },
    checkReply: { actions: 'forwardToTransactionCenter' },
    resume: { actions: 'forwardToTransactionCenter' },
    appendCommitted: { actions: 'appendCommitted' },
    register: { actions: 'register' },
    rebalance: { actions: 'rebalance' },
    consumeAck: { actions: 'consumeAck' },
    redeliver: { actions: 'redeliver' },
    retryDue: { actions: 'retryDue' },
    redrive: { actions: 'redrive' },
    offsetCommit: { actions: 'offsetCommit' },
  },
});
