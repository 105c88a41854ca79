// Named scenario `unknown-then-rollback`: the local transaction reports UNKNOW; a later check-back rolls back.
import { defineScenario } from '../format.ts';

export const unknownThenRollback = defineScenario({
  name: 'unknown-then-rollback',
  title: 'The local transaction answers UNKNOW; the second check-back answers rollback and the half message is discarded unseen.',
  lesson:
    'The mirror of unknown-then-commit: the main transaction is finally abandoned, the check answers rollback, and ' +
    'the message that was never visible stays that way. Nothing is debited and nothing is bought; the only trace of ' +
    'the order is two check-backs. A check answer must be the truth of the durable record: answering rollback while ' +
    'the main transaction might still commit is the race of apache/rocketmq#2694.',
  scenario: {
    seed: 6,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000, localTx: 'unknown', checkAnswers: ['unknown', 'rollback'] }],
    expect: [{ order: 'o1', main: 'rolled_back', message: 'rolled_back', targetPurchases: 0, deliveries: 0, checks: 2 }, { noViolations: true }],
  },
});
