// Mutant half-stored-write-behind: the transaction center answers SEND_OK for a half message as soon as it is in
// its write-behind buffer, and writes the buffer to the store when it handles its next event (the producer's
// COMMIT, the next check round, another half). Alone each fault is harmless: a COMMIT that arrives flushes the
// buffer before it is applied; a broker crash after the COMMIT loses nothing written. A COMMIT that never comes
// (lost, or its producer crashed) AND a broker crash before the next flush lose the half message itself: the
// check-back has nothing to check and the order never resolves. Caught by liveness and atomicity.
import { enqueueActions } from 'xstate';
import { brokerMachine } from '../../model/broker.ts';
import { EFFECT_ACTIONS, type Effect } from '../../model/effects.ts';
import { transactionCenterMachine, type TransactionCenterContext } from '../../model/transactionCenter.ts';
import type { DurableStore } from '../../sim/durableStore.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';
import { perIncarnation, storeView } from './storeView.ts';

/** Per broker incarnation: half entries answered but not yet written. Lost in a crash. */
const bufferOf = perIncarnation(() => new Map<string, unknown>());

function flush(context: TransactionCenterContext): void {
  const buffer = bufferOf(context.env.host as object);
  for (const [k, value] of buffer) context.store.set(k, value);
  buffer.clear();
}

/** The store with new half entries (`tc/half/<n>`) held in the buffer; the center reads its own writes. */
function buffered(store: DurableStore, host: object): DurableStore {
  const buffer = bufferOf(host);
  return storeView(store, {
    get: <T>(k: string) => (buffer.has(k) ? (buffer.get(k) as T) : store.get<T>(k)),
    set: (k: string, value: unknown) => void (k.startsWith('tc/half/') ? buffer.set(k, value) : store.set(k, value)),
  });
}

type Enqueue = (action: unknown) => void;
type Collect = (args: { context: TransactionCenterContext; enqueue: Enqueue }) => void;
type Named = 'storeHalf' | 'endTransaction' | 'checkRound' | 'resumeParked';

/** An action's `effects` (its durable writes among them) run with the half entries going to the buffer. */
function bufferingWrites(enqueue: Enqueue): Enqueue {
  return new Proxy(enqueue, {
    apply(target, thisArg, [action]: unknown[]) {
      if (typeof action !== 'object' || action === null || (action as { type?: unknown }).type !== 'effects') return Reflect.apply(target, thisArg, [action]);
      const effects = (action as { params: readonly Effect[] }).params;
      const buffering = ({ context }: { context: TransactionCenterContext }) =>
        EFFECT_ACTIONS.effects({ context: { ...context, store: buffered(context.store, context.env.host as object) } }, effects);
      return Reflect.apply(target, thisArg, [buffering]);
    },
  });
}

/** A transaction-center action that first flushes the buffer; storeHalf's own writes then go to the buffer. */
function flushingFirst(name: Named) {
  const collect = (originalAction(transactionCenterMachine, name) as unknown as { collect: Collect }).collect;
  return enqueueActions((args) => {
    const context = args.context as TransactionCenterContext;
    flush(context);
    const enqueue = name === 'storeHalf' ? bufferingWrites(args.enqueue as unknown as Enqueue) : args.enqueue;
    collect({ ...args, enqueue } as never);
  }) as never;
}

/** Wraps the transaction center's named actions `storeHalf`, `endTransaction`, `checkRound` and `resumeParked`. */
export const halfStoredWriteBehind: Mutant = {
  name: 'half-stored-write-behind',
  description: 'SEND_OK for a half message before it is written (flushed by the next event): a missing COMMIT plus a broker crash lose the half (liveness, atomicity).',
  caughtBy: ['liveness', 'atomicity'],
  faultsNeeded: 2,
  machines: {
    broker: brokerMachine.provide({
      actors: {
        transactionCenter: transactionCenterMachine.provide({
          actions: {
            storeHalf: flushingFirst('storeHalf'),
            endTransaction: flushingFirst('endTransaction'),
            checkRound: flushingFirst('checkRound'),
            resumeParked: flushingFirst('resumeParked'),
          },
        }),
      },
    }),
  },
};
