// Named scenario `lost-commit`: the commit (second confirmation) is lost; the check-back recovers it.
import { defineScenario } from '../format.ts';

export const lostCommit = defineScenario({
  name: 'lost-commit',
  title: 'The commit is lost on the network; 30 s later the check-back asks the producer group, finds the committed order and commits.',
  lesson:
    'END_TRANSACTION is one-way: the business system never learns that its commit was lost, and the half message ' +
    'stays invisible. This is the failure the seed article\'s check-back (反查) exists for. The transaction center ' +
    'keeps no timer per message; its check service wakes every checkIntervalMs (30 s) and asks the producer group ' +
    'about every half message older than transactionTimeoutMs (6 s). The answer comes from the durable record of ' +
    'the main transaction, so any instance of the group can give it, and the message is committed and delivered ' +
    'about half a minute late, but exactly once.',
  scenario: {
    seed: 2,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000, tag: 'TagC' }],
    faults: [{ at: 0, type: 'drop', message: 'commit', order: 'o1' }],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, deliveries: 1, checks: 1 }, { noViolations: true }],
  },
});
