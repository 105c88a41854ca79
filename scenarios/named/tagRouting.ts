// Named scenario `tag-routing`: the seed article's topic/tag matrix.
import { defineScenario } from '../format.ts';

export const tagRouting = defineScenario({
  name: 'tag-routing',
  title: 'Orders tagged TagA, TagB, TagC and none reach exactly their subscribers: ops TagA, customer service TagB, orchestration TagC, compliance TagA || TagC, data center everything.',
  lesson:
    'Section 2.3 of the seed article: one topic, tags as the second level of classification, each downstream system ' +
    'subscribing to the tags it owns. Matching is exact and case-sensitive; "TagA || TagC" is two tags; "*" takes ' +
    'everything, untagged messages included, while an untagged message matches no tag list. Filtering happens on the ' +
    'broker by tag hash and again in the client by tag string; a filtered message still advances the group\'s offset.',
  scenario: {
    seed: 13,
    orders: [
      { id: 'a1', amount: 100, walletBalance: 1000, tag: 'TagA' },
      { id: 'b1', at: 5, amount: 100, walletBalance: 1000, tag: 'TagB' },
      { id: 'c1', at: 10, amount: 100, walletBalance: 1000, tag: 'TagC' },
      { id: 'n1', at: 15, amount: 100, walletBalance: 1000 },
      { id: 'x1', at: 20, amount: 100, walletBalance: 1000, tag: 'taga' },
    ],
    expect: [
      { order: 'a1', message: 'consumed', targetPurchases: 1 },
      { order: 'b1', message: 'consumed', targetPurchases: 1 },
      { order: 'c1', message: 'consumed', targetPurchases: 1 },
      { order: 'n1', message: 'consumed', targetPurchases: 1 },
      { order: 'x1', message: 'consumed', targetPurchases: 1 },
      { noViolations: true },
    ],
  },
});
