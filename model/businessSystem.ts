// A business-system instance: one member of the producer group. It takes the client's orders (one
// localTransaction child per order) and answers the transaction center's check-backs from the durable local
// transaction record in the group's shared database, so any live instance can answer for any order
// (RocketMQ picks the channel round-robin, apache/rocketmq#9791). Volatile: the children and their timers.
// Durable: nothing of its own; the shared business database holds the orders and ledgers.
import { assertEvent, assign, enqueueActions, setup, stopChild } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { PRODUCER_GROUP } from './config.ts';
import { EFFECT_ACTIONS, Outbox, decide } from './effects.ts';
import type { ModelEnv } from './env.ts';
import type { Received, TransactionAction } from './protocol.ts';
import { localTxRecord, runMainTransaction, writeLocalTxRecord } from './ledger.ts';
import { localTransactionMachine } from './localTransaction.ts';
import type { LocalTxAnswer, OrderSpec } from './runSpec.ts';
import type { UserAnswerEvent } from './userCalls.ts';

export interface BusinessSystemInput {
  env: ModelEnv;
  db: DurableStore;
}

export type BusinessSystemEvent =
  | { type: 'placeOrder'; order: OrderSpec; orderIndex: number }
  | Received<'prepareAck'>
  | Received<'check'>
  | UserAnswerEvent;

/** What survives a crash of the instance: nothing of its own (the business database is the group's, shared). */
export type BusinessSystemDurable = never;

/** Where an order in flight is: sending its half message, or running its local transaction (SEND_OK came). */
export type OrderStage = 'sending' | 'executing';

/**
 * Volatile: the orders in flight, one localTransaction child each, and each one's stage as this instance saw it
 * (it forwards the prepareAck that starts the local transaction, and hears when the child is done). Kept in the
 * context so a transition reads it from its snapshot: `self.getSnapshot()` is not the snapshot under `transition()`.
 */
export interface BusinessSystemVolatile {
  readonly orders: ReadonlyMap<string, OrderStage>;
}

export interface BusinessSystemContext extends BusinessSystemInput, BusinessSystemVolatile {}

type CheckAnswer = TransactionAction;

/** The id of the child actor running an order's local transaction: the instance's children are its orders in flight. */
export const childId = (order: string): string => `tx:${order}`;

/**
 * What checkLocalTransaction answers: the test script first (as RocketMQ's own tests script it), then the
 * durable record, then this instance's own in-flight transaction, then the configured answer for a missing record.
 * Its writes (a scripted answer completes or rolls back the local transaction) and facts go to `out`.
 */
export function answerCheck(env: ModelEnv, out: Outbox, order: string, txId: string, runningHere: boolean): CheckAnswer {
  const now = env.host.now();
  const db = out.db;
  const scripted: LocalTxAnswer | undefined = env.script.peekCheckAnswer(order);
  const record = localTxRecord(db, order);
  if (scripted !== undefined) {
    out.script(order, 'checkAnswer');
    if (scripted === 'commit' && (record === undefined || record.status === 'unknown')) {
      // The local transaction completes now: the ledger moves with the answer.
      const spec = env.script.order(order);
      const ok = spec !== undefined && runMainTransaction(db, order, txId, spec.amount, now);
      return ok ? 'commit' : 'rollback';
    }
    if (scripted === 'rollback' && (record === undefined || record.status === 'unknown')) {
      writeLocalTxRecord(db, order, { status: 'rolled_back', txId, reason: 'check-rollback', at: now });
      return 'rollback';
    }
    if (scripted === 'throw') return 'unknown';
    return scripted;
  }
  if (record !== undefined) {
    if (record.status === 'committed') return 'commit';
    if (record.status === 'rolled_back') return 'rollback';
    return 'unknown';
  }
  if (runningHere) return 'unknown';
  return env.config.checkAnswerWhenMissing;
}

/** checkLocalTransaction for a check-back, and the checkReply to the asking broker (exported for the mutants that answer checks from elsewhere). */
export function checkReply(context: BusinessSystemContext, event: BusinessSystemEvent, out: Outbox): void {
  assertEvent(event, 'check');
  if (context.env.calls !== undefined) {
    // A user's checkLocalTransaction answers: the reply leaves when it emits checkReply (see userCheckReply).
    const memo: CheckMemo = { broker: event.from, txId: event.txId, offset: event.offset, order: event.order };
    out.call(`check:${event.order}`, { type: 'check', txId: event.txId, order: event.order, checkTimes: event.checkTimes }, memo);
    return;
  }
  const runningHere = context.orders.get(event.order) === 'executing';
  const action = answerCheck(context.env, out, event.order, event.txId, runningHere);
  out.send(event.from, { type: 'checkReply', txId: event.txId, offset: event.offset, action, producerGroup: PRODUCER_GROUP, fromCheck: true }, event.order);
}

/** What a user's check call needs back to send its checkReply. */
interface CheckMemo {
  readonly broker: string;
  readonly txId: string;
  readonly offset: number;
  readonly order: string;
}

/** A user's answer: executeLocal's goes to the order's child (as a prepareAck does), a check's to the broker. */
function routeUserAnswer(context: BusinessSystemContext, event: BusinessSystemEvent, enqueue: { sendTo(to: string, event: UserAnswerEvent): void }, out: Outbox): void {
  assertEvent(event, 'userAnswer');
  if (event.answer.type === 'endTransaction') {
    const order = event.key.slice('exec:'.length);
    if (context.orders.has(order)) enqueue.sendTo(childId(order), event);
    return;
  }
  if (event.answer.type !== 'checkReply') return;
  const memo = event.memo as CheckMemo;
  out.send(memo.broker, { type: 'checkReply', txId: memo.txId, offset: memo.offset, action: event.answer.action, producerGroup: PRODUCER_GROUP, fromCheck: true }, memo.order);
}

function withoutOrder(orders: BusinessSystemContext['orders'], order: string): BusinessSystemContext['orders'] {
  // A Map, not a record: deleting a key of an object literal turns it into a slow dictionary.
  const rest = new Map(orders);
  rest.delete(order);
  return rest;
}

export const businessSystemMachine = setup({
  types: {
    input: {} as BusinessSystemInput,
    context: {} as BusinessSystemContext,
    events: {} as BusinessSystemEvent,
  },
  actors: { localTransaction: localTransactionMachine },
  actions: {
    ...EFFECT_ACTIONS,
    startOrder: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'placeOrder');
      const id = childId(event.order.id);
      if (context.orders.has(event.order.id)) return;
      enqueue.assign({ orders: new Map(context.orders).set(event.order.id, 'sending') });
      enqueue.spawnChild('localTransaction', {
        id,
        input: { env: context.env, db: context.db, order: event.order, orderIndex: event.orderIndex },
      });
    }),
    forwardAck: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'prepareAck');
      if (!context.orders.has(event.order)) return;
      // The child accepts any SEND_OK while sending and ignores it later: either way it is executing now.
      enqueue.sendTo(childId(event.order), event);
      if (context.orders.get(event.order) === 'sending') enqueue.assign({ orders: new Map(context.orders).set(event.order, 'executing') });
    }),
    // Effects only, decided as params in the config below.
    answerCheck: EFFECT_ACTIONS.effects,
    userAnswer: enqueueActions(({ context, event, enqueue }) => routeUserAnswer(context, event, enqueue as never, new Outbox(enqueue, context))),
  },
}).createMachine({
  id: 'businessSystem',
  context: ({ input }) => ({ env: input.env, db: input.db, orders: new Map() }),
  on: {
    placeOrder: { actions: 'startOrder' },
    prepareAck: { actions: 'forwardAck' },
    check: { actions: { type: 'answerCheck', params: decide(checkReply) } },
    userAnswer: { actions: 'userAnswer' },
    // A finished order's child is removed, so the instance's children are exactly its orders in flight.
    'xstate.done.actor.*': {
      actions: [
        stopChild(({ event }) => event.type.slice('xstate.done.actor.'.length)),
        assign({ orders: ({ context, event }) => withoutOrder(context.orders, event.type.slice('xstate.done.actor.tx:'.length)) }),
      ],
    },
  },
});
