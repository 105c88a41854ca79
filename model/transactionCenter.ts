// The transaction center: RocketMQ's transactional message service inside a broker. It stores half messages
// (invisible to consumers), applies END_TRANSACTION commit/rollback by half-queue offset, writes op records,
// and runs the check-back service: every checkIntervalMs a round walks the half queue; a message older than
// transactionTimeoutMs is re-appended as a copy with TRANSACTION_CHECK_TIMES + 1 and a check goes to a
// registered channel of its producer group (round-robin, model/producerChannels.ts); after checkMax checks, or past
// fileReservedTime, it is parked in TRANS_CHECK_MAX_TIME_TOPIC with an alert, and an operator may resume it. A
// message with CHECK_IMMUNITY_TIME_IN_SECONDS is re-put without a check while immune (model/checkPolicy.ts).
//
// Faithful mode keeps no per-transaction state, as RocketMQ: a duplicate commit, a commit after a rollback, or a
// commit of a check copy after the producer's own commit all write the message to the topic again
// (apache/rocketmq#5574, #8158, #1517). Idealized mode (a txsim departure) remembers each transaction id's
// resolution and ignores everything after it.
// The check service's lifecycle is the machine's states (TransactionalMessageCheckService: waitForRunning(checkInterval),
// then check()): `starting` reads the half queue as the broker (re)starts; `waiting` for the next round, which falls
// every checkIntervalMs after the start, as RocketMQ's check thread; `checking` is one round (check(): the op
// records read, the copies put back, the checks sent), which ends by reading whether a half message is still open
// (`halfOpen`, which the eventless transitions out of `starting` and `checking` follow);
// `idle` while none is (a txsim departure: RocketMQ's thread runs empty rounds; skipping them keeps an idle broker
// from adding events to the run). The broker side (half messages stored, END_TRANSACTION applied, the op batch) is
// served in every state.
// Durable (broker store, prefix tc/): half entries, next offset, progress offset, op records, parked entries,
// resolutions (idealized). Volatile: the state (the round timer), the round-robin cursor and the op batch not yet
// written (op records are batched every transactionOpBatchInterval, as TransactionalOpBatchService does).
import { assertEvent, enqueueActions, raise, sendParent, setup } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { PRODUCER_GROUP } from './config.ts';
import { EFFECT_ACTIONS, Outbox, type KeyValue } from './effects.ts';
import type { ModelEnv } from './env.ts';
import type { Received } from './protocol.ts';
import type { HalfEntry } from './halfMessage.ts';
import { checkDecision, lateEndTransactionRejected } from './checkPolicy.ts';
import { numberedKeys } from './numberedKeys.ts';

export interface TransactionCenterInput {
  env: ModelEnv;
  store: DurableStore;
}

export interface TransactionCenterContext extends TransactionCenterInput {
  checkCursor: number;
  /** When this incarnation started: check rounds fall every checkIntervalMs after it, as the check thread's. */
  bootMs: number;
  /** Whether a half message was open when the check service last read the half queue (at start, at a round's end). */
  halfOpen: boolean;
  /** Half offsets resolved, with how, not yet written as an op message (TransactionalOpBatchService's buffer; lost in a crash). */
  opBuffer: ReadonlyArray<{ readonly offset: number; readonly action: 'commit' | 'rollback' }>;
  /** The op batch is scheduled. */
  opFlushArmed: boolean;
}

/** The timer that ends `waiting`: the check thread's waitForRunning(checkInterval) returns. */
export const CHECK_ROUND_TIMER = 'checkRound';

export type TransactionCenterEvent =
  | Received<'prepare' | 'commit' | 'rollback' | 'checkReply' | 'resume'>
  | { type: 'flushOps' }
  | { type: typeof CHECK_ROUND_TIMER };

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

/** Volatile: the round-robin cursor over producer channels, the boot time, the last read of the half queue, the op batch (and the state: the round timer). */
export type TransactionCenterVolatile = Omit<TransactionCenterContext, keyof TransactionCenterInput>;

/** What the transaction center asks its broker to do: append a committed message to the business topic. */
export interface AppendCommitted {
  type: 'appendCommitted';
  entry: HalfEntry;
}

const K = {
  next: 'tc/next',
  progress: 'tc/progress',
  // Read per open half on every check round: built once (see numberedKeys.ts).
  half: numberedKeys<TransactionCenterDurableKey>('tc/half/'),
  op: numberedKeys<TransactionCenterDurableKey>('tc/op/'),
  parked: (order: string, offset: number): TransactionCenterDurableKey => `tc/parked/${order}/${offset}`,
  parkedPrefix: (order: string) => `tc/parked/${order}/`,
  resolved: (txId: string): TransactionCenterDurableKey => `tc/resolved/${txId}`,
} as const;

/** What the open-half scan reads: the durable store, or an action body's staged view of it. */
type HalfReader = Pick<KeyValue, 'get' | 'has'>;

/** The half queue's next offset. */
const nextHalfOffset = (store: HalfReader): number => store.get<number>(K.next) ?? 0;

/** Store a half entry at its offset, the half queue's next. */
function putHalf(store: KeyValue, stored: HalfEntry): HalfEntry {
  store.set(K.half(stored.offset), stored);
  store.set(K.next, stored.offset + 1);
  return stored;
}

/** A copy of a half entry re-appended (a check round's re-put, a resume): one spread, the fields in the entry's order. */
function appendCopy(store: KeyValue, entry: HalfEntry, checkTimes: number, originalOffset: number): HalfEntry {
  return putHalf(store, { ...entry, checkTimes, originalOffset, offset: nextHalfOffset(store) });
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

/** The wait until the next check round: the next multiple of checkIntervalMs since this incarnation started. */
function untilNextRoundMs(context: TransactionCenterContext): number {
  const interval = context.env.config.checkIntervalMs;
  return interval - ((context.env.host.now() - context.bootMs) % interval);
}

/** String(offset).length without building the string (the op batch's size is summed on every resolution). */
function decimalLength(offset: number): number {
  if (!Number.isSafeInteger(offset) || offset < 0) return String(offset).length;
  let length = 1;
  for (let rest = offset; rest >= 10; rest = Math.floor(rest / 10)) length++;
  return length;
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
  store: KeyValue,
  op: { readonly offset: number; readonly action: 'commit' | 'rollback' },
): void {
  const { config } = context.env;
  const buffer = [...context.opBuffer, op];
  let bytes = 0;
  for (const o of buffer) bytes += decimalLength(o.offset) + 1;
  // The idealized center (a txsim departure) resolves at once anyway: its ops are written at once too.
  if (config.transactionOpBatchIntervalMs === 0 || config.transactionCenter === 'idealized' || bytes > config.transactionOpMsgMaxSize) {
    // The op record says how the half message was resolved: a rollback's is observed as `rolled-back`.
    for (const o of buffer) store.set(K.op(o.offset), o.action);
    if (context.opBuffer.length > 0) enqueue.assign({ opBuffer: [] });
    return;
  }
  enqueue.assign({ opBuffer: buffer });
  if (!context.opFlushArmed) {
    enqueue.raise({ type: 'flushOps' }, { delay: config.transactionOpBatchIntervalMs, id: 'flushOps' });
    enqueue.assign({ opFlushArmed: true });
  }
}

/** Send the check for a re-put copy to the next registered producer channel; none: the count burned, nothing is sent. */
function sendCheck(context: TransactionCenterContext, out: Outbox, entry: HalfEntry, copy: HalfEntry, cursor: number): number {
  const { host, topology, channels } = context.env;
  const now = host.now();
  // ProducerManager.getAvailableChannel: round-robin over the group's registered channels.
  const targets = channels?.registered(now) ?? topology.producers;
  if (targets.length === 0) {
    out.record('CHECK_NO_CHANNEL', { order: entry.order, detail: 'no registered producer channel: the count burns, no check is sent', value: copy.checkTimes });
    return cursor;
  }
  const producer = targets[cursor % targets.length] as string;
  out.send(producer, { type: 'check', txId: entry.txId, offset: copy.offset, checkTimes: copy.checkTimes, producerGroup: PRODUCER_GROUP }, entry.order);
  return cursor + 1;
}

/**
 * One check round's walk of the half queue from the progress offset, as checkDecision says for each message: park
 * what is discarded (checkMax, fileReservedTime), stop at the first message younger than transactionTimeoutMs, re-put
 * immune ones without a check, check back the rest (a copy with checkTimes + 1 and a `check` to the next registered
 * producer channel). Returns where the walk stopped and the round-robin cursor after it.
 */
function runCheckRound(context: TransactionCenterContext, out: Outbox): { offset: number; cursor: number } {
  const { host, config, topology } = context.env;
  const store = out.node;
  const now = host.now();
  const next = store.get<number>(K.next) ?? 0;
  let offset = store.get<number>(K.progress) ?? 0;
  let cursor = context.checkCursor;
  for (; offset < next; offset++) {
    if (store.has(K.op(offset))) continue;
    const entry = store.get<HalfEntry>(K.half(offset));
    if (entry === undefined) continue;
    if (config.transactionCenter === 'idealized' && store.has(K.resolved(entry.txId))) continue;
    const decision = checkDecision(entry, now, config, (o) => store.has(K.op(o)));
    if (decision.kind === 'discard') {
      store.set(K.parked(entry.order, entry.offset), entry);
      const detail = decision.reason === 'check-max' ? 'TRANS_CHECK_MAX_TIME_TOPIC' : 'TRANS_CHECK_MAX_TIME_TOPIC (older than fileReservedTime)';
      out.record('PARKED', { order: entry.order, detail, value: entry.checkTimes });
      out.send(topology.operator, { type: 'alert', alert: 'check-max', group: entry.producerGroup }, entry.order);
      continue;
    }
    if (decision.kind === 'stop') break;
    if (decision.kind === 'immune-resolved') continue;
    const copy = appendCopy(store, entry, entry.checkTimes + 1, entry.originalOffset >= 0 ? entry.originalOffset : entry.offset);
    if (decision.kind === 'immune-reput') {
      out.record('CHECK_IMMUNE', { order: entry.order, detail: 're-put without a check (CHECK_IMMUNITY_TIME_IN_SECONDS)', value: copy.checkTimes });
      continue;
    }
    cursor = sendCheck(context, out, entry, copy, cursor);
  }
  return { offset, cursor };
}

export const transactionCenterMachine = setup({
  types: {
    input: {} as TransactionCenterInput,
    context: {} as TransactionCenterContext,
    events: {} as TransactionCenterEvent,
  },
  guards: {
    halfOpen: ({ context }) => context.halfOpen,
  },
  actions: {
    ...EFFECT_ACTIONS,
    /** The broker (this actor's parent) appends a committed message to the business topic: a local call, not a hop. */
    // Typed as the custom action it stands for: XState infers a built-in's params poorly.
    appendCommitted: sendParent((_: unknown, params: { entry: HalfEntry }): AppendCommitted => ({ type: 'appendCommitted', entry: params.entry })) as unknown as (
      args: unknown,
      params: { entry: HalfEntry },
    ) => void,
    /** At start: read whether a half message is open (a restarted broker's are checked again). */
    scanHalfQueue: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ halfOpen: hasOpenHalf(context.store, context.env.config.transactionCenter === 'idealized') });
    }),
    /** waitForRunning(checkInterval): the round falls on the next multiple of checkIntervalMs since the start. */
    armRound: raise({ type: CHECK_ROUND_TIMER }, { delay: ({ context }) => untilNextRoundMs(context), id: CHECK_ROUND_TIMER }),
    storeHalf: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'prepare');
      const out = new Outbox(enqueue, context);
      const entry = putHalf(out.node, {
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
        offset: nextHalfOffset(out.node),
      });
      out.record('HALF_STORED', { order: event.order, detail: event.txId, value: entry.offset });
      out.send(event.from, { type: 'prepareAck', txId: event.txId, offset: entry.offset, attempt: event.attempt, status: 'SEND_OK' }, event.order, true);
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
      if (lateEndTransactionRejected(entry, event.type === 'checkReply' || event.fromCheck, now, config)) {
        return rejected('ILLEGAL_OPERATION (604): later than the check immunity time, wait check');
      }
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
      bufferOp(context, enqueue, store, { offset: entry.offset, action });
    }),
    flushOps: enqueueActions(({ context, enqueue }) => {
      const out = new Outbox(enqueue, context);
      for (const op of context.opBuffer) out.node.set(K.op(op.offset), op.action);
      enqueue.assign({ opBuffer: [], opFlushArmed: false });
    }),
    checkRound: enqueueActions(({ context, enqueue }) => {
      const out = new Outbox(enqueue, context);
      const { offset, cursor } = runCheckRound(context, out);
      const store = out.node;
      store.set(K.progress, offset);
      // The round's own writes are staged: read through them whether a half message is still open.
      enqueue.assign({ checkCursor: cursor, halfOpen: hasOpenHalf(store, context.env.config.transactionCenter === 'idealized') });
    }),
    resumeParked: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'resume');
      const out = new Outbox(enqueue, context);
      const store = out.node;
      for (const [key, entry] of store.entries<HalfEntry>(K.parkedPrefix(event.order))) {
        store.delete(key);
        appendCopy(store, entry, 0, entry.originalOffset);
        out.record('RESUMED', { order: entry.order });
      }
    }),
  },
}).createMachine({
  id: 'transactionCenter',
  context: ({ input }) => ({
    env: input.env,
    store: input.store,
    checkCursor: 0,
    bootMs: input.env.host.now(),
    halfOpen: false,
    opBuffer: [],
    opFlushArmed: false,
  }),
  initial: 'starting',
  states: {
    // The check thread starts with the broker: a half message a crash left open is checked again.
    starting: {
      entry: 'scanHalfQueue',
      always: [{ guard: 'halfOpen', target: 'waiting' }, { target: 'idle' }],
    },
    // No half message open: no round is scheduled (a txsim departure, see above). A new or resumed half starts the wait.
    idle: {
      on: {
        prepare: { target: 'waiting', actions: 'storeHalf' },
        resume: { target: 'waiting', actions: 'resumeParked' },
      },
    },
    // waitForRunning(checkInterval). A plain timer, not `after`: nothing leaves `waiting` but the timer itself.
    waiting: {
      entry: 'armRound',
      on: { [CHECK_ROUND_TIMER]: 'checking' },
    },
    // check(): one round over the half queue, ended by reading whether a half message is still open.
    checking: {
      entry: 'checkRound',
      always: [{ guard: 'halfOpen', target: 'waiting' }, { target: 'idle' }],
    },
  },
  // The broker side is served whatever the check service is doing.
  on: {
    prepare: { actions: 'storeHalf' },
    commit: { actions: 'endTransaction' },
    rollback: { actions: 'endTransaction' },
    checkReply: { actions: 'endTransaction' },
    resume: { actions: 'resumeParked' },
    flushOps: { actions: 'flushOps' },
  },
});
