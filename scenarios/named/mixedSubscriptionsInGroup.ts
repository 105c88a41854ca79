// Named scenario `mixed-subscriptions-in-group`: two instances of one group subscribe to different tags.
import { defineScenario } from '../format.ts';

export const mixedSubscriptionsInGroup = defineScenario({
  name: 'mixed-subscriptions-in-group',
  title: 'Two instances of the target-fund group subscribe to different tags; the broker applies one subscription and each instance filters by its own, so messages are silently skipped for the whole group.',
  lesson:
    'RocketMQ keeps one subscription per (group, topic), the one from the latest heartbeat, and splits the queues among ' +
    'all instances whatever they subscribe to. A TagA message is dropped by the broker\'s filter (the group now ' +
    'subscribes TagB); a TagB message on a queue owned by the TagA instance is dropped by that instance\'s filter. ' +
    'Both advance the offset: the messages are gone for the group, with no error anywhere (apache/rocketmq#2836, ' +
    '#2954). All instances of a group must subscribe identically. This scenario shows the loss on purpose.',
  scenario: {
    seed: 14,
    config: { consumers: 2, consumerSubscriptions: ['TagA', 'TagB'], tagSubscribers: false },
    orders: [
      { id: 'o1', amount: 100, walletBalance: 1000, tag: 'TagA' },
      { id: 'o2', at: 5, amount: 100, walletBalance: 1000, tag: 'TagB' },
    ],
    expect: [
      { order: 'o1', main: 'committed', targetPurchases: 0 },
      { order: 'o2', main: 'committed', targetPurchases: 0 },
      { order: 'o1', violation: 'atomicity' },
      { order: 'o2', violation: 'atomicity' },
      { order: 'o1', violation: 'no-loss' },
      { order: 'o2', violation: 'no-loss' },
      { order: 'o1', violation: 'tag-routing' },
      { order: 'o2', violation: 'tag-routing' },
      { order: 'o1', violation: 'liveness' },
      { order: 'o2', violation: 'liveness' },
    ],
  },
});
