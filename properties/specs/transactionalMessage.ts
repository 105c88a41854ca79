// The transactional-message lifecycle as the seed article draws it and RocketMQ's broker implements it
// (rocketmq-semantics.md 1.2-1.5): one half message of one transaction on one broker is stored, then committed or
// rolled back, or checked back k times, parked in TRANS_CHECK_MAX_TIME_TOPIC after the last check, and resumed
// by an operator. Events are the broker's facts of that (order, txId, broker): half-stored, check-sent,
// committed, rolled-back, parked, resumed. An event with no transition from the current state is a `lifecycle`
// violation (properties/specs/runSpecs.ts).
//
// Faithful mode allows RocketMQ's known weak spots: the broker keeps no per-transaction state, so a second COMMIT,
// a COMMIT after a ROLLBACK (apache/rocketmq#2694, #5574, #8158) and checks of a re-put copy after the
// transaction was resolved are all accepted. Idealized mode (a txsim departure) forbids them: once resolved, the
// transaction only takes further stores of the same id, which it ignores. Whether the business may see a
// rolled-back message is `half-invisible`'s question (an order-level view across brokers), not this spec's.
import { setup } from 'xstate';
import type { TransactionCenterMode } from '../../model/config.ts';

/** The facts a transactional-message spec reads, as its events. */
export type MessageSpecEvent =
  | { type: 'half-stored' }
  | { type: 'check-sent' }
  | { type: 'committed' }
  | { type: 'rolled-back' }
  | { type: 'parked' }
  | { type: 'resumed' };

const spec = setup({ types: {} as { events: MessageSpecEvent } });

/** What a resolved transaction accepts in faithful mode: the broker keeps no per-transaction state. */
const faithfulAfterResolution = {
  'half-stored': {},
  'check-sent': {},
  parked: {},
  resumed: {},
} as const;

function build(mode: TransactionCenterMode) {
  const faithful = mode === 'faithful';
  return spec.createMachine({
    id: `transactional-message-${mode}`,
    description: `A half message of one transaction on one broker (${mode} transaction center).`,
    initial: 'absent',
    states: {
      absent: {
        description: 'Nothing stored yet.',
        on: { 'half-stored': 'half' },
      },
      half: {
        description: 'Stored as a half message, invisible to consumers, not yet checked.',
        on: { 'half-stored': {}, 'check-sent': 'checked', committed: 'committed', 'rolled-back': 'rolledBack', parked: 'parked' },
      },
      checked: {
        description: 'Checked back at least once (a copy re-put per check); still open.',
        on: { 'half-stored': {}, 'check-sent': {}, committed: 'committed', 'rolled-back': 'rolledBack', parked: 'parked' },
      },
      parked: {
        description: 'Checked transactionCheckMax times: parked in TRANS_CHECK_MAX_TIME_TOPIC until an operator resumes it (another stored copy may still be checked).',
        on: { resumed: 'resumed', parked: {}, 'half-stored': {}, 'check-sent': {}, committed: 'committed', 'rolled-back': 'rolledBack' },
      },
      resumed: {
        description: 'Resumed by an operator: back in the half topic with its check count reset (a second parked copy may be resumed too).',
        on: { resumed: {}, 'half-stored': {}, 'check-sent': 'checked', committed: 'committed', 'rolled-back': 'rolledBack', parked: 'parked' },
      },
      committed: {
        description: 'Committed: written to the business topic, visible to consumers.',
        on: faithful ? { ...faithfulAfterResolution, committed: {}, 'rolled-back': {} } : { 'half-stored': {} },
      },
      rolledBack: {
        description: 'Rolled back: never written to the business topic.',
        on: faithful ? { ...faithfulAfterResolution, 'rolled-back': {}, committed: 'committed' } : { 'half-stored': {} },
      },
    },
  });
}

/**
 * The transactional-message spec of a transaction-center mode.
 *
 * @example
 * transactionalMessageSpec('idealized').root.states.committed; // takes no second `committed`
 */
export function transactionalMessageSpec(mode: TransactionCenterMode): ReturnType<typeof build> {
  return mode === 'faithful' ? FAITHFUL : IDEALIZED;
}

const FAITHFUL = build('faithful');
const IDEALIZED = build('idealized');
