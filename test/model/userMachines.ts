// Small users' machines for the user-role tests (model/protocol.ts "Role calls"), written as a user would: XState
// v5 machines that emit their answers and database requests.
import { assign, emit, setup } from 'xstate';
import type { RoleCallFields, RoleEmit } from '../../model/protocol.ts';

type Deliver = { type: 'deliver' } & RoleCallFields['deliver'];
type DbResult = { type: 'db.result'; ok: boolean; value?: unknown; reason?: string };
type ConsumerEvent = Deliver | DbResult;

/** The correct consumer: one transaction inserts processed/<txId> and buys; a duplicate key means done before. */
export const correctConsumer = setup({
  types: { events: {} as ConsumerEvent, emitted: {} as RoleEmit },
}).createMachine({
  id: 'correct-consumer',
  initial: 'idle',
  states: {
    idle: {
      on: {
        deliver: {
          target: 'buying',
          actions: [
            emit(({ event }) => ({
              type: 'db.transaction' as const,
              ops: [
                { op: 'insert' as const, key: `processed/${event.txId}` },
                { op: 'buyTargetFund' as const, order: event.order, amount: event.amount },
              ],
            })),
          ],
        },
      },
    },
    buying: {
      on: {
        'db.result': [
          { guard: ({ event }) => event.ok || event.reason === 'duplicate-key', target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          { target: 'done', actions: emit({ type: 'consumeAck', status: 'later' }) },
        ],
      },
    },
    done: { type: 'final' },
  },
});

/** Not idempotent: buys on every delivery. */
export const nonIdempotentConsumer = setup({
  types: { events: {} as ConsumerEvent, emitted: {} as RoleEmit },
}).createMachine({
  id: 'non-idempotent-consumer',
  initial: 'idle',
  states: {
    idle: {
      on: {
        deliver: {
          target: 'buying',
          actions: emit(({ event }) => ({ type: 'db.transaction' as const, ops: [{ op: 'buyTargetFund' as const, order: event.order, amount: event.amount }] })),
        },
      },
    },
    buying: { on: { 'db.result': { target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) } } },
    done: { type: 'final' },
  },
});

/** Acknowledges first, then runs the purchase transaction: a crash between loses the purchase. */
export const ackFirstConsumer = setup({
  types: { events: {} as ConsumerEvent, emitted: {} as RoleEmit },
}).createMachine({
  id: 'ack-first-consumer',
  initial: 'idle',
  states: {
    idle: {
      on: {
        deliver: {
          target: 'buying',
          actions: [
            emit({ type: 'consumeAck', status: 'success' }),
            emit(({ event }) => ({
              type: 'db.transaction' as const,
              ops: [
                { op: 'insert' as const, key: `processed/${event.txId}` },
                { op: 'buyTargetFund' as const, order: event.order, amount: event.amount },
              ],
            })),
          ],
        },
      },
    },
    buying: { on: { 'db.result': 'done' } },
    done: { type: 'final' },
  },
});

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
