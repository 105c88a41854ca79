// WRONG: a consumer that acknowledges the message before its purchase commits.
//
// The lesson: CONSUME_SUCCESS tells the broker to forget the message. Said before the purchase is durable, a
// crash of the consumer between the acknowledgement and the commit (the transaction takes config.dbTransactionMs,
// and a crash aborts it) loses the purchase for good: nobody will deliver the message again. Acknowledge only
// after the commit (examples/correct-consumer.ts).
//
//   npx txsim explore --consumer examples/ack-before-commit-consumer.ts
import { emit, setup } from 'xstate';
import type { RoleCall, RoleEmit, RoleResult } from 'txsim';

type Delivery = RoleCall<'deliver'>;

export default setup({
  types: {
    events: {} as Delivery | RoleResult<'db.result'>,
    emitted: {} as RoleEmit,
  },
}).createMachine({
  id: 'ack-before-commit-consumer',
  initial: 'waitingForDelivery',
  states: {
    waitingForDelivery: {
      on: {
        deliver: {
          target: 'buyingAfterTheAck',
          actions: [
            // Too early: the broker now considers the message consumed.
            emit({ type: 'consumeAck', status: 'success' }),
            emit(({ event }) => ({
              type: 'db.transaction' as const,
              ops: [
                { op: 'insert' as const, key: `purchase/${event.txId}` },
                { op: 'buyTargetFund' as const, order: event.order, amount: event.amount },
              ],
            })),
          ],
        },
      },
    },
    // A crash while this transaction is in flight aborts it, and the message is already acknowledged.
    buyingAfterTheAck: {
      on: { 'db.result': 'done' },
    },
    done: { type: 'final' },
  },
});
