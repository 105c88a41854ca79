// A correct producer (the business system's TransactionListener: the main transaction and the check-back).
//
// The lessons:
// - executeLocal: debit the wallet and write this system's own record of the transaction in ONE database
//   transaction, then answer commit; insufficient balance rolls both back, and the answer is rollback.
// - check: answer from that durable record, never from memory (examples/memory-producer.ts). A record says
//   commit. No record is the hard case: the local transaction may have rolled back, never run (its instance
//   crashed first), or still be in flight on another instance, and would then commit after a "rollback" answer
//   (money taken, no purchase). So the check fences it: it inserts a "rolled-back" record. If that insert wins,
//   a late local transaction now fails on the duplicate key and rolls back too, and rollback is the truth. If it
//   loses, the local transaction committed in between: answer unknown, and the next check-back reads the record.
//
//   npx txsim explore --consumer examples/correct-consumer.ts --producer examples/correct-producer.ts
import { assign, emit, setup } from 'xstate';
import type { RoleCall, RoleEmit, RoleResult, TransactionAction } from 'txsim';

type Call = RoleCall<'executeLocal' | 'check'>;
type DbResult = RoleResult<'db.result'>;

const recordKey = (txId: string): string => `localtx/${txId}`;
/** What the durable record says, as the broker's LocalTransactionState. */
const recorded = (event: DbResult): TransactionAction | undefined => (event.value === 'committed' ? 'commit' : event.value === 'rolled-back' ? 'rollback' : undefined);

export default setup({
  types: {
    context: {} as { txId: string },
    events: {} as Call | DbResult,
    emitted: {} as RoleEmit,
  },
  guards: {
    committed: ({ event }) => event.type === 'db.result' && event.ok,
    insufficientBalance: ({ event }) => event.type === 'db.result' && event.reason === 'insufficient-balance',
    duplicateKey: ({ event }) => event.type === 'db.result' && event.reason === 'duplicate-key',
    recordFound: ({ event }) => event.type === 'db.result' && event.ok && recorded(event) !== undefined,
  },
}).createMachine({
  id: 'correct-producer',
  context: { txId: '' },
  initial: 'waitingForCall',
  states: {
    waitingForCall: {
      on: {
        executeLocal: {
          target: 'debitingAndRecording',
          actions: [
            assign({ txId: ({ event }) => event.txId }),
            emit(({ event }) => ({
              type: 'db.transaction' as const,
              ops: [
                { op: 'insert' as const, key: recordKey(event.txId), value: 'committed' },
                { op: 'debitWallet' as const, order: event.order, amount: event.amount },
              ],
            })),
          ],
        },
        check: {
          target: 'readingRecord',
          actions: [assign({ txId: ({ event }) => event.txId }), emit(({ event }) => ({ type: 'db.read' as const, key: recordKey(event.txId) }))],
        },
      },
    },
    // executeLocal: the main transaction and its record, atomically.
    debitingAndRecording: {
      on: {
        'db.result': [
          { guard: 'committed', target: 'done', actions: emit({ type: 'endTransaction', action: 'commit' }) },
          { guard: 'insufficientBalance', target: 'done', actions: emit({ type: 'endTransaction', action: 'rollback' }) },
          // A record exists already: a check-back fenced this transaction (or it ran before). Read which.
          { guard: 'duplicateKey', target: 'readingRecordAfterDuplicate', actions: emit(({ context }) => ({ type: 'db.read' as const, key: recordKey(context.txId) })) },
          { target: 'done', actions: emit({ type: 'endTransaction', action: 'unknown' }) },
        ],
      },
    },
    readingRecordAfterDuplicate: {
      on: {
        'db.result': [
          { guard: 'recordFound', target: 'done', actions: emit(({ event }) => ({ type: 'endTransaction' as const, action: recorded(event) ?? 'unknown' })) },
          { target: 'done', actions: emit({ type: 'endTransaction', action: 'unknown' }) },
        ],
      },
    },
    // check: the durable record decides.
    readingRecord: {
      on: {
        'db.result': [
          { guard: 'recordFound', target: 'done', actions: emit(({ event }) => ({ type: 'checkReply' as const, action: recorded(event) ?? 'unknown' })) },
          {
            target: 'fencingLateTransaction',
            actions: emit(({ context }) => ({ type: 'db.transaction' as const, ops: [{ op: 'insert' as const, key: recordKey(context.txId), value: 'rolled-back' }] })),
          },
        ],
      },
    },
    // No record: make sure no local transaction can commit later, then rollback is true for good.
    fencingLateTransaction: {
      on: {
        'db.result': [
          { guard: 'committed', target: 'done', actions: emit({ type: 'checkReply', action: 'rollback' }) },
          { target: 'done', actions: emit({ type: 'checkReply', action: 'unknown' }) },
        ],
      },
    },
    done: { type: 'final' },
  },
});
