// Mutant fire-and-forget-offset-commit: the consumer sends its acked offsets once and forgets them, without
// waiting for the broker's confirmation (RocketMQ's client re-sends its whole offset table every 5 s). One lost
// offset update and the broker never persists that offset: it holds the message as in flight forever, and after a
// broker restart delivers it again. Caught by liveness (the run never settles: the backlog never drains).
import { enqueueActions } from 'xstate';
import { consumerMachine, offsetCommits } from '../../model/consumer.ts';
import { Outbox } from '../../model/effects.ts';
import type { Mutant } from '../types.ts';

/** A consumer that sends each offset commit once. */
export const fireAndForgetOffsetCommit: Mutant = {
  name: 'fire-and-forget-offset-commit',
  description: 'Offset commits are sent once and forgotten: a lost one is never repaired, the backlog never drains (liveness).',
  caughtBy: ['liveness', 'no-loss'],
  machines: {
    consumer: consumerMachine.provide({
      actions: {
        // The persist tick (model/consumer.ts, `ticking` -> `quiet`) sends the commits, then forgets what it sent.
        commitOffsets: enqueueActions(({ context, event, enqueue }) => {
          offsetCommits(context, event, new Outbox(enqueue, context));
          enqueue.assign({ uncommitted: new Map() });
        }),
      },
    }),
  },
};
