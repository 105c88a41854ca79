// Mutant dedup-by-message-offset: the target-fund consumer keys its idempotency record by the message's broker, queue
// and offset (its msgId) instead of the transaction id. A redelivery of the same stored message is still deduplicated,
// but RocketMQ writes a twice-committed transaction twice, at two offsets (apache/rocketmq#5574): a duplicated
// COMMIT, or a check's COMMIT after the producer's own, buys twice. Caught by no-double-purchase.
import type { ConsumerContext, ConsumerEvent } from '../../model/consumer.ts';
import { consumerMachine } from '../../model/consumer.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

type Finish = (args: { context: ConsumerContext; event: ConsumerEvent }) => void;
const finish: Finish = originalAction(consumerMachine, 'finish');

/** A consumer whose idempotency key is the message offset. */
export const dedupByMessageOffset: Mutant = {
  name: 'dedup-by-message-offset',
  description: 'Idempotency keyed by queue and offset (msgId), not transaction id: a transaction committed twice is bought twice (no-double-purchase).',
  caughtBy: ['no-double-purchase', 'money-conserved'],
  machines: {
    consumer: consumerMachine.provide({
      actions: {
        finish: (args) => {
          const { context, event } = args;
          const d = event.type === 'consumeDone' ? context.consuming.get(event.key) : undefined;
          if (d !== undefined && context.group.role === 'target' && event.type === 'consumeDone') {
            context.consuming.set(event.key, { ...d, txId: `${d.from}/${d.queue}@${d.offset}` });
          }
          finish(args);
        },
      },
    }),
  },
};
