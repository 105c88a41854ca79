// Named scenario `check-answered-by-other-producer`: a different instance of the group answers the check-back
// (ProducerManager.doChannelCloseEvent drops a killed process's channel at once).
import { defineScenario } from '../format.ts';

export const checkAnsweredByOtherProducer = defineScenario({
  name: 'check-answered-by-other-producer',
  title: "The producer that sent the half message is killed and its commit is lost; its connection closes, the broker drops its channel at once, and the first check-back goes to the other instance, which answers commit from the shared order database.",
  lesson:
    'The broker sends a check to a registered channel of the producer group, round-robin, not to the instance that ' +
    'sent the half message (ProducerManager.getAvailableChannel, apache/rocketmq#9791). That is only safe when every ' +
    'instance can answer for every transaction: the local-transaction record must live in the shared database, not ' +
    'in one instance\'s memory. Here producer-1\'s process dies: its TCP connection closes and the broker removes its ' +
    'channel at once, so the first check already reaches producer-2, which reads the committed order and answers ' +
    'commit. Run it with "kind": "machine" to see the other case: a machine that dies closes nothing, its channel ' +
    'stays registered until 120 s pass without a heartbeat, and every other check goes to it and is lost.',
  scenario: {
    seed: 16,
    config: { producers: 2, tagSubscribers: false },
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000, producer: 0 }],
    faults: [
      { at: 0, type: 'drop', message: 'commit', order: 'o1' },
      { at: 30, type: 'crash', node: 'producer-1', kind: 'process', restartAfterMs: 120000 },
    ],
    expect: [{ order: 'o1', main: 'committed', message: 'consumed', targetPurchases: 1, checks: 1 }, { noViolations: true }],
  },
});
