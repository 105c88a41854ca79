// Mutant retries-not-durable: the broker keeps scheduled consumer retries in a volatile timer wheel; at restart it
// drops them instead of re-arming them from its store. A message whose consumption failed (a business error, no
// fault) and a broker crash before its retry fell due: the retry never happens, nothing is dead-lettered, the
// paid order is never bought. Caught by atomicity, no-loss and liveness.
import { enqueueActions } from 'xstate';
import { brokerMachine } from '../../model/broker.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

const boot = originalAction(brokerMachine, 'boot');

/** A broker that forgets its scheduled retries when it restarts. */
export const retriesNotDurable: Mutant = {
  name: 'retries-not-durable',
  description: 'Scheduled consumer retries are volatile: a broker restart drops them, so a failed message is never retried (atomicity, no-loss).',
  caughtBy: ['atomicity', 'no-loss', 'liveness', 'dlq'],
  machines: {
    broker: brokerMachine.provide({
      actions: {
        boot: enqueueActions(({ context, enqueue }) => {
          // Only a restart (an incarnation after the first) finds retries to forget.
          for (const [key] of context.store.entries('sched/r/')) context.store.delete(key);
          enqueue(boot);
        }),
      },
    }),
  },
};
