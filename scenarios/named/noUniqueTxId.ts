// Named scenario `no-unique-tx-id`: without a unique transaction id a retried send cannot be deduplicated.
import { defineScenario } from '../format.ts';

export const noUniqueTxId = defineScenario({
  name: 'no-unique-tx-id',
  title: 'Without a unique transaction id, a half send retried after a lost acknowledgement leaves two messages with different ids, and the target fund is bought twice.',
  lesson:
    'Section 6.2 of the seed article: if the business does not fix one unique transaction id when it starts the ' +
    'distributed transaction, nothing downstream can be idempotent, and a retry creates a second order. Here the ' +
    'broker\'s SEND_OK is lost and the producer, which caps each attempt at 1 s (sendMsgMaxTimeoutPerRequest, ' +
    'RocketMQ 5.3.3) within its 3 s sendMsgTimeout budget, retries the half message; both copies end up committed (one ' +
    'by the producer, one by the check-back). With uniqueTxId they would share an id and the consumer would buy once; ' +
    'without it, the money-market position goes negative. (With RocketMQ\'s default, no per-request cap, the lost ' +
    'SEND_OK spends the whole budget, the send throws and there is no retry.) This scenario shows the violation on purpose.',
  scenario: {
    seed: 12,
    config: { uniqueTxId: false, tagSubscribers: false, sendMsgMaxTimeoutPerRequestMs: 1000 },
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }],
    faults: [{ at: 0, type: 'drop', message: 'prepareAck', order: 'o1' }],
    expect: [
      { order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 2 },
      { order: 'o1', violation: 'no-double-purchase' },
      { order: 'o1', violation: 'money-conserved' },
    ],
  },
});
