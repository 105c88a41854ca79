// Mutant commit-before-local-tx: the producer sends COMMIT as soon as the broker stored its half message, before
// executeLocalTransaction ran; its later rollback (short wallet, business rollback) comes too late. The target fund
// is bought for orders whose main transaction never committed. Caught by atomicity and money-conserved.
import { enqueueActions } from 'xstate';
import { businessSystemMachine } from '../../model/businessSystem.ts';
import { PRODUCER_GROUP } from '../../model/config.ts';
import { Outbox } from '../../model/effects.ts';
import { localTransactionMachine } from '../../model/localTransaction.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

const acceptAck = originalAction(localTransactionMachine, 'acceptAck');

/** A producer that commits first and runs the local transaction afterwards. */
export const commitBeforeLocalTx: Mutant = {
  name: 'commit-before-local-tx',
  description: 'COMMIT is sent on SEND_OK, before the local transaction ran: failed main transactions still buy (atomicity).',
  caughtBy: ['atomicity', 'money-conserved'],
  machines: {
    businessSystem: businessSystemMachine.provide({
      actors: {
        localTransaction: localTransactionMachine.provide({
          actions: {
            acceptAck: enqueueActions(({ context, event, enqueue }) => {
              enqueue(acceptAck);
              const order = context.order.id;
              const out = new Outbox(enqueue, context);
              out.send(event.from, { type: 'commit', txId: event.txId, offset: event.offset, producerGroup: PRODUCER_GROUP, fromCheck: false }, order);
            }),
          },
        }),
      },
    }),
  },
};
