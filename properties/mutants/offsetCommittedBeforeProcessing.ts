// Mutant offset-committed-before-processing: the consumer acknowledges a delivery (CONSUME_SUCCESS, so the offset
// moves on) when it receives it, before its listener ran. A listener failure is then never retried, and a crash
// while consuming loses the message once the offset was persisted. The observed history (model/history.ts) sees the
// early ack as the consumption (the broker does too) and no purchase after it: caught by atomicity ("committed but
// never bought; the message ended consumed"), and by no-loss where the message is lost before any ack.
import { enqueueActions } from 'xstate';
import { consumerMachine } from '../../model/consumer.ts';
import { Outbox } from '../../model/effects.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

const receive = originalAction(consumerMachine, 'receive');

/** A consumer that acks on receipt. */
export const offsetCommittedBeforeProcessing: Mutant = {
  name: 'offset-committed-before-processing',
  description: 'Deliveries are acked as consumed on receipt: failures and crashes mid-consumption lose the message (atomicity, no-loss).',
  caughtBy: ['atomicity', 'no-loss'],
  machines: {
    consumer: consumerMachine.provide({
      actions: {
        receive: enqueueActions(({ context, event, enqueue }) => {
          enqueue(receive);
          if (event.type !== 'deliver') return;
          new Outbox(enqueue, context).send(
            event.from,
            { type: 'consumeAck', group: event.group, queue: event.queue, offset: event.offset, status: 'success' },
            event.order,
            true,
          );
        }),
      },
    }),
  },
};
