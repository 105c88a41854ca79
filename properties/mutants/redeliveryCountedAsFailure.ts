// Mutant redelivery-counted-as-failure: when a delivery is not acknowledged within the pull timeout, the broker
// treats it as a failed consumption and schedules a retry on the next delay level, instead of delivering the same
// message again. A lost delivery or a lost ack then produces a retry that no failure preceded - out of order in
// the delivery lifecycle. Caught by lifecycle (the delivery spec: `retry-scheduled` from `delivered`).
import { enqueueActions } from 'xstate';
import { brokerMachine } from '../../model/broker.ts';
import type { Mutant } from '../types.ts';

/** A broker whose pull timeout schedules a retry. */
export const redeliveryCountedAsFailure: Mutant = {
  name: 'redelivery-counted-as-failure',
  description: 'An unacknowledged delivery is retried as a failure (RECONSUME_LATER) instead of delivered again: a retry no failure preceded (lifecycle).',
  caughtBy: ['lifecycle'],
  machines: {
    broker: brokerMachine.provide({
      actions: {
        redeliver: enqueueActions(({ event, enqueue }) => {
          if (event.type !== 'redeliver') return;
          enqueue.raise({ type: 'consumeAck', from: '', group: event.group, queue: event.queue, offset: event.offset, status: 'later' } as never);
        }),
      },
    }),
  },
};
