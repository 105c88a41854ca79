// Named scenario `happy-path`: no faults; every order goes prepare -> main transaction -> commit -> delivery.
import { defineScenario } from '../format.ts';

/** Three discounted purchases on a reliable network, one with a short wallet. */
export const happyPath = defineScenario({
  name: 'happy-path',
  title: 'Three discounted purchases on a reliable network: two buy the target fund once, the one with a short wallet rolls back cleanly.',
  lesson:
    'This is the flow of the seed article with nothing going wrong. The business system first stores a half message ' +
    'on the broker (prepare), invisible to consumers; then it runs the main transaction, buying the money-market ' +
    'fund from the wallet; then it tells the transaction center to commit, and only now is the message delivered ' +
    'to the target-fund service, which buys the target fund exactly once. When the main transaction fails (o3 ' +
    'asks for more than its wallet holds) the business system sends a rollback and the half message is discarded: ' +
    'nothing is bought and no money moves. Every other scenario is this one with something taken away; compare ' +
    'their traces with this one to see what the check-back, the retries and the idempotency record are for.',
  scenario: {
    seed: 1,
    orders: [
      { id: 'o1', amount: 100, walletBalance: 1000, tag: 'TagC' },
      { id: 'o2', at: 10, amount: 250, walletBalance: 1000, tag: 'TagA' },
      { id: 'o3', at: 20, amount: 5000, walletBalance: 300 },
    ],
    expect: [
      { order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, checks: 0 },
      { order: 'o2', main: 'committed', message: 'consumed', targetPurchases: 1, checks: 0 },
      { order: 'o3', main: 'rolled_back', message: 'rolled_back', targetPurchases: 0, deliveries: 0 },
      { noViolations: true },
    ],
  },
});
