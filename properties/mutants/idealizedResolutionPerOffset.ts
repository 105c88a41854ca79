// Mutant idealized-resolution-per-offset: the idealized transaction center records each resolution under the half
// message's queue offset instead of its transaction id. Every check re-puts a copy at a new offset, so once a
// transaction that was checked is committed, its copy is still open, is checked again, and is committed a second
// time - the double commit the idealized center exists to prevent. Caught by lifecycle (the idealized
// transactional-message spec takes no second `committed`).
import { enqueueActions } from 'xstate';
import { brokerMachine } from '../../model/broker.ts';
import { transactionCenterMachine, type TransactionCenterContext } from '../../model/transactionCenter.ts';
import type { DurableStore } from '../../sim/durableStore.ts';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';
import { storeView } from './storeView.ts';

/**
 * The store with `tc/resolved/<txId>` keys made per offset: every code path reads a half entry (`tc/half/<n>`)
 * before it asks about its resolution, so the key takes the offset of the entry read last.
 */
function perOffset(store: DurableStore): DurableStore {
  let offset = -1;
  const rewrite = (k: string): string => (k.startsWith('tc/resolved/') ? `${k}@${offset}` : k);
  return storeView(store, {
    get: <T>(k: string) => {
      if (k.startsWith('tc/half/')) offset = Number(k.slice('tc/half/'.length));
      return store.get<T>(rewrite(k));
    },
    has: (k: string) => store.has(rewrite(k)),
    set: (k: string, value: unknown) => store.set(rewrite(k), value),
  });
}

type Collect = (args: { context: TransactionCenterContext }) => void;

/** The named enqueueActions action, run with the per-offset store in its context. */
function withPerOffsetStore(name: 'endTransaction' | 'checkRound' | 'scanHalfQueue') {
  const collect = (originalAction(transactionCenterMachine, name) as unknown as { collect: Collect }).collect;
  return enqueueActions((args) => collect({ ...args, context: { ...args.context, store: perOffset(args.context.store) } } as never)) as never;
}

/** Wraps the transaction center's named actions `endTransaction`, `checkRound` and `scanHalfQueue`. */
export const idealizedResolutionPerOffset: Mutant = {
  name: 'idealized-resolution-per-offset',
  description: 'The idealized center keys resolutions by half offset, not transaction id: a check copy of a committed transaction commits again (lifecycle).',
  caughtBy: ['lifecycle'],
  machines: {
    broker: brokerMachine.provide({
      actors: {
        transactionCenter: transactionCenterMachine.provide({
          actions: {
            endTransaction: withPerOffsetStore('endTransaction'),
            checkRound: withPerOffsetStore('checkRound'),
            scanHalfQueue: withPerOffsetStore('scanHalfQueue'),
          },
        }),
      },
    }),
  },
};
