// One order inside a business-system (producer) instance: send the half message (retrying on timeout to the
// next broker), run the main transaction once the broker has stored it, then send commit or rollback one-way,
// as RocketMQ's sendMessageInTransaction does. Everything here is volatile: a crash of the instance ends it
// wherever it is, and the transaction center's check-back recovers from the durable record.
//
// The half send shares one sendMsgTimeout budget across its attempts, as DefaultMQProducerImpl.sendDefaultImpl:
// each attempt waits for what is left (`timeout - costTime`), and `if (timeout < costTime) break` ends the send, so
// a lost SEND_OK spends the whole budget, the send throws and executeLocalTransaction never runs. With
// sendMsgMaxTimeoutPerRequest (5.3.3, opt-in) each attempt waits at most that long and a retry fits in the budget.
import { assign, enqueueActions, setup } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { PRODUCER_GROUP, BUSINESS_TOPIC } from './config.ts';
import { EFFECT_ACTIONS, Outbox, decide } from './effects.ts';
import type { ModelEnv } from './env.ts';
import { investorOf, runMainTransaction, writeLocalTxRecord } from './ledger.ts';
import type { Received } from './protocol.ts';
import type { OrderSpec } from './runSpec.ts';
import type { UserAnswerEvent } from './userCalls.ts';

export interface LocalTransactionInput {
  env: ModelEnv;
  db: DurableStore;
  order: OrderSpec;
  orderIndex: number;
}

export interface LocalTransactionContext extends LocalTransactionInput {
  attempt: number;
  /** When the first attempt of the half send started: the sendMsgTimeout budget runs from here. */
  sendStartedMs: number;
  txId: string;
  broker: string;
  /** Half-queue offset of the stored half message this instance got SEND_OK for. */
  offset: number;
  result: 'commit' | 'rollback' | 'unknown';
}

export type LocalTransactionEvent = Received<'prepareAck'>;

/** What survives a crash of the instance: nothing of this machine (the business database is shared, see ledger.ts). */
export type LocalTransactionDurable = never;

/** Volatile: the attempt, its transaction id, broker and half offset, and the local transaction's result. */
export type LocalTransactionVolatile = Omit<LocalTransactionContext, keyof LocalTransactionInput>;

/** The transaction id of an attempt: the same for every attempt when ids are unique (UNIQ_KEY), else fresh. */
export function transactionIdFor(order: string, attempt: number, unique: boolean): string {
  return unique ? `tx-${order}` : `tx-${order}-a${attempt}`;
}

export function queueFor(txId: string, queues: number): number {
  let h = 0;
  for (let i = 0; i < txId.length; i++) h = (h * 31 + txId.charCodeAt(i)) | 0;
  return Math.abs(h) % queues;
}

/** What is left of the sendMsgTimeout budget now (sendDefaultImpl: `timeout - costTime`). */
export function sendBudgetLeftMs(context: Pick<LocalTransactionContext, 'env' | 'sendStartedMs'>): number {
  return context.env.config.sendMsgTimeoutMs - (context.env.host.now() - context.sendStartedMs);
}

/** How long this attempt waits for SEND_OK: the budget left, capped by sendMsgMaxTimeoutPerRequest when it is on. */
export function attemptTimeoutMs(context: Pick<LocalTransactionContext, 'env' | 'sendStartedMs'>): number {
  const left = Math.max(0, sendBudgetLeftMs(context));
  const perRequest = context.env.config.sendMsgMaxTimeoutPerRequestMs;
  return perRequest === null ? left : Math.min(perRequest, left);
}

/** The half message of the current attempt, to its broker. */
function halfMessage(context: LocalTransactionContext, _event: unknown, out: Outbox): void {
  const { env, order, txId, broker, attempt } = context;
  const { host, config } = env;
  out.send(
    broker,
    {
      type: 'prepare',
      txId,
      attempt,
      producerGroup: PRODUCER_GROUP,
      topic: BUSINESS_TOPIC,
      tag: order.tag ?? '',
      queue: queueFor(txId, config.queuesPerTopic),
      bornMs: host.now(),
      ...(order.checkImmunitySeconds !== undefined ? { checkImmunitySeconds: order.checkImmunitySeconds } : {}),
    },
    order.id,
  );
}

/** END_TRANSACTION with the local transaction's result. */
function endTransaction(context: LocalTransactionContext, _event: unknown, out: Outbox): void {
  const { env, order, txId, broker, offset, result } = context;
  // END_TRANSACTION with NOT (unknown) changes nothing at the broker; RocketMQ sends it, txsim skips the hop, so
  // the decision is a claim (model/history.ts); commit and rollback are observed as they are sent.
  if (result === 'unknown') return out.fact({ t: env.host.now(), kind: 'end-tx', order: order.id, node: env.host.name, txId, action: result, fromCheck: false });
  out.send(broker, { type: result, txId, offset, producerGroup: PRODUCER_GROUP, fromCheck: false }, order.id);
}

/** The send failed: the client is told. */
function sendFailure(context: LocalTransactionContext, _event: unknown, out: Outbox): void {
  out.reply(context.order.id, false, 'send-failed');
}

/** executeLocalTransaction: the main transaction in the business database, as the order's script says. */
function executeLocalTransaction(context: LocalTransactionContext, out: Outbox): LocalTransactionContext['result'] {
  const { env, order, txId } = context;
  const { host } = env;
  const now = host.now();
  if (order.localTx === 'commit') {
    const ok = runMainTransaction(out.db, order.id, txId, order.amount, now);
    out.reply(order.id, ok, ok ? 'accepted' : 'insufficient-balance');
    return ok ? 'commit' : 'rollback';
  }
  if (order.localTx === 'rollback') {
    writeLocalTxRecord(out.db, order.id, { status: 'rolled_back', txId, reason: 'business-rollback', at: now });
    return 'rollback';
  }
  if (order.localTx === 'unknown') writeLocalTxRecord(out.db, order.id, { status: 'unknown', txId, at: now });
  // 'throw': executeLocalTransaction threw, the database transaction did not commit; RocketMQ sends UNKNOW.
  return 'unknown';
}

const USER_ANSWER = 'userAnswer' as 'prepareAck';

/** The user's TransactionListener.executeLocalTransaction (env.calls): called instead of the scripted one. */
function executeLocalCall(context: LocalTransactionContext, _event: unknown, out: Outbox): void {
  const { order, txId } = context;
  out.call(`exec:${order.id}`, { type: 'executeLocal', txId, order: order.id, investor: investorOf(order.id), amount: order.amount });
}

/** The user's answer: the LocalTransactionState; the client is told accepted for commit, refused (and why) otherwise. */
function userLocalResult(context: LocalTransactionContext, event: UserAnswerEvent, out: Outbox): LocalTransactionContext['result'] {
  if (event.type !== 'userAnswer' || event.answer.type !== 'endTransaction') return context.result;
  const { action } = event.answer;
  out.reply(context.order.id, action === 'commit', action === 'commit' ? 'accepted' : (event.dbReason ?? 'rejected'));
  return action;
}

export const localTransactionMachine = setup({
  types: {
    input: {} as LocalTransactionInput,
    context: {} as LocalTransactionContext,
    // SEND_OK. A user's answer (`userAnswer`, see askingUser) is left out of the declared events on purpose: the
    // mutants' typed acceptAck replacements read prepareAck's fields from `event`.
    events: {} as LocalTransactionEvent,
  },
  delays: {
    sendTimeout: ({ context }) => attemptTimeoutMs(context),
    localTx: ({ context }) => context.order.localTxMs ?? context.env.config.localTxMs,
  },
  guards: {
    userProducer: ({ context }) => context.env.calls !== undefined,
    canRetry: ({ context }) => context.attempt <= context.env.config.retryTimesWhenSendFailed && sendBudgetLeftMs(context) > 0,
  },
  actions: {
    ...EFFECT_ACTIONS,
    // Effects only: each is `EFFECT_ACTIONS.effects` with its effects decided as params (see the config below).
    sendHalf: EFFECT_ACTIONS.effects,
    sendEndTransaction: EFFECT_ACTIONS.effects,
    reportSendFailure: EFFECT_ACTIONS.effects,
    nextAttempt: assign(({ context }) => {
      const attempt = context.attempt + 1;
      const brokers = context.env.topology.brokers;
      return {
        attempt,
        txId: transactionIdFor(context.order.id, attempt, context.env.config.uniqueTxId),
        broker: brokers[(context.orderIndex + attempt - 1) % brokers.length] as string,
      };
    }),
    acceptAck: assign(({ event }) => ({ offset: event.offset, txId: event.txId, broker: event.from })),
    executeLocal: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ result: executeLocalTransaction(context, new Outbox(enqueue, context)) });
    }),
    callUser: EFFECT_ACTIONS.effects,
    takeUserAnswer: enqueueActions(({ context, event, enqueue }) => {
      enqueue.assign({ result: userLocalResult(context, event as unknown as UserAnswerEvent, new Outbox(enqueue, context)) });
    }),
  },
}).createMachine({
  id: 'localTransaction',
  context: ({ input }) => {
    const brokers = input.env.topology.brokers;
    // Fields listed, not spread: a literal of one shape is much cheaper than copying the input (one per order).
    return {
      env: input.env,
      db: input.db,
      order: input.order,
      orderIndex: input.orderIndex,
      attempt: 1,
      sendStartedMs: input.env.host.now(),
      txId: transactionIdFor(input.order.id, 1, input.env.config.uniqueTxId),
      broker: brokers[input.orderIndex % brokers.length] as string,
      offset: -1,
      result: 'unknown',
    };
  },
  initial: 'sendingHalf',
  states: {
    sendingHalf: {
      entry: { type: 'sendHalf', params: decide(halfMessage) },
      on: { prepareAck: { target: 'executing', actions: 'acceptAck' } },
      after: {
        sendTimeout: [{ guard: 'canRetry', target: 'sendingHalf', reenter: true, actions: 'nextAttempt' }, { target: 'sendFailed' }],
      },
    },
    executing: {
      // A user's TransactionListener runs it instead (its localTx timer is cancelled as the state is left at once).
      always: { guard: 'userProducer', target: 'askingUser' },
      after: { localTx: { target: 'confirming', actions: 'executeLocal' } },
    },
    // A user's TransactionListener runs the local transaction: its endTransaction answer decides.
    askingUser: {
      entry: { type: 'callUser', params: decide(executeLocalCall) },
      // The key is 'userAnswer' (cast: the event is not among the declared ones, see `types`).
      on: { [USER_ANSWER]: { target: 'confirming', actions: 'takeUserAnswer' } },
    },
    confirming: {
      entry: { type: 'sendEndTransaction', params: decide(endTransaction) },
      always: 'done',
    },
    done: { type: 'final' },
    sendFailed: { type: 'final', entry: { type: 'reportSendFailure', params: decide(sendFailure) } },
  },
});
