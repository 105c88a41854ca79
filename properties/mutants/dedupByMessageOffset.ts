// Mutant dedup-by-message-offset: the target-fund consumer keys its idempotency record by the message's broker, queue
// and offset (its msgId) instead of the transaction id. A redelivery of the same stored message is still deduplicated,
// but RocketMQ writes a twice-committed transaction twice, at two offsets (apache/rocketmq#5574): a duplicated
// COMMIT, or a check's COMMIT after the producer's own, buys twice. Caught by no-double-purchase.
import { enqueueActions } from 'xstate';
import { consumerMachine, finishConsuming } from '../../model/consumer.ts';
import type { Mutant } from '../types.ts';

/** A consumer whose idempotency key is the message offset. */
export const dedupByMessageOffset: Mutant = {
  name: 'dedup-by-message-offset',
  description: 'Idempotency keyed by queue and offset (msgId), not transaction id: a transaction committed twice is bought twice (no-double-purchase).',
  caughtBy: ['no-double-purchase', 'money-conserved'],
  machines: {
    consumer: consumerMachine.provide({
      actions: {
        finish: enqueueActions(({ context, event, enqueue }) => {
          const d = event.type === 'consumeDone' ? context.consuming.get(event.key) : undefined;
          if (d === undefined || context.group.role !== 'target' || event.type !== 'consumeDone') return finishConsuming(context, event, enqueue);
          // The context is immutable: the listener is handed a copy whose delivery carries the offset as its key.
          const consuming = new Map(context.consuming).set(event.key, { ...d, txId: `${d.from}/${d.queue}@${d.offset}` });
          finishConsuming({ ...context, consuming }, event, enqueue);
        }),
      },
    }),
  },
};
