// The delivery lifecycle of one committed message in one consumer group (rocketmq-semantics.md 2.x): delivered,
// then consumed, or failed and retried on the delay levels, dead-lettered after maxReconsumeTimes, and re-driven
// by an operator, after which it is delivered again as in a new cycle. A group whose subscription does not match the tag filters it out
// and never sees it. Events are the group's facts of the order: delivered, filtered, consumed, consume-failed,
// retry-scheduled, dlq, redriven. An event with no transition from the current state is a `lifecycle` violation.
//
// Delivery is at least once: a lost ack, a consumer restart or a duplicated commit puts a second copy in flight,
// so a consumed message may be delivered (and even fail) again, and a copy of the last attempt may still run
// after the first was dead-lettered. The spec allows those; what it forbids is a step out of order: a retry or
// a dead letter with no failure before it (in this cycle or, after a re-drive, the one before), a re-drive of a
// message not in the DLQ, anything after a filter.
// How many retries and which delays is the `dlq` checker's (quantities, not order): one source of truth each.
import { setup } from 'xstate';

/** The facts a delivery spec reads, as its events. */
export type DeliverySpecEvent =
  | { type: 'delivered' }
  | { type: 'filtered' }
  | { type: 'consumed' }
  | { type: 'consume-failed' }
  | { type: 'retry-scheduled' }
  | { type: 'dlq' }
  | { type: 'redriven' };

/**
 * The delivery spec: one (order, consumer group).
 *
 * @example
 * deliverySpec.root.states.ready.on; // delivered, filtered
 */
export const deliverySpec = setup({ types: {} as { events: DeliverySpecEvent } }).createMachine({
  id: 'delivery',
  description: 'One committed message in one consumer group.',
  initial: 'ready',
  states: {
    ready: {
      description: 'Committed (or re-driven) and waiting in the group\'s queue.',
      on: { delivered: 'delivered', filtered: 'filtered' },
    },
    filtered: {
      description: 'The tag does not match the group\'s subscription: never delivered.',
      on: { filtered: {} },
    },
    delivered: {
      description: 'Handed to a consumer instance; no attempt has failed in this cycle.',
      on: { delivered: {}, consumed: 'consumed', 'consume-failed': 'retrying' },
    },
    consumed: {
      description: 'A consumer reported CONSUME_SUCCESS (copies still in flight may arrive again).',
      on: { delivered: {}, consumed: {}, 'consume-failed': 'retrying' },
    },
    retrying: {
      description: 'An attempt failed: retried on delay level 3 + reconsumeTimes until maxReconsumeTimes.',
      on: { delivered: {}, consumed: {}, 'consume-failed': {}, 'retry-scheduled': {}, dlq: 'deadLettered' },
    },
    deadLettered: {
      description: 'In the group\'s %DLQ% topic after the last allowed attempt failed; an alert went out.',
      on: { redriven: 'redriven', delivered: {}, consumed: {}, 'consume-failed': {}, 'retry-scheduled': {}, dlq: {} },
    },
    redriven: {
      description: 'Re-driven by an operator from the DLQ back to the group (a second dead copy may be re-driven too).',
      on: { redriven: {}, delivered: 'redelivered' },
    },
    // RocketMQ looks a send-back's message up by commit-log offset: one still in flight at the re-drive
    // dead-letters the old copy after it (scenarios/examples/late-send-back-after-redrive.json). How many dead
    // letters one failure may make is the dlq checker's.
    redelivered: {
      description: 'Delivered again after a re-drive; a send-back of the earlier cycle may still dead-letter the old copy.',
      on: { delivered: {}, consumed: 'reconsumed', 'consume-failed': 'retrying', dlq: {} },
    },
    reconsumed: {
      description: 'Consumed after a re-drive; a late send-back of the earlier cycle may still dead-letter the old copy.',
      on: { delivered: {}, consumed: {}, 'consume-failed': 'retrying', dlq: {} },
    },
  },
});
