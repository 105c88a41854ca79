// Named scenario `duplicate-commit`: the commit is duplicated; faithful RocketMQ writes the message twice.
import { defineScenario } from '../format.ts';

export const duplicateCommit = defineScenario({
  name: 'duplicate-commit',
  title: 'The commit reaches the broker twice; the transaction center, which keeps no per-transaction state, writes the message twice, and the idempotent consumer buys once.',
  lesson:
    'RocketMQ\'s END_TRANSACTION handler looks the half message up by offset and appends it to the real topic; it does ' +
    'not remember that it already did (apache/rocketmq#5574, #8158). Two commits, two messages, same transaction ' +
    'id. The transactional message makes the producer side atomic; it does not make delivery exactly-once. Run it ' +
    'with "idempotentConsumer": false to see a double purchase, or with "transactionCenter": "idealized" to see a ' +
    'center that remembers each transaction.',
  scenario: {
    seed: 11,
    config: { tagSubscribers: false },
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }],
    faults: [{ at: 0, type: 'duplicate', message: 'commit', order: 'o1' }],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, deliveries: 2 }, { noViolations: true }],
  },
});
