// Mutant end-transaction-to-first-broker: the producer remembers the broker it first sent the half message to and
// sends END_TRANSACTION there, even when a retry stored the half message on another broker (it takes the offset
// and transaction id from the SEND_OK, but not the sender). With two brokers and a lost half send, the COMMIT goes
// to a broker where that offset is someone else's half message - or none. It takes the first attempt failing (a
// crash of its broker, a partition) and the wrong broker holding another order's half at that offset in a state
// where a commit hurts; the default profile's first failure needs a broker crash and a partition. Caught by
// half-invisible (a commit nobody decided) and atomicity.
import { assign } from 'xstate';
import { businessSystemMachine } from '../../model/businessSystem.ts';
import { localTransactionMachine, type LocalTransactionContext, type LocalTransactionEvent } from '../../model/localTransaction.ts';
import type { Mutant } from '../types.ts';

/** A producer that confirms to the broker of its first attempt. */
export const endTransactionToFirstBroker: Mutant = {
  name: 'end-transaction-to-first-broker',
  description: 'END_TRANSACTION goes to the first attempt\'s broker, not the one that stored the half: with two brokers a retried send commits the wrong half (half-invisible, atomicity).',
  caughtBy: ['half-invisible', 'atomicity', 'lifecycle', 'liveness', 'no-double-purchase', 'money-conserved'],
  // Since model version 3 a lost SEND_OK spends the whole sendMsgTimeout budget (no retry) unless
  // sendMsgMaxTimeoutPerRequest (RocketMQ 5.3.3) caps each attempt: only then is a half send retried.
  config: { sendMsgMaxTimeoutPerRequestMs: 1_000 },
  faultsNeeded: 2,
  machines: {
    businessSystem: businessSystemMachine.provide({
      actors: {
        localTransaction: localTransactionMachine.provide({
          actions: {
            acceptAck: assign(({ context, event }: { context: LocalTransactionContext; event: LocalTransactionEvent }) => {
              const brokers = context.env.topology.brokers;
              return { offset: event.offset, txId: event.txId, broker: brokers[context.orderIndex % brokers.length] as string };
            }),
          },
        }),
      },
    }),
  },
};
