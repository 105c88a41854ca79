// WRONG: a producer that answers check-backs from memory instead of from the durable record.
//
// The lesson: a check-back exists for the case where the producer's first answer got lost - very often because
// the producer instance crashed, or because the broker asks another instance of the group. Memory dies with the
// instance and is not shared, so the answer it gives then is "I do not know this transaction": rollback. But the
// main transaction (the wallet debit) committed in the database, so the investor paid and never gets the fund.
// Record the outcome in the same database transaction and read it back (examples/correct-producer.ts).
//
//   npx txsim explore --consumer examples/correct-consumer.ts --producer examples/memory-producer.ts
import { assign, emit, setup } from 'xstate';
import type { RoleCall, RoleEmit, RoleResult } from 'txsim';

type Call = RoleCall<'executeLocal' | 'check'>;

const answerKey = (txId: string): string => `answer/${txId}`;

export default setup({
  types: {
    context: {} as { txId: string },
    events: {} as Call | RoleResult<'db.result'> | RoleResult<'memory.result'>,
    emitted: {} as RoleEmit,
  },
  guards: {
    committed: ({ event }) => event.type === 'db.result' && event.ok,
    rememberedCommit: ({ event }) => event.type === 'memory.result' && event.value === 'commit',
  },
}).createMachine({
  id: 'memory-producer',
  context: { txId: '' },
  initial: 'waitingForCall',
  states: {
    waitingForCall: {
      on: {
        executeLocal: {
          target: 'debiting',
          actions: [
            assign({ txId: ({ event }) => event.txId }),
            emit(({ event }) => ({ type: 'db.transaction' as const, ops: [{ op: 'debitWallet' as const, order: event.order, amount: event.amount }] })),
          ],
        },
        check: {
          target: 'recalling',
          actions: emit(({ event }) => ({ type: 'memory.read' as const, key: answerKey(event.txId) })),
        },
      },
    },
    debiting: {
      on: {
        'db.result': [
          {
            guard: 'committed',
            target: 'done',
            // Remembered only in this instance's memory: gone after a crash, unknown to the other instances.
            actions: [emit(({ context }) => ({ type: 'memory.write' as const, key: answerKey(context.txId), value: 'commit' })), emit({ type: 'endTransaction', action: 'commit' })],
          },
          { target: 'done', actions: emit({ type: 'endTransaction', action: 'rollback' }) },
        ],
      },
    },
    // The check-back: "not in memory" is taken to mean "never happened".
    recalling: {
      on: {
        'memory.result': [
          { guard: 'rememberedCommit', target: 'done', actions: emit({ type: 'checkReply', action: 'commit' }) },
          { target: 'done', actions: emit({ type: 'checkReply', action: 'rollback' }) },
        ],
      },
    },
    done: { type: 'final' },
  },
});
