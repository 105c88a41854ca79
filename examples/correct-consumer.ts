// A correct consumer (the target-fund group's MessageListener, the secondary transaction).
//
// The lesson: make the idempotency check and the purchase ONE database transaction, keyed by the business
// transaction id. The unique insert of `purchase/<txId>` and the purchase commit together or not at all, so a
// duplicate delivery (a redelivery, a send-back, a second stored copy of the message) finds the key and buys
// nothing, and a crash before the commit leaves nothing half done: the redelivery buys.
//
//   npx txsim explore --consumer examples/correct-consumer.ts
import { emit, setup } from 'xstate';
import type { RoleCall, RoleEmit, RoleResult } from 'txsim';

type Delivery = RoleCall<'deliver'>;

export default setup({
  types: {
    events: {} as Delivery | RoleResult<'db.result'>,
    emitted: {} as RoleEmit,
  },
  guards: {
    committed: ({ event }) => event.type === 'db.result' && event.ok,
    /** The key exists: an earlier delivery of this transaction bought already. */
    alreadyBought: ({ event }) => event.type === 'db.result' && event.reason === 'duplicate-key',
  },
}).createMachine({
  id: 'correct-consumer',
  initial: 'waitingForDelivery',
  states: {
    waitingForDelivery: {
      on: {
        deliver: {
          target: 'buyingOnce',
          actions: emit(({ event }) => ({
            type: 'db.transaction' as const,
            ops: [
              { op: 'insert' as const, key: `purchase/${event.txId}` },
              { op: 'buyTargetFund' as const, order: event.order, amount: event.amount },
            ],
          })),
        },
      },
    },
    // The insert and the purchase run as one transaction (config.dbTransactionMs).
    buyingOnce: {
      on: {
        'db.result': [
          { guard: 'committed', target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          { guard: 'alreadyBought', target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          // Anything else: nothing was written; let the broker deliver it again.
          { target: 'done', actions: emit({ type: 'consumeAck', status: 'later' }) },
        ],
      },
    },
    done: { type: 'final' },
  },
});
