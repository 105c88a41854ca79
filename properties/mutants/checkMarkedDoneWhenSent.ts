// Mutant check-marked-done-when-sent: the check service writes the op record ("resolved") for a half message as
// soon as it sends the check, trusting the producer's reply to arrive; the reply's COMMIT still commits the copy.
// A check reply that is lost (or answers UNKNOW) then leaves nothing open to check again: the transaction is never
// resolved, yet the run looks quiet. A check that answers UNKNOW (a local transaction still undecided) is enough,
// no fault needed; a lost check reply does it too. Caught by liveness and atomicity (paid, never bought).
import { enqueueActions } from 'xstate';
import { brokerMachine } from '../../model/broker.ts';
import { transactionCenterMachine } from '../../model/transactionCenter.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

const checkRound = originalAction(transactionCenterMachine, 'checkRound');

/** A transaction center that marks a checked half message done when it sends the check. */
export const checkMarkedDoneWhenSent: Mutant = {
  name: 'check-marked-done-when-sent',
  description: 'The check service writes the op record when it sends a check: a lost or UNKNOW check reply leaves the transaction unresolved for good (atomicity).',
  caughtBy: ['atomicity', 'liveness'],
  machines: {
    broker: brokerMachine.provide({
      actors: {
        transactionCenter: transactionCenterMachine.provide({
          actions: {
            checkRound: enqueueActions(({ context, enqueue }) => {
              const before = context.store.get<number>('tc/next') ?? 0;
              enqueue(checkRound);
              // The copies this round appended are the checked ones: mark each done (tc/op/<offset>).
              enqueue(({ context: c }: { context: typeof context }) => {
                const after = c.store.get<number>('tc/next') ?? 0;
                for (let offset = before; offset < after; offset++) c.store.set(`tc/op/${offset}`, true);
              });
            }),
          },
        }),
      },
    }),
  },
};
