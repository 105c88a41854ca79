// Named scenario `poison-message-to-dlq`: a message that always fails ends in the dead-letter queue.
import { defineScenario } from '../format.ts';

export const poisonMessageToDlq = defineScenario({
  name: 'poison-message-to-dlq',
  title: 'The target-fund service fails on every attempt: 17 deliveries over 4 h 45 m 40 s, then the message goes to the DLQ and raises one alert.',
  lesson:
    'After maxReconsumeTimes (16) retries the broker gives up and puts the message in %DLQ%<group>. Nobody consumes a ' +
    'DLQ by default: the message waits for a person. That is why the seed article pairs the DLQ with an alert and ' +
    'business intervention. Until then the investor\'s money sits in the money-market fund and the target fund is ' +
    'not bought, so the run violates atomicity on purpose: the design\'s guarantee ends at the alert. Simulated, the ' +
    'five hours take milliseconds.',
  scenario: {
    seed: 9,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000, consumerFailures: 'always' }],
    expect: [
      { order: 'o1', main: 'committed', message: 'dlq', targetPurchases: 0, deliveries: 17, alert: 'dlq' },
      { order: 'o1', violation: 'atomicity' },
    ],
  },
});
