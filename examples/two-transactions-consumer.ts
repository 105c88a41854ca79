// WRONG: a consumer that checks and buys in two database steps.
//
// The lesson: "read the idempotency record, and if it is absent, write it and buy" is a check-then-act race when
// the read and the write are not one transaction. Two deliveries of the same transaction (two stored copies of
// the message, or a redelivery while the first handler still runs) both read "absent" before either writes, and
// both buy: the investor is charged twice. `put` cannot notice the other writer; only a unique insert in the
// same transaction as the purchase can (examples/correct-consumer.ts).
//
//   npx txsim explore --consumer examples/two-transactions-consumer.ts
import { assign, emit, setup } from 'xstate';
import type { RoleCall, RoleEmit, RoleResult } from 'txsim';

type Delivery = RoleCall<'deliver'>;

export default setup({
  types: {
    context: {} as { delivery: Delivery | undefined },
    events: {} as Delivery | RoleResult<'db.result'>,
    emitted: {} as RoleEmit,
  },
  guards: {
    recordFound: ({ event }) => event.type === 'db.result' && event.ok && event.value !== undefined,
    committed: ({ event }) => event.type === 'db.result' && event.ok,
  },
}).createMachine({
  id: 'two-transactions-consumer',
  context: { delivery: undefined },
  initial: 'waitingForDelivery',
  states: {
    waitingForDelivery: {
      on: {
        deliver: {
          target: 'checkingRecord',
          actions: [assign({ delivery: ({ event }) => event }), emit(({ event }) => ({ type: 'db.read' as const, key: `purchase/${event.txId}` }))],
        },
      },
    },
    // Step 1: the idempotency check, on its own (config.dbReadMs). Another delivery may be between here and step 2.
    checkingRecord: {
      on: {
        'db.result': [
          { guard: 'recordFound', target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          {
            target: 'recordingAndBuying',
            actions: emit(({ context }) => ({
              type: 'db.transaction' as const,
              ops: [
                { op: 'put' as const, key: `purchase/${context.delivery?.txId ?? ''}`, value: 'bought' },
                { op: 'buyTargetFund' as const, order: context.delivery?.order ?? '', amount: context.delivery?.amount ?? 0 },
              ],
            })),
          },
        ],
      },
    },
    // Step 2: a second transaction writes the record and buys; it never fails on an existing record.
    recordingAndBuying: {
      on: {
        'db.result': [
          { guard: 'committed', target: 'done', actions: emit({ type: 'consumeAck', status: 'success' }) },
          { target: 'done', actions: emit({ type: 'consumeAck', status: 'later' }) },
        ],
      },
    },
    done: { type: 'final' },
  },
});
