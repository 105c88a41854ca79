// Mutant fire-and-forget-offset-commit: the consumer sends its acked offsets once and forgets them, without
// waiting for the broker's confirmation (RocketMQ's client re-sends its whole offset table every 5 s). One lost
// offset update and the broker never persists that offset: it holds the message as in flight forever, and after a
// broker restart delivers it again. Caught by liveness (the run never settles: the backlog never drains).
import { assign } from 'xstate';
import { consumerMachine } from '../../model/consumer.ts';
import type { Mutant } from '../types.ts';

/** A consumer that sends each offset commit once. */
export const fireAndForgetOffsetCommit: Mutant = {
  name: 'fire-and-forget-offset-commit',
  description: 'Offset commits are sent once and forgotten: a lost one is never repaired, the backlog never drains (liveness).',
  caughtBy: ['liveness', 'no-loss'],
  machines: {
    consumer: consumerMachine.provide({
      actions: {
        // disarmCommit follows every commitOffsets round (model/consumer.ts): the sent offsets are forgotten there.
        disarmCommit: assign({ commitArmed: false, uncommitted: () => new Map() }),
      },
    }),
  },
};
