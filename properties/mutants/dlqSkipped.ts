// Mutant dlq-skipped: a message that failed its last allowed attempt is acknowledged and dropped instead of going
// to the group's DLQ - no dead letter, no alert, nobody re-drives it. Caught by no-loss and dlq.
import { enqueueActions } from 'xstate';
import { brokerMachine, storedMessage } from '../../model/broker.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

const consumeAck = originalAction(brokerMachine, 'consumeAck');

/** A broker that drops exhausted messages. */
export const dlqSkipped: Mutant = {
  name: 'dlq-skipped',
  description: 'An exhausted message is acked and dropped instead of dead-lettered: no DLQ entry, no alert (no-loss, dlq).',
  caughtBy: ['no-loss', 'dlq'],
  machines: {
    broker: brokerMachine.provide({
      actions: {
        consumeAck: enqueueActions(({ context, event, enqueue }) => {
          if (event.type === 'consumeAck' && event.status === 'later') {
            const message = storedMessage(context.store, event.queue, event.offset);
            const inflight = context.delivery.cursor(event.group, event.queue)?.inflight.has(event.offset) ?? false;
            if (inflight && message !== undefined && message.reconsumeTimes >= context.env.config.maxReconsumeTimes) {
              enqueue.raise({ ...event, status: 'success' });
              return;
            }
          }
          enqueue(consumeAck);
        }),
      },
    }),
  },
};
