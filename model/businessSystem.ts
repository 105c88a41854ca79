// A business-system instance: one member of the producer group. It takes the client's orders (one
// localTransaction child per order) and answers the transaction center's check-backs from the durable local
// transaction record in the group's shared database, so any live instance can answer for any order
// (RocketMQ picks the channel round-robin, apache/rocketmq#9791). Volatile: the children and their timers.
// Durable: nothing of its own; the shared business database holds the orders and ledgers.
import { assertEvent, enqueueActions, setup, stopChild, type AnyActorRef } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { PRODUCER_GROUP } from './config.ts';
import type { ModelEnv } from './env.ts';
import { localTxRecord, runMainTransaction, writeLocalTxRecord } from './ledger.ts';
import { localTransactionMachine } from './localTransaction.ts';
import type { LocalTxAnswer, OrderSpec } from './runSpec.ts';

export interface BusinessSystemInput {
  env: ModelEnv;
  db: DurableStore;
}

export type BusinessSystemEvent =
  | { type: 'placeOrder'; order: OrderSpec; orderIndex: number }
  | { type: 'prepareAck'; txId: string; offset: number; attempt: number; from: string; order: string }
  | { type: 'check'; txId: string; offset: number; checkTimes: number; from: string; order: string };

type CheckAnswer = 'commit' | 'rollback' | 'unknown';

/** The id of the child actor running an order's local transaction: the instance's children are its orders in flight. */
export const childId = (order: string): string => `tx:${order}`;

/**
 * What checkLocalTransaction answers: the test script first (as RocketMQ's own tests script it), then the
 * durable record, then this instance's own in-flight transaction, then the configured answer for a missing record.
 */
export function answerCheck(
  env: ModelEnv,
  db: DurableStore,
  order: string,
  txId: string,
  runningHere: boolean,
): CheckAnswer {
  const now = env.host.now();
  const scripted: LocalTxAnswer | undefined = env.script.nextCheckAnswer(order);
  const record = localTxRecord(db, order);
  if (scripted !== undefined) {
    if (scripted === 'commit' && (record === undefined || record.status === 'unknown')) {
      // The local transaction completes now: the ledger moves with the answer.
      const spec = env.script.order(order);
      const ok = spec !== undefined && runMainTransaction(db, order, txId, spec.amount, now);
      if (ok) env.facts.add({ t: now, kind: 'main-committed', order, node: env.host.name, amount: spec.amount, investor: `inv-${order}` });
      else env.facts.add({ t: now, kind: 'main-rolled-back', order, node: env.host.name, reason: 'insufficient-balance' });
      return ok ? 'commit' : 'rollback';
    }
    if (scripted === 'rollback' && (record === undefined || record.status === 'unknown')) {
      writeLocalTxRecord(db, order, { status: 'rolled_back', txId, reason: 'check-rollback', at: now });
      env.facts.add({ t: now, kind: 'main-rolled-back', order, node: env.host.name, reason: 'check-rollback' });
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

export const businessSystemMachine = setup({
  types: {
    input: {} as BusinessSystemInput,
    context: {} as BusinessSystemInput,
    events: {} as BusinessSystemEvent,
  },
  actors: { localTransaction: localTransactionMachine },
  actions: {
    startOrder: enqueueActions(({ context, event, enqueue, self }) => {
      assertEvent(event, 'placeOrder');
      const id = childId(event.order.id);
      if (self.getSnapshot().children[id] !== undefined) return;
      const { host, facts } = context.env;
      facts.add({ t: host.now(), kind: 'order-placed', order: event.order.id, node: host.name });
      enqueue.spawnChild('localTransaction', {
        id,
        input: { env: context.env, db: context.db, order: event.order, orderIndex: event.orderIndex },
      });
    }),
    forwardAck: enqueueActions(({ event, enqueue, self }) => {
      assertEvent(event, 'prepareAck');
      const child = self.getSnapshot().children[childId(event.order)] as AnyActorRef | undefined;
      if (child !== undefined) enqueue.sendTo(child, event);
    }),
    answerCheck: ({ context, event, self }) => {
      assertEvent(event, 'check');
      const { env, db } = context;
      const child = self.getSnapshot().children[childId(event.order)] as AnyActorRef | undefined;
      const runningHere = child !== undefined && child.getSnapshot().value === 'executing';
      const action = answerCheck(env, db, event.order, event.txId, runningHere);
      const { host, facts } = env;
      facts.add({ t: host.now(), kind: 'check-answered', order: event.order, node: host.name, answer: action });
      facts.add({ t: host.now(), kind: 'end-tx', order: event.order, node: host.name, txId: event.txId, action, fromCheck: true });
      host.send(
        event.from,
        'checkReply',
        { txId: event.txId, offset: event.offset, action, producerGroup: PRODUCER_GROUP, fromCheck: true },
        { order: event.order },
      );
    },
  },
}).createMachine({
  id: 'businessSystem',
  context: ({ input }) => input,
  on: {
    placeOrder: { actions: 'startOrder' },
    prepareAck: { actions: 'forwardAck' },
    check: { actions: 'answerCheck' },
    // A finished order's child is removed, so the instance's children are exactly its orders in flight.
    'xstate.done.actor.*': { actions: stopChild(({ event }) => event.type.slice('xstate.done.actor.'.length)) },
  },
});
