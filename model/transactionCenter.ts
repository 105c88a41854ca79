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
// resolutions (idealized). Volatile: the round timer, the round-robin cursor and the op batch not yet written
// (op records are batched every transactionOpBatchInterval, as TransactionalOpBatchService does). Rounds fall every
// checkIntervalMs after the broker (re)starts, as RocketMQ's check thread; they are only scheduled while a half
// message is open, so an idle broker adds no events to the run.
import { assertEvent, enqueueActions, sendParent, setup } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { PRODUCER_GROUP } from './config.ts';
import type { ModelEnv } from './env.ts';
import type { HalfEntry } from './halfMessage.ts';
import { checkDecision, lateEndTransactionRejected } from './checkPolicy.ts';

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
  /** Half offsets resolved but not yet written as an op message (TransactionalOpBatchService's buffer; lost in a crash). */
  opBuffer: readonly number[];
  /** The op batch is scheduled. */
  opFlushArmed: boolean;
}

export type TransactionCenterEvent =
  | {
      type: 'prepare';
      from: string;
      order: string;
      txId: string;
      attempt: number;
      producerGroup: string;
      topic: string;
      tag: string;
      queue: number;
      bornMs: number;
      checkImmunitySeconds?: number;
    }
  | { type: 'commit' | 'rollback'; from: string; order: string; txId: string; offset: number; producerGroup: string; fromCheck: boolean }
  | { type: 'checkReply'; from: string; order: string; txId: string; offset: number; action: 'commit' | 'rollback' | 'unknown'; producerGroup: string }
  | { type: 'resume'; from: string; order: string }
  | { type: 'checkRound' }
  | { type: 'flushOps' };

/** What the transaction center asks its broker to do: append a committed message to the business topic. */
export interface AppendCommitted {
  type: 'appendCommitted';
  entry: HalfEntry;
}

const K = {
  next: 'tc/next',
  progress: 'tc/progress',
  half: (offset: number) => `tc/half/${offset}`,
  op: (offset: number) => `tc/op/${offset}`,
  parked: (order: string, offset: number) => `tc/parked/${order}/${offset}`,
  parkedPrefix: (order: string) => `tc/parked/${order}/`,
  resolved: (txId: string) => `tc/resolved/${txId}`,
};

function appendHalf(store: DurableStore, entry: Omit<HalfEntry, 'offset'>): HalfEntry {
  const offset = store.get<number>(K.next) ?? 0;
  const stored: HalfEntry = { ...entry, offset };
  store.set(K.half(offset), stored);
  store.set(K.next, offset + 1);
  return stored;
}

/** Half messages neither resolved by an op record nor parked: the transaction center's open work. */
export function openHalfMessages(store: DurableStore, idealized: boolean): HalfEntry[] {
  const open: HalfEntry[] = [];
  forEachOpenHalf(store, idealized, (entry) => {
    open.push(entry);
    return true;
  });
  return open;
}

/** Whether any half message is open; stops at the first (the world asks this after every quiet step). */
export function hasOpenHalf(store: DurableStore, idealized: boolean): boolean {
  let found = false;
  forEachOpenHalf(store, idealized, () => {
    found = true;
    return false;
  });
  return found;
}

/** Visit the open half messages in offset order while `visit` returns true. */
function forEachOpenHalf(store: DurableStore, idealized: boolean, visit: (entry: HalfEntry) => boolean): void {
  const next = store.get<number>(K.next) ?? 0;
  for (let offset = store.get<number>(K.progress) ?? 0; offset < next; offset++) {
    if (store.has(K.op(offset))) continue;
    const entry = store.get<HalfEntry>(K.half(offset));
    if (entry === undefined) continue;
    if (idealized && store.has(K.resolved(entry.txId))) continue;
    if (!visit(entry)) return;
  }
}

/**
 * Mark a half offset done (deletePrepareMessage): its op is buffered and written with the batch
 * transactionOpBatchIntervalMs later, or at once when the buffered offsets ("off1,off2,...") exceed
 * transactionOpMsgMaxSize (TransactionalMessageServiceImpl.deletePrepareMessage: `if (totalSize >
 * ...getTransactionOpMsgMaxSize()) this.transactionalOpBatchService.wakeup();`). Until then a check round does not see
 * it and may check a committed message again (a known double-commit path).
 */
function bufferOp(
  context: TransactionCenterContext,
  enqueue: { raise(event: { type: 'flushOps' }, options: { delay: number; id: string }): void; assign(values: Partial<TransactionCenterContext>): void },
  offset: number,
): void {
  const { config } = context.env;
  const buffer = [...context.opBuffer, offset];
  const bytes = buffer.reduce((n, o) => n + String(o).length + 1, 0);
  if (config.transactionOpBatchIntervalMs === 0 || bytes > config.transactionOpMsgMaxSize) {
    for (const o of buffer) context.store.set(K.op(o), true);
    enqueue.assign({ opBuffer: [] });
    return;
  }
  enqueue.assign({ opBuffer: buffer });
  if (!context.opFlushArmed) {
    enqueue.raise({ type: 'flushOps' }, { delay: config.transactionOpBatchIntervalMs, id: 'flushOps' });
    enqueue.assign({ opFlushArmed: true });
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

export const transactionCenterMachine = setup({
  types: {
    input: {} as TransactionCenterInput,
    context: {} as TransactionCenterContext,
    events: {} as TransactionCenterEvent,
  },
  actions: {
    armRoundIfOpen: enqueueActions(({ context, enqueue }) => {
      if (hasOpenHalf(context.store, context.env.config.transactionCenter === 'idealized')) armRound(context, enqueue);
    }),
    storeHalf: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'prepare');
      const { env, store } = context;
      const { host, facts } = env;
      const entry = appendHalf(store, {
        txId: event.txId,
        order: event.order,
        producerGroup: event.producerGroup,
        topic: event.topic,
        tag: event.tag,
        queue: event.queue,
        bornMs: event.bornMs,
        checkTimes: 0,
        originalOffset: -1,
        ...(event.checkImmunitySeconds !== undefined ? { checkImmunitySeconds: event.checkImmunitySeconds } : {}),
      });
      facts.add({ t: host.now(), kind: 'half-stored', order: event.order, node: host.name, txId: event.txId, offset: entry.offset });
      host.record('HALF_STORED', { order: event.order, detail: event.txId, value: entry.offset });
      host.send(event.from, 'prepareAck', { txId: event.txId, offset: entry.offset, attempt: event.attempt, status: 'SEND_OK' }, { order: event.order, response: true });
      armRound(context, enqueue);
    }),
    endTransaction: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, ['commit', 'rollback', 'checkReply']);
      const action = event.type === 'checkReply' ? event.action : event.type;
      // END_TRANSACTION with NOT (unknown): no response, nothing done.
      if (action === 'unknown') return;
      const { env, store } = context;
      const { host, facts, config } = env;
      const now = host.now();
      const entry = store.get<HalfEntry>(K.half(event.offset));
      if (entry === undefined) {
        facts.add({ t: now, kind: 'end-tx-rejected', order: event.order, node: host.name, reason: 'half message not found' });
        return;
      }
      if (lateEndTransactionRejected(entry, event.type === 'checkReply' || event.fromCheck, now, config)) {
        facts.add({ t: now, kind: 'end-tx-rejected', order: event.order, node: host.name, reason: 'ILLEGAL_OPERATION (604): later than the check immunity time, wait check' });
        return;
      }
      if (entry.producerGroup !== event.producerGroup) {
        facts.add({ t: now, kind: 'end-tx-rejected', order: event.order, node: host.name, reason: 'producer group wrong' });
        return;
      }
      if (config.transactionCenter === 'idealized') {
        if (store.has(K.resolved(entry.txId))) {
          facts.add({ t: now, kind: 'end-tx-rejected', order: event.order, node: host.name, reason: 'already resolved (idealized)' });
          return;
        }
        store.set(K.resolved(entry.txId), action);
      }
      if (action === 'commit') {
        enqueue(sendParent({ type: 'appendCommitted', entry } satisfies AppendCommitted));
      } else {
        facts.add({ t: now, kind: 'rolled-back', order: entry.order, node: host.name, txId: entry.txId });
        host.record('ROLLED_BACK', { order: entry.order, detail: entry.txId, value: entry.offset });
      }
      bufferOp(context, enqueue, entry.offset);
    }),
    flushOps: enqueueActions(({ context, enqueue }) => {
      for (const offset of context.opBuffer) context.store.set(K.op(offset), true);
      enqueue.assign({ opBuffer: [], opFlushArmed: false });
    }),
    checkRound: enqueueActions(({ context, enqueue }) => {
      const { env, store } = context;
      const { host, facts, config, topology } = env;
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
        const decision = checkDecision(entry, now, config, (o) => store.has(K.op(o)));
        if (decision.kind === 'discard') {
          store.set(K.parked(entry.order, entry.offset), entry);
          facts.add({ t: now, kind: 'parked', order: entry.order, node: host.name, txId: entry.txId, checkTimes: entry.checkTimes });
          facts.add({ t: now, kind: 'alert', alert: 'check-max', order: entry.order, node: host.name, group: entry.producerGroup });
          host.record('PARKED', { order: entry.order, detail: decision.reason === 'check-max' ? 'TRANS_CHECK_MAX_TIME_TOPIC' : 'TRANS_CHECK_MAX_TIME_TOPIC (older than fileReservedTime)', value: entry.checkTimes });
          host.send(topology.operator, 'alert', { alert: 'check-max', group: entry.producerGroup }, { order: entry.order });
          continue;
        }
        if (decision.kind === 'stop') break;
        if (decision.kind === 'immune-resolved') continue;
        const copy = appendHalf(store, {
          ...entry,
          checkTimes: entry.checkTimes + 1,
          originalOffset: entry.originalOffset >= 0 ? entry.originalOffset : entry.offset,
        });
        if (decision.kind === 'immune-reput') {
          host.record('CHECK_IMMUNE', { order: entry.order, detail: 're-put without a check (CHECK_IMMUNITY_TIME_IN_SECONDS)', value: copy.checkTimes });
          continue;
        }
        // ProducerManager.getAvailableChannel: round-robin over the registered channels; none: the count burned, no check.
        const targets = env.channels?.registered(now) ?? producers;
        if (targets.length === 0) {
          host.record('CHECK_NO_CHANNEL', { order: entry.order, detail: 'no registered producer channel: the count burns, no check is sent', value: copy.checkTimes });
          continue;
        }
        const producer = targets[cursor % targets.length] as string;
        cursor++;
        facts.add({ t: now, kind: 'check-sent', order: entry.order, node: host.name, txId: entry.txId, checkTimes: copy.checkTimes, producer });
        host.send(producer, 'check', { txId: entry.txId, offset: copy.offset, checkTimes: copy.checkTimes, producerGroup: PRODUCER_GROUP }, { order: entry.order });
      }
      store.set(K.progress, offset);
      enqueue.assign({ checkCursor: cursor, roundArmed: false });
      if (hasOpenHalf(store, config.transactionCenter === 'idealized')) armRound({ ...context, roundArmed: false }, enqueue);
    }),
    resumeParked: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'resume');
      const { env, store } = context;
      const { host, facts } = env;
      for (const [key, entry] of store.entries<HalfEntry>(K.parkedPrefix(event.order))) {
        store.delete(key);
        appendHalf(store, { ...entry, checkTimes: 0 });
        facts.add({ t: host.now(), kind: 'resumed', order: entry.order, node: host.name });
        host.record('RESUMED', { order: entry.order });
      }
      armRound(context, enqueue);
    }),
  },
}).createMachine({
  id: 'transactionCenter',
  context: ({ input }) => ({
    env: input.env,
    store: input.store,
    checkCursor: 0,
    bootMs: input.env.host.now(),
    roundArmed: false,
    opBuffer: [],
    opFlushArmed: false,
  }),
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
    flushOps: { actions: 'flushOps' },
  },
});
