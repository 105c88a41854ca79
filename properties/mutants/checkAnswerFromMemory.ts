// Mutant check-answer-from-memory: checkLocalTransaction answers from a map the producer instance filled in
// executeLocalTransaction (as RocketMQ's own TransactionListenerImpl sample keeps `localTrans`), not from the
// database, and says UNKNOW for a transaction it has no entry for. The map is volatile and per instance: when the
// producer's own COMMIT is lost AND the instance that ran the transaction crashed (so no live instance remembers
// it), every check answers UNKNOW until the message is parked, and the committed order is never bought. Two
// coincident faults: a lost second confirmation and a producer crash. Caught by atomicity.
import type { AnyStateMachine } from 'xstate';
import { businessSystemMachine } from '../../model/businessSystem.ts';
import type { Effect } from '../../model/effects.ts';
import { localTransactionMachine, type LocalTransactionContext } from '../../model/localTransaction.ts';
import type { ModelEnv } from '../../model/env.ts';
import type { DurableStore } from '../../sim/durableStore.ts';
import type { Mutant } from '../types.ts';
import { answerCheckWith } from './checkAnswerWith.ts';
import { originalAction } from './original.ts';
import { perIncarnation, storeView } from './storeView.ts';

type Remembered = { status: 'committed' | 'rolled_back' | 'unknown'; txId: string; at: number; amount: number; reason: string };

/** Per producer incarnation, the local transaction states it remembers: lost in a crash. */
const memoryOf = perIncarnation(() => new Map<string, Remembered>());

/**
 * A view of the business database in which the `tx/<order>` records are read from the instance's memory; what a
 * check's answer writes there (a scripted late commit) goes to both.
 */
function memoryView(db: DurableStore, host: object): DurableStore {
  const memory = memoryOf(host);
  return storeView(db, {
    get: <T>(k: string) => (k.startsWith('tx/') ? (memory.get(k.slice(3)) as T | undefined) : db.get<T>(k)),
    set: (k: string, value: unknown) => {
      if (k.startsWith('tx/')) memory.set(k.slice(3), value as Remembered);
      db.set(k, value);
    },
  });
}

/** The producer machines of both memory mutants: `sendEndTransaction` (localTransaction) remembers, `answerCheck` (businessSystem) reads. */
export function rememberingProducer(missing: 'unknown' | 'commit'): { businessSystem: typeof businessSystemMachine } {
  type Effects = (args: { context: LocalTransactionContext }, effects: readonly Effect[]) => void;
  const sendEndTransaction = originalAction(localTransactionMachine, 'sendEndTransaction') as Effects;
  const child = localTransactionMachine.provide({
    actions: {
      sendEndTransaction: (args: { context: LocalTransactionContext }, effects: readonly Effect[]) => {
        const { context } = args;
        const memory = memoryOf(context.env.host as object);
        const status = context.result === 'commit' ? 'committed' : context.result === 'rollback' ? 'rolled_back' : 'unknown';
        memory.set(context.order.id, { status, txId: context.txId, at: context.env.host.now(), amount: context.order.amount, reason: 'memory' });
        sendEndTransaction(args, effects);
      },
    },
  });
  return {
    businessSystem: businessSystemMachine.provide({
      actors: { localTransaction: child as unknown as AnyStateMachine as typeof localTransactionMachine },
      actions: {
        // The model's answer (this action's params) read the database: decide it again from memory.
        answerCheck: ({ context, event }) => {
          const env: ModelEnv = { ...context.env, config: { ...context.env.config, checkAnswerWhenMissing: missing as 'unknown' } };
          answerCheckWith({ ...context, env, db: memoryView(context.db, context.env.host as object) }, event);
        },
      },
    }),
  };
}

/** Checks answered from the instance's memory; UNKNOW when it has none. */
export const checkAnswerFromMemory: Mutant = {
  name: 'check-answer-from-memory',
  description: 'Checks are answered from the instance\'s in-memory map, UNKNOW when absent: a lost COMMIT plus a crash of that producer parks a paid order (atomicity).',
  caughtBy: ['atomicity'],
  faultsNeeded: 2,
  machines: rememberingProducer('unknown'),
};
