// Mutant fresh-tx-id-per-send-attempt: the producer builds a new message (and so a new UNIQ_KEY) for each retry of
// the half send instead of retrying the same one. When a SEND_OK is lost, the retry stores a second half message
// under another transaction id; the producer commits the one it heard of, and the check-back commits the orphan
// (the order's record says committed): two transactions for one order, which the consumer's txId-keyed
// idempotency cannot merge. Caught by no-double-purchase.
import { assign } from 'xstate';
import { localTransactionMachine, transactionIdFor, type LocalTransactionContext } from '../../model/localTransaction.ts';
import { businessSystemMachine } from '../../model/businessSystem.ts';
import type { Mutant } from '../types.ts';

/** A producer whose half-send retries carry fresh transaction ids. */
export const freshTxIdPerSendAttempt: Mutant = {
  name: 'fresh-tx-id-per-send-attempt',
  description: 'Each half-send retry is a new message with a new transaction id: a lost SEND_OK leaves an orphan half that the check commits too (no-double-purchase).',
  caughtBy: ['no-double-purchase', 'money-conserved'],
  // Since model version 3 a lost SEND_OK spends the whole sendMsgTimeout budget (no retry) unless
  // sendMsgMaxTimeoutPerRequest (RocketMQ 5.3.3) caps each attempt: only then is a half send retried.
  config: { sendMsgMaxTimeoutPerRequestMs: 1_000 },
  machines: {
    businessSystem: businessSystemMachine.provide({
      actors: {
        localTransaction: localTransactionMachine.provide({
          actions: {
            nextAttempt: assign(({ context }: { context: LocalTransactionContext }) => {
              const attempt = context.attempt + 1;
              const brokers = context.env.topology.brokers;
              return { attempt, txId: transactionIdFor(context.order.id, attempt, false), broker: brokers[(context.orderIndex + attempt - 1) % brokers.length] as string };
            }),
          },
        }),
      },
    }),
  },
};
