// Named scenario `duplicate-delivery-idempotent`: a delivery arrives twice; the idempotency record absorbs it.
import { defineScenario } from '../format.ts';

export const duplicateDeliveryIdempotent = defineScenario({
  name: 'duplicate-delivery-idempotent',
  title: 'A delivery to the target-fund service arrives twice; the idempotency record keyed by transaction id lets the second one through without buying again.',
  lesson:
    'RocketMQ delivers at least once: a retried network send, a lost acknowledgement or a consumer restart before its ' +
    'offset is persisted all deliver again. The seed article\'s answer is that the secondary transaction must be ' +
    'idempotent, keyed by the unique transaction id. The record is written in the same local transaction as the ' +
    'purchase, so the second delivery finds it and succeeds without buying.',
  scenario: {
    seed: 10,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }],
    faults: [{ at: 0, type: 'duplicate', message: 'deliver', order: 'o1', to: 'consumer-2' }],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, deliveries: 2 }, { noViolations: true }],
  },
});
