// Mutant consumer-not-idempotent: the target-fund consumer skips its idempotency record (no lookup, no write), so
// every duplicate delivery - a duplicated commit, a redelivery after a consumer or broker restart, a lost
// consume ack - buys the target fund again. Caught by no-double-purchase and money-conserved.
import { enqueueActions } from 'xstate';
import { consumerMachine, finishConsuming } from '../../model/consumer.ts';
import type { Mutant } from '../types.ts';

/** The target-fund listener without its idempotency check. */
export const consumerNotIdempotent: Mutant = {
  name: 'consumer-not-idempotent',
  description: 'The target-fund consumer has no idempotency record: duplicate deliveries buy again (no-double-purchase, money-conserved).',
  caughtBy: ['no-double-purchase', 'money-conserved'],
  machines: {
    consumer: consumerMachine.provide({
      actions: {
        finish: enqueueActions(({ context, event, enqueue }) => {
          if (context.group.role !== 'target') return finishConsuming(context, event, enqueue);
          const config = { ...context.env.config, idempotentConsumer: false };
          finishConsuming({ ...context, env: { ...context.env, config } }, event, enqueue);
        }),
      },
    }),
  },
};
