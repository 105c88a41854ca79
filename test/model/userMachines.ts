// Small users' machines for the user-role tests (model/protocol.ts "Role calls"), written as a user would: XState
// v5 machines that emit their answers and database requests.
import { assign, emit, enqueueActions, setup } from 'xstate';
import type { RoleCallFields, RoleEmit } from '../../model/protocol.ts';

type Deliver = { type: 'deliver' } & RoleCallFields['deliver'];
type DbResult = { type: 'db.result'; ok: boolean; value?: unknown; reason?: string };
type ConsumerEvent = Deliver | DbResult;

/** The purchase as one transaction, with the idempotency record processed/<txId> when `idempotent`. */
function purchase(event: Deliver, idempotent: boolean): RoleEmit<'db.transaction'> {
  const buy = { op: 'buyTargetFund' as const, order: event.order, amount: event.amount };
  return { type: 'db.transaction', ops: idempotent ? [{ op: 'insert', key: `processed/${event.txId}` }, buy] : [buy] };
}

/**
 * A consumer that runs `purchase` on a delivery: `ackFirst` answers before the transaction (a crash between loses
 * the purchase), otherwise it answers success when the transaction committed or found the record (duplicate-key).
 */
function consumer(id: string, idempotent: boolean, ackFirst: boolean) {
  return setup({ types: { events: {} as ConsumerEvent, emitted: {} as RoleEmit } }).createMachine({
    id,
    initial: 'idle',
    states: {
      idle: {
        on: {
          deliver: {
            target: 'buying',
            actions: enqueueActions(({ event, enqueue }) => {
              if (ackFirst) enqueue.emit({ type: 'consumeAck', status: 'success' });
              enqueue.emit(purchase(event, idempotent));
            }),
          },
        },
      },
      buying: {
        on: {
          'db.result': {
            target: 'done',
            actions: enqueueActions(({ event, enqueue }) => {
              if (!ackFirst) enqueue.emit({ type: 'consumeAck', status: event.ok || event.reason === 'duplicate-key' ? 'success' : 'later' });
            }),
          },
        },
      },
      done: { type: 'final' },
    },
  });
}

/** The correct consumer: one transaction inserts processed/<txId> and buys; a duplicate key means done before. */
export const correctConsumer = consumer('correct-consumer', true, false);

/** Not idempotent: buys on every delivery. */
export const nonIdempotentConsumer = consumer('non-idempotent-consumer', false, false);

/** Acknowledges first, then runs the purchase transaction. */
export const ackFirstConsumer = consumer('ack-first-consumer', true, true);

type ProducerEvent =
  | ({ type: 'executeLocal' } & RoleCallFields['executeLocal'])
  | ({ type: 'check' } & RoleCallFields['check'])
  | DbResult;

/**
 * A correct producer: the main transaction (debitWallet) and its own record local/<order> in one database
 * transaction; a refused one records rolled_back; a check-back answers from that durable record.
 */
export const correctProducer = setup({
  types: { context: {} as { order: string }, events: {} as ProducerEvent, emitted: {} as RoleEmit },
}).createMachine({
  id: 'correct-producer',
  context: { order: '' },
  initial: 'idle',
  states: {
    idle: {
      on: {
        executeLocal: {
          target: 'executing',
          actions: [
            assign({ order: ({ event }) => event.order }),
            emit(({ event }) => ({
              type: 'db.transaction' as const,
              ops: [
                { op: 'put' as const, key: `local/${event.order}`, value: 'committed' },
                { op: 'debitWallet' as const, order: event.order, amount: event.amount },
              ],
            })),
          ],
        },
        check: {
          target: 'checking',
          actions: emit(({ event }) => ({ type: 'db.read' as const, key: `local/${event.order}` })),
        },
      },
    },
    executing: {
      on: {
        'db.result': [
          { guard: ({ event }) => event.ok, target: 'done', actions: emit({ type: 'endTransaction', action: 'commit' }) },
          { target: 'recordingRollback', actions: emit(({ context }) => ({ type: 'db.write' as const, key: `local/${context.order}`, value: 'rolled_back' })) },
        ],
      },
    },
    recordingRollback: { on: { 'db.result': { target: 'done', actions: emit({ type: 'endTransaction', action: 'rollback' }) } } },
    checking: {
      on: {
        'db.result': {
          target: 'done',
          actions: emit(({ event }) => ({
            type: 'checkReply' as const,
            action: event.value === 'committed' ? ('commit' as const) : event.value === 'rolled_back' ? ('rollback' as const) : ('unknown' as const),
          })),
        },
      },
    },
    done: { type: 'final' },
  },
});
