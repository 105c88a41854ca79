// Mutant tx-record-write-behind: the main transaction is split in two database steps for throughput. The wallet
// debit and MMF credit commit at once, but the transaction's status row (`tx/<order>`, what check-backs read) goes
// to a per-instance write-behind buffer that is flushed when the instance handles its next request (an order, a
// SEND_OK, a check). Alone each fault is harmless: a lost COMMIT is repaired by the check, which finds the row once
// any request flushed it; a producer crash after the COMMIT went out loses the buffer, but the broker already has
// the COMMIT. A crash between the two steps AND a lost COMMIT leave a paid order whose check finds no row: UNKNOW
// until the message is parked, never bought. Caught by atomicity.
import { enqueueActions } from 'xstate';
import { businessSystemMachine } from '../../model/businessSystem.ts';
import { EFFECT_ACTIONS, type Effect } from '../../model/effects.ts';
import { localTransactionMachine, type LocalTransactionContext } from '../../model/localTransaction.ts';
import type { DurableStore } from '../../sim/durableStore.ts';
import type { Mutant } from '../types.ts';
import { answerCheckWith } from './checkAnswerWith.ts';
import { originalAction } from './original.ts';
import { perIncarnation, storeView } from './storeView.ts';

/** Per producer incarnation: status rows not yet written. Lost in a crash. */
const bufferOf = perIncarnation(() => new Map<string, unknown>());

/** The business database with `tx/` writes held in the instance's buffer. */
function writeBehind(db: DurableStore, host: object): DurableStore {
  const buffer = bufferOf(host);
  return storeView(db, { set: (k: string, value: unknown) => void (k.startsWith('tx/') ? buffer.set(k, value) : db.set(k, value)) });
}

function flush(db: DurableStore, host: object): void {
  const buffer = bufferOf(host);
  for (const [k, value] of buffer) db.set(k, value);
  buffer.clear();
}

const startOrder = originalAction(businessSystemMachine, 'startOrder');
const forwardAck = originalAction(businessSystemMachine, 'forwardAck');

/**
 * A producer whose status rows are written behind: the local transaction's effects (executeLocal's writes) go through
 * the buffer; startOrder, forwardAck and answerCheck flush it first (answerCheck then decides its answer again).
 */
export const txRecordWriteBehind: Mutant = {
  name: 'tx-record-write-behind',
  description: 'The status row of the main transaction is written behind, flushed by the next request: a crash before the flush plus a lost COMMIT park a paid order (atomicity).',
  caughtBy: ['atomicity'],
  faultsNeeded: 2,
  machines: {
    businessSystem: businessSystemMachine.provide({
      actors: {
        localTransaction: localTransactionMachine.provide({
          actions: {
            effects: ({ context }: { context: LocalTransactionContext }, effects: readonly Effect[]) =>
              EFFECT_ACTIONS.effects({ context: { ...context, db: writeBehind(context.db, context.env.host as object) } }, effects),
          },
        }),
      },
      actions: {
        startOrder: enqueueActions(({ context, enqueue }) => {
          flush(context.db, context.env.host as object);
          enqueue(startOrder);
        }),
        forwardAck: enqueueActions(({ context, enqueue }) => {
          flush(context.db, context.env.host as object);
          enqueue(forwardAck);
        }),
        answerCheck: ({ context, event }) => {
          flush(context.db, context.env.host as object);
          answerCheckWith(context, event);
        },
      },
    }),
  },
};
