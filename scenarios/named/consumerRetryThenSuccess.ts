// Named scenario `consumer-retry-then-success`: the secondary transaction fails three times, then succeeds.
import { defineScenario } from '../format.ts';

export const consumerRetryThenSuccess = defineScenario({
  name: 'consumer-retry-then-success',
  title: 'The target-fund service fails three times; the broker retries after 10 s, 30 s and 1 min, and the fourth delivery buys the target fund once.',
  lesson:
    'Section 5 of the seed article: a consumer failure is retried on a schedule. RocketMQ sends a failed message back ' +
    'to the broker, which holds it on a delay level (level 3 + the number of earlier failures: 10 s, 30 s, 1 min, ' +
    '2 min, ...) and then delivers it through the group\'s retry queue, untouched by tag filters. Each retry is the ' +
    'same message with the same transaction id, which is what lets the consumer stay idempotent.',
  scenario: {
    seed: 8,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000, consumerFailures: 3 }],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, deliveries: 4 }, { noViolations: true }],
  },
});
