// The transaction center: RocketMQ's transactional message service inside a broker. It stores half messages
// (invisible to consumers), applies END_TRANSACTION commit/rollback by half-queue offset, writes op records,
// and runs the check-back service: every checkIntervalMs a round walks the half queue; a message older than
// transactionTimeoutMs is re-appended as a copy with TRANSACTION_CHECK_TIMES + 1 and a check goes to a
// producer of its group (round-robin over the group's instances); after checkMax checks it is parked in
// TRANS_CHECK_MAX_TIME_TOPIC with an alert, and an operator may resume it.
//
// Faithful mode keeps no per-transaction state, as RocketMQ: a duplicate commit, a commit after a rollback, or a
// commit of a check copy after the producer's own commit all write the message to the topic again
// (apache/rocketmq#5574, #8158, #1517). Idealized mode (a txsim departure) remembers each transaction id's
// resolution and ignores everything after it.
// Durable (broker store, prefix tc/): half entries, next offset, progress offset, op records, parked entries,
// resolutions (idealized). Volatile: the round timer and the round-robin cursor. Rounds fall every
// checkIntervalMs after the broker (re)starts, as RocketMQ's check thread; they are only scheduled while a half
// message is open, so an idle broker adds no events to the run.
import { assertEvent, enqueueActions, sendParent, setup } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { PRODUCER_GROUP } from './config.ts';
import { EFFECT_ACTIONS, Outbox, type KeyValue } from './effects.ts';
import type { ModelEnv } from './env.ts';
import type { Received } from './protocol.ts';
import type { HalfEntry } from './halfMessage.ts';

export interface TransactionCenterInput {
  env: ModelEnv;
  store: DurableStore;
}

export interface TransactionCenterContext extends TransactionCenterInput {
  checkCursor: number;
  /** When this incarnation started: check rounds fall every checkIntervalMs after it, as the check thread's. */
  bootMs: number;
  /** A round is scheduled. Rounds are only scheduled while some half message is open, so an idle broker is quiet. */
  roundArmed: boolean;
}

export type TransactionCenterEvent = Received<'prepare' | 'commit' | 'rollback' | 'checkReply' | 'resume'> | { type: 'checkRound' };

/**
 * What survives a broker crash (the broker's store, prefix tc/): the half queue and its next offset, the check
 * service's progress offset, op records (a half message resolved), parked entries (TRANS_CHECK_MAX_TIME_TOPIC) and,
 * in idealized mode only, each transaction id's resolution.
 */
export type TransactionCenterDurableKey =
  | 'tc/next'
  | 'tc/progress'
  | `tc/half/${number}`
  | `tc/op/${number}`
  | `tc/parked/${string}/${number}`
  | `tc/resolved/${string}`;

/** Volatile: the round-robin cursor over producers, the boot time and whether a round is scheduled. */
export type TransactionCenterVolatile = Omit<TransactionCenterContext, keyof TransactionCenterInput>;

/** What the transaction center asks its broker to do: append a committed message to the business topic. */
export interface AppendCommitted {
  type: 'appendCommitted';
  entry: HalfEntry;
}

const K = {
  next: 'tc/next',
  progress: 'tc/progress',
  half: (offset: number): TransactionCenterDurableKey => `tc/half/${offset}`,
  op: (offset: number): TransactionCenterDurableKey => `tc/op/${offset}`,
  parked: (order: string, offset: number): TransactionCenterDurableKey => `tc/parked/${order}/${offset}`,
  parkedPrefix: (order: string) => `tc/parked/${order}/`,
  resolved: (txId: string): TransactionCenterDurableKey => `tc/resolved/${txId}`,
} as const;

/** What the open-half scan reads: the durable store, or an action body's staged view of it. */
type HalfReader = Pick<KeyValue, 'get' | 'has'>;

function appendHalf(store: KeyValue, entry: Omit<HalfEntry, 'offset'>): HalfEntry {
  const offset = store.get<number>(K.next) ?? 0;
  const stored: HalfEntry = { ...entry, offset };
  store.set(K.half(offset), stored);
  store.set(K.next, offset + 1);
  return stored;
}

/** Half messages neither resolved by an op record nor parked: the transaction center's open work. */
export function openHalfMessages(store: HalfReader, idealized: boolean): HalfEntry[] {
  const open: HalfEntry[] = [];
  forEachOpenHalf(store, idealized, (entry) => {
    open.push(entry);
    return true;
  });
  return open;
}

/** Whether any half message is open; stops at the first (the world asks this after every quiet step). */
export function hasOpenHalf(store: HalfReader, idealized: boolean): boolean {
  let found = false;
  forEachOpenHalf(store, idealized, () => {
    found = true;
    return false;
  });
  return found;
}

/** Visit the open half messages in offset order while `visit` returns true. */
function forEachOpenHalf(store: HalfReader, idealized: boolean, visit: (entry: HalfEntry) => boolean): void {
  const next = store.get<number>(K.next) ?? 0;
  for (let offset = store.get<number>(K.progress) ?? 0; offset < next; offset++) {
    if (store.has(K.op(offset))) continue;
    const entry = store.get<HalfEntry>(K.half(offset));
    if (entry === undefined) continue;
    if (idealized && store.has(K.resolved(entry.txId))) continue;
    if (!visit(entry)) return;
  }
}

/** Schedule the next check round at the next multiple of checkIntervalMs since boot, unless one is scheduled. */
function armRound(
  context: TransactionCenterContext,
  enqueue: { raise(event: { type: 'checkRound' }, options: { delay: number; id: string }): void; assign(values: { roundArmed: boolean }): void },
): void {
  if (context.roundArmed) return;
  const interval = context.env.config.checkIntervalMs;
  const sinceBoot = context.env.host.now() - context.bootMs;
  enqueue.raise({ type: 'checkRound' }, { delay: interval - (sinceBoot % interval), id: 'checkRound' });
  enqueue.assign({ roundArmed: true });
}

/**
 * One check round's walk of the half queue from the progress offset: park what was checked checkMax times, stop
 * at the first message younger than transactionTimeoutMs, check back the rest (a copy with checkTimes + 1 and a
 * `check` to the next producer). Returns where the walk stopped and the round-robin cursor after it.
 */
function runCheckRound(context: TransactionCenterContext, out: Outbox): { offset: number; cursor: number } {
  const { host, config, topology } = context.env;
  const store = out.node;
  const now = host.now();
  const next = store.get<number>(K.next) ?? 0;
  let offset = store.get<number>(K.progress) ?? 0;
  let cursor = context.checkCursor;
  const producers = topology.producers;
  for (; offset < next; offset++) {
    if (store.has(K.op(offset))) continue;
    const entry = store.get<HalfEntry>(K.half(offset));
    if (entry === undefined) continue;
    if (config.transactionCenter === 'idealized' && store.has(K.resolved(entry.txId))) continue;
    if (entry.checkTimes >= config.checkMax) {
      store.set(K.parked(entry.order, entry.offset), entry);
      out.record('PARKED', { order: entry.order, detail: 'TRANS_CHECK_MAX_TIME_TOPIC', value: entry.checkTimes });
      out.send(topology.operator, { type: 'alert', alert: 'check-max', group: entry.producerGroup }, entry.order);
      continue;
    }
    if (now - entry.bornMs <= config.transactionTimeoutMs) break;
    const copy = appendHalf(store, {
      ...entry,
      checkTimes: entry.checkTimes + 1,
      originalOffset: entry.originalOffset >= 0 ? entry.originalOffset : entry.offset,
    });
    const producer = producers[cursor % producers.length] as string;
    cursor++;
    out.send(producer, { type: 'check', txId: entry.txId, offset: copy.offset, checkTimes: copy.checkTimes, producerGroup: PRODUCER_GROUP }, entry.order);
  }
  return { offset, cursor };
}

export const transactionCenterMachine = setup({
  types: {
    input: {} as TransactionCenterInput,
    context: {} as TransactionCenterContext,
    events: {} as TransactionCenterEvent,
  },
  actions: {
    ...EFFECT_ACTIONS,
    /** The broker (this actor's parent) appends a committed message to the business topic: a local call, not a hop. */
    // Typed as the custom action it stands for: XState infers a built-in's params poorly.
    appendCommitted: sendParent((_: unknown, params: { entry: HalfEntry }): AppendCommitted => ({ type: 'appendCommitted', entry: params.entry })) as unknown as (
      args: unknown,
      params: { entry: HalfEntry },
    ) => void,
    armRoundIfOpen: enqueueActions(({ context, enqueue }) => {
      if (hasOpenHalf(context.store, context.env.config.transactionCenter === 'idealized')) armRound(context, enqueue);
    }),
    storeHalf: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'prepare');
      const out = new Outbox(enqueue, context);
      const entry = appendHalf(out.node, {
        txId: event.txId,
        order: event.order,
        producerGroup: event.producerGroup,
        topic: event.topic,
        tag: event.tag,
        queue: event.queue,
        bornMs: event.bornMs,
        checkTimes: 0,
        originalOffset: -1,
      });
      out.record('HALF_STORED', { order: event.order, detail: event.txId, value: entry.offset });
      out.send(event.from, { type: 'prepareAck', txId: event.txId, offset: entry.offset, attempt: event.attempt, status: 'SEND_OK' }, event.order, true);
      armRound(context, enqueue);
    }),
    endTransaction: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, ['commit', 'rollback', 'checkReply']);
      const action = event.type === 'checkReply' ? event.action : event.type;
      // END_TRANSACTION with NOT (unknown): no response, nothing done.
      if (action === 'unknown') return;
      const { host, config } = context.env;
      const out = new Outbox(enqueue, context);
      const store = out.node;
      const now = host.now();
      const entry = store.get<HalfEntry>(K.half(event.offset));
      const rejected = (reason: string) => out.fact({ t: now, kind: 'end-tx-rejected', order: event.order, node: host.name, reason });
      if (entry === undefined) return rejected('half message not found');
      if (entry.producerGroup !== event.producerGroup) return rejected('producer group wrong');
      if (config.transactionCenter === 'idealized') {
        if (store.has(K.resolved(entry.txId))) return rejected('already resolved (idealized)');
        store.set(K.resolved(entry.txId), action);
      }
      if (action === 'commit') {
        enqueue({ type: 'appendCommitted', params: { entry } });
      } else {
        out.record('ROLLED_BACK', { order: entry.order, detail: entry.txId, value: entry.offset });
      }
      // The op record says how the half message was resolved: a rollback's is observed as `rolled-back`.
      store.set(K.op(entry.offset), action);
    }),
    checkRound: enqueueActions(({ context, enqueue }) => {
      const out = new Outbox(enqueue, context);
      const { offset, cursor } = runCheckRound(context, out);
      const store = out.node;
      store.set(K.progress, offset);
      enqueue.assign({ checkCursor: cursor, roundArmed: false });
      if (hasOpenHalf(store, context.env.config.transactionCenter === 'idealized')) armRound({ ...context, roundArmed: false }, enqueue);
    }),
    resumeParked: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'resume');
      const out = new Outbox(enqueue, context);
      const store = out.node;
      for (const [key, entry] of store.entries<HalfEntry>(K.parkedPrefix(event.order))) {
        store.delete(key);
        appendHalf(store, { ...entry, checkTimes: 0 });
        out.record('RESUMED', { order: entry.order });
      }
      armRound(context, enqueue);
    }),
  },
}).createMachine({
  id: 'transactionCenter',
  context: ({ input }) => ({ env: input.env, store: input.store, checkCursor: 0, bootMs: input.env.host.now(), roundArmed: false }),
  entry: 'armRoundIfOpen',
  initial: 'serving',
  states: {
    serving: {},
  },
  on: {
    checkRound: { actions: 'checkRound' },
    prepare: { actions: 'storeHalf' },
    commit: { actions: 'endTransaction' },
    rollback: { actions: 'endTransaction' },
    checkReply: { actions: 'endTransaction' },
    resume: { actions: 'resumeParked' },
  },
});
