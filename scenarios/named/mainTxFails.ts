// Named scenario `main-tx-fails`: the wallet is short; the main transaction fails and nothing is bought.
import { defineScenario } from '../format.ts';

export const mainTxFails = defineScenario({
  name: 'main-tx-fails',
  title: 'The wallet holds less than the order: the main transaction fails, the client is told at once, the half message is rolled back and nothing is delivered.',
  lesson:
    'Section 6.1 of the seed article: when a domain event is likely to fail (a payment with too little balance), the ' +
    'business must answer the client synchronously, not in an asynchronous retry loop that can never succeed. The ' +
    'balance check is part of the main transaction; the business system sends rollback, the transaction center ' +
    'writes an op record and the half message is never seen by any consumer. The client response comes within ' +
    'milliseconds, in the same call.',
  scenario: {
    seed: 4,
    orders: [{ id: 'o1', amount: 5000, walletBalance: 300, tag: 'TagA' }],
    expect: [{ order: 'o1', main: 'rolled_back', message: 'rolled_back', targetPurchases: 0, deliveries: 0, checks: 0 }, { noViolations: true }],
  },
});
