// Mutant consumer-not-idempotent: the target-fund consumer skips its idempotency record (no lookup, no write), so
// every duplicate delivery - a duplicated commit, a redelivery after a consumer or broker restart, a lost
// consume ack - buys the target fund again. Caught by no-double-purchase and money-conserved.
import type { ConsumerContext, ConsumerEvent } from '../../model/consumer.ts';
import { consumerMachine } from '../../model/consumer.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

type Finish = (args: { context: ConsumerContext; event: ConsumerEvent }) => void;
const finish: Finish = originalAction(consumerMachine, 'finish');

/** The target-fund listener without its idempotency check. */
export const consumerNotIdempotent: Mutant = {
  name: 'consumer-not-idempotent',
  description: 'The target-fund consumer has no idempotency record: duplicate deliveries buy again (no-double-purchase, money-conserved).',
  caughtBy: ['no-double-purchase', 'money-conserved'],
  machines: {
    consumer: consumerMachine.provide({
      actions: {
        finish: (args) => {
          const { context } = args;
          if (context.group.role !== 'target') return finish(args);
          const config = { ...context.env.config, idempotentConsumer: false };
          finish({ ...args, context: { ...context, env: { ...context.env, config } } });
        },
      },
    }),
  },
};
