// Named scenario `check-max-exhausted`: the producer group is down longer than the check window.
import { defineScenario } from '../format.ts';

export const checkMaxExhausted = defineScenario({
  name: 'check-max-exhausted',
  title: 'The commit is lost and the whole producer group is down for ten minutes: all 15 check-backs go unanswered, the message is parked with an alert, and the committed main transaction never gets its target fund.',
  lesson:
    'The check-back is not forever. After transactionCheckMax (15) checks, 30 s apart, about seven and a half minutes, ' +
    'RocketMQ stops asking and parks the half message in TRANS_CHECK_MAX_TIME_TOPIC (older versions simply dropped it). ' +
    'The count goes up even when no producer is there to ask. Here the money has left the wallet for the money-market ' +
    'fund, but the target fund is never bought: atomicity is broken until an operator resumes the message. A design ' +
    'that relies on check-backs must alert on parked messages and keep producer outages shorter than the check window.',
  scenario: {
    seed: 7,
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }],
    faults: [
      { at: 0, type: 'drop', message: 'commit', order: 'o1' },
      { at: 100, type: 'crash', node: 'producer-1', restartAfterMs: 600000 },
      { at: 100, type: 'crash', node: 'producer-2', restartAfterMs: 600000 },
    ],
    expect: [
      { order: 'o1', main: 'committed', message: 'parked', targetPurchases: 0, checks: 15, alert: 'check-max' },
      { order: 'o1', violation: 'atomicity' },
    ],
  },
});
