// Named scenario `unknown-then-commit`: the local transaction reports UNKNOW; a later check-back commits.
import { defineScenario } from '../format.ts';

export const unknownThenCommit = defineScenario({
  name: 'unknown-then-commit',
  title: 'The local transaction answers UNKNOW; the first check-back still answers unknown, the second answers commit and the message is delivered.',
  lesson:
    'RocketMQ\'s own transactional tests script exactly this: executeLocalTransaction returns UNKNOW (the main ' +
    'transaction is still running, or its outcome is not known yet), and checkLocalTransaction answers later. ' +
    'UNKNOW does nothing at the broker, so the message waits for the next round: here the main transaction finishes ' +
    'during the second check, 30 s after the first, and only then is the target fund bought. An unknown answer costs ' +
    'a check interval of latency, and one of the 15 checks.',
  scenario: {
    seed: 5,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000, localTx: 'unknown', checkAnswers: ['unknown', 'commit'] }],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, checks: 2 }, { noViolations: true }],
  },
});
