// Mutant retry-counter-off-by-one: the broker compares the retry counter with `>` instead of `>=`, so a poison
// message is delivered maxReconsumeTimes + 2 times and dead-lettered with reconsumeTimes = maxReconsumeTimes + 1.
// Caught by dlq.
import { brokerMachine } from '../../model/broker.ts';
import type { Mutant } from '../types.ts';

/** A broker that allows one retry too many. */
export const retryCounterOffByOne: Mutant = {
  name: 'retry-counter-off-by-one',
  description: 'The DLQ threshold is reconsumeTimes > maxReconsumeTimes: one delivery too many before the DLQ (dlq).',
  caughtBy: ['dlq'],
  machines: {
    broker: brokerMachine.provide({
      guards: {
        retriesExhausted: ({ context }, params: { reconsumeTimes: number }) => params.reconsumeTimes > context.env.config.maxReconsumeTimes,
      },
    }),
  },
};
