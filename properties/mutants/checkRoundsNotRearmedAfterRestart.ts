// Mutant check-rounds-not-rearmed-after-restart: the check thread is started by the first half message a broker
// stores, not at boot. After a broker restart, the half messages already open are not checked again until some new
// order arrives on that broker. A transaction whose second confirmation never came (lost, or the local transaction
// was unknown) and a broker crash before its check: it stays open forever. Caught by liveness and atomicity.
import { assign } from 'xstate';
import { brokerMachine } from '../../model/broker.ts';
import { transactionCenterMachine } from '../../model/transactionCenter.ts';
import type { Mutant } from '../types.ts';

/** A transaction center that does not arm its check rounds at boot. */
export const checkRoundsNotRearmedAfterRestart: Mutant = {
  name: 'check-rounds-not-rearmed-after-restart',
  description: 'Check rounds start with the first new half message, not at boot: open halves of a restarted broker are never checked (liveness).',
  caughtBy: ['liveness', 'atomicity'],
  machines: {
    broker: brokerMachine.provide({
      // At start the check service goes idle as if no half message were open: the next prepare starts its rounds.
      actors: { transactionCenter: transactionCenterMachine.provide({ actions: { scanHalfQueue: assign({ halfOpen: false }) } }) },
    }),
  },
};
