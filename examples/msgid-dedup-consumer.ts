// WRONG: a consumer that de-duplicates by message id instead of by transaction id.
//
// The lesson: the msgId names one stored copy of a message, not the business transaction. A send-back to the
// retry topic, or a second commit of one half message, makes a new stored copy with a new msgId; its delivery
// passes the msgId check and buys again. The article's idempotency key is the transaction id
// (examples/correct-consumer.ts), which every copy of the message carries.
//
//   npx txsim explore --consumer examples/msgid-dedup-consumer.ts
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
    alreadyConsumed: ({ event }) => event.type === 'db.result' && event.reason === 'duplicate-key',
  },
}).createMachine({
  id: 'msgid-dedup-consumer',
  initial: 'waitingForDelivery',
  states: {
    waitingForDelivery: {
      on: {
        deliver: {
          target: 'buyingOncePerMessage',
          // One transaction, as it should be - but keyed by the wrong id.
          actions: emit(({ event }) => ({
            type: 'db.transaction' as const,
            ops: [
              { op: 'insert' as const, key: `consumed/${event.msgId}` },
              { op: 'buyTargetFund' as const, order: event.order, amount: event.amount },
            ],
          })),
        },
      },
    },
    buyingOncePerMessage: {
      on: {
        'db.result': [
          { guard: 'committed', target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          { guard: 'alreadyConsumed', target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          { target: 'done', actions: emit({ type: 'consumeAck', status: 'later' }) },
        ],
      },
    },
    done: { type: 'final' },
  },
});
