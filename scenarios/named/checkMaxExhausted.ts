// Named scenario `check-max-exhausted`: the producer group is down longer than the check window (ProducerManager
// keeps a dead machine's channel 120 s; TransactionalMessageServiceImpl burns the count with or without a channel).
import { defineScenario } from '../format.ts';

export const checkMaxExhausted = defineScenario({
  name: 'check-max-exhausted',
  title: 'The commit is lost and both producer machines are down for ten minutes: four check-backs go to channels the broker still holds for the dead machines, then none is left, the count keeps burning, and after 15 the message is parked with an alert.',
  lesson:
    'The check-back is not forever. After transactionCheckMax (15) evaluations, 30 s apart, about seven and a half ' +
    'minutes, RocketMQ stops asking and parks the half message in TRANS_CHECK_MAX_TIME_TOPIC (older versions simply ' +
    'dropped it). The broker sends a check to a producer channel it has registered: a machine that dies closes no ' +
    'connection, so its channel stays registered until 120 s pass without a heartbeat, and the checks sent to it are ' +
    'lost; after that no channel is left and each round burns a count without sending anything. Here four checks are ' +
    'sent and none is answered, yet the count reaches 15. The money has left the wallet for the money-market fund, ' +
    'but the target fund is never bought: atomicity is broken until an operator resumes the message. A design that ' +
    'relies on check-backs must alert on parked messages and keep producer outages shorter than the check window.',
  scenario: {
    seed: 7,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }],
    faults: [
      { at: 0, type: 'drop', message: 'commit', order: 'o1' },
      { at: 100, type: 'crash', node: 'producer-1', restartAfterMs: 600000 },
      { at: 100, type: 'crash', node: 'producer-2', restartAfterMs: 600000 },
    ],
    expect: [
      { order: 'o1', main: 'committed', message: 'parked', targetPurchases: 0, checks: 4, alert: 'check-max' },
      { order: 'o1', violation: 'atomicity' },
    ],
  },
});
