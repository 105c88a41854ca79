// Named scenario `duplicate-delivery-idempotent`: a consumer dies before its offset is persisted; the redelivery is
// absorbed by the idempotency record (RemoteBrokerOffsetStore persists offsets every 5 s).
import { defineScenario } from '../format.ts';

export const duplicateDeliveryIdempotent = defineScenario({
  name: 'duplicate-delivery-idempotent',
  title: 'The target-fund consumer buys the target fund, then its process dies before its offset reaches the broker; after the restart the message is delivered again and the idempotency record keyed by transaction id lets it through without buying again.',
  lesson:
    'RocketMQ delivers at least once. A push consumer acknowledges nothing per message: a success only moves its ' +
    'offset in memory, and the offset table reaches the broker every 5 s. A consumer that dies in between comes back ' +
    'at the last persisted offset and is given the message again (a rebalance that moves the queue does the same). ' +
    'The seed article\'s answer is that the secondary transaction must be idempotent, keyed by the unique transaction ' +
    'id. The record is written in the same local transaction as the purchase, so the second delivery finds it and ' +
    'succeeds without buying.',
  scenario: {
    seed: 10,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }],
    faults: [{ at: 1000, type: 'crash', node: 'consumer-2', kind: 'process', restartAfterMs: 2000 }],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, deliveries: 2 }, { noViolations: true }],
  },
});
