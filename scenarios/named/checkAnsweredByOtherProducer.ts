// Named scenario `check-answered-by-other-producer`: a different instance of the group answers the check-back.
import { defineScenario } from '../format.ts';

export const checkAnsweredByOtherProducer = defineScenario({
  name: 'check-answered-by-other-producer',
  title: 'The producer that sent the half message crashes and its commit is lost; the check-back goes round-robin to the group, and the other instance answers commit from the shared order database.',
  lesson:
    'The broker sends a check to any live connection of the producer group, not to the instance that sent the half ' +
    'message (apache/rocketmq#9791). That is only safe when every instance can answer for every transaction: the ' +
    'local-transaction record must live in the shared database, not in one instance\'s memory. Here the first check ' +
    'goes to the crashed instance and is lost; the next one reaches producer-2, which reads the committed order and ' +
    'answers commit.',
  scenario: {
    seed: 16,
    config: { producers: 2, tagSubscribers: false },
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000, producer: 0 }],
    faults: [
      { at: 0, type: 'drop', message: 'commit', order: 'o1' },
      { at: 30, type: 'crash', node: 'producer-1', restartAfterMs: 120000 },
    ],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, checks: 2 }, { noViolations: true }],
  },
});
