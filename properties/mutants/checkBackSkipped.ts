// Mutant check-back-skipped: the transaction center's check service never checks back. A half message whose
// second confirmation was lost (dropped commit/rollback, an unknown or throwing local transaction) stays open
// forever. Caught by liveness (the run never settles; the order stays pending).
import { brokerMachine } from '../../model/broker.ts';
import { transactionCenterMachine } from '../../model/transactionCenter.ts';
import type { Mutant } from '../types.ts';

/** A transaction center whose check rounds do nothing. */
export const checkBackSkipped: Mutant = {
  name: 'check-back-skipped',
  description: 'Check rounds do nothing: a lost second confirmation leaves the half message open forever (liveness).',
  caughtBy: ['liveness'],
  machines: {
    broker: brokerMachine.provide({
      actors: { transactionCenter: transactionCenterMachine.provide({ actions: { checkRound: () => {} } }) },
    }),
  },
};
