// Named scenario `producer-crash-after-local-commit`: the only producer dies between its local commit and the broker.
import { defineScenario } from '../format.ts';

export const producerCrashAfterLocalCommit = defineScenario({
  name: 'producer-crash-after-local-commit',
  title: 'The business system crashes right after its main transaction commits, before its commit reaches the broker; after it restarts, the check-back finds the committed order.',
  lesson:
    'This is the case the seed article gives for why a plain "main transaction, then send" cannot work: the business ' +
    'may die between the two and never send. With a transactional message the half message is already on the ' +
    'broker, so the transaction center keeps asking. The first check (at 30 s) goes to a producer that is down and is ' +
    'lost, but it still counts; the second, after the restart, is answered from the durable order record. What ' +
    'survives the crash is what was in the database, not what was in the process: the answer must come from durable ' +
    'state.',
  scenario: {
    seed: 3,
    config: { producers: 1 },
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }],
    faults: [
      { at: 0, type: 'drop', message: 'commit', order: 'o1' },
      { at: 30, type: 'crash', node: 'producer-1', restartAfterMs: 45000 },
    ],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, checks: 2 }, { noViolations: true }],
  },
});
