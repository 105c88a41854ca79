// Mutant rollback-delivered: the transaction center, after applying a ROLLBACK, also commits the half message
// (as a faithful center does when a stray COMMIT follows, apache/rocketmq#2694): rolled-back orders are delivered
// and buy the target fund. Caught by half-invisible and atomicity. (An idealized center ignores the second
// resolution, so only faithful runs show it.)
import { enqueueActions } from 'xstate';
import { brokerMachine } from '../../model/broker.ts';
import { transactionCenterMachine } from '../../model/transactionCenter.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

const endTransaction = originalAction(transactionCenterMachine, 'endTransaction');

/** A transaction center that delivers what it rolled back. */
export const rollbackDelivered: Mutant = {
  name: 'rollback-delivered',
  description: 'A ROLLBACK is followed by a commit of the same half message: rolled-back orders are delivered (half-invisible, atomicity).',
  caughtBy: ['half-invisible', 'atomicity'],
  machines: {
    broker: brokerMachine.provide({
      actors: {
        transactionCenter: transactionCenterMachine.provide({
          actions: {
            endTransaction: enqueueActions(({ event, enqueue }) => {
              enqueue(endTransaction);
              if (event.type === 'rollback' || (event.type === 'checkReply' && event.action === 'rollback')) {
                enqueue.raise({ type: 'commit', from: event.from, order: event.order, txId: event.txId, offset: event.offset, producerGroup: event.producerGroup, fromCheck: event.type === 'checkReply' });
              }
            }),
          },
        }),
      },
    }),
  },
};
