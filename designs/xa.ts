// Design 3 of the article's table, XA(2PC): a coordinator (the business system's transaction manager) and two
// resource managers, the business DB (main: wallet -> MMF) and the target-fund service's DB (secondary: MMF ->
// target). On prepare, a participant does its work in a branch it keeps open, holding the rows' locks, writes
// the prepared branch durably and votes; it releases the locks only on commit or rollback. A prepared branch
// survives the participant's crash, locks and all. If the coordinator crashes after the votes, the branches
// are in doubt: the participants cannot tell commit from rollback and wait, locks held, until the coordinator
// recovers from its log (article: 阻塞式协议 ... 只能等待协调者恢复). The meter reports that as lock-held time.
// Departs from real XA: one lock per branch stands for the row locks; no heuristic decisions.
import { setup } from 'xstate';
import type { Design } from './design.ts';
import { activeOrders, busyCount, defineKernelDesign, type DesignIo } from './harness.ts';
import { createOrderHost } from './orderHost.ts';
import { openTransactions, recoverTransactions, txMachine, XA_VOCABULARY, type TxInput } from './twoPhase.ts';

/** A participant's branch, key `xa/<order>` in its node's store. */
export interface XaBranch {
  state: 'prepared' | 'committed' | 'aborted';
  amount: number;
}

/** The coordinator's protocol messages. */
export type XaParticipantEvent =
  | { type: 'prepare'; from: string; order: string; amount: number }
  | { type: 'commit'; from: string; order: string; amount: number }
  | { type: 'rollback'; from: string; order: string; amount: number };

/** A resource manager's io and which resource it guards. */
export interface XaParticipantInput {
  io: DesignIo;
  /** `main`: the business DB's branch (wallet -> MMF); `target`: the target-fund DB's branch. */
  resource: 'main' | 'target';
}

/**
 * An XA resource manager. Each handler is one named effect: read the branch, act, answer.
 *
 * @example
 * const [s] = initialTransition(xaParticipantMachine, { io, resource: 'main' });
 * const [, actions] = transition(xaParticipantMachine, s, { type: 'prepare', from: 'coordinator', order: 'o1', amount: 100 });
 * // actions: [{ type: 'prepare' }]
 */
export const xaParticipantMachine = setup({
  types: { context: {} as XaParticipantInput, input: {} as XaParticipantInput, events: {} as XaParticipantEvent },
  actions: {
    prepare: ({ context, event }) => {
      const { host, ledger, meter } = context.io;
      host.record('CALL', { msg: 'prepare', order: event.order });
      const key = `xa/${event.order}`;
      const branch = host.store.get<XaBranch>(key);
      if (branch !== undefined) {
        host.send(event.from, 'vote', { yes: branch.state !== 'aborted' }, { order: event.order, response: true });
        return;
      }
      const ok = context.resource === 'target' || ledger.canPay({ order: event.order, amount: event.amount });
      host.store.set(key, { state: ok ? 'prepared' : 'aborted', amount: event.amount } satisfies XaBranch);
      if (ok) {
        meter.hold('lock', host.name, event.order);
        host.record('LOCKED', { order: event.order });
      }
      host.send(event.from, 'vote', { yes: ok }, { order: event.order, response: true });
    },
    commit: ({ context, event }) => {
      const { host, ledger, meter } = context.io;
      const key = `xa/${event.order}`;
      const branch = host.store.get<XaBranch>(key);
      if (branch?.state === 'prepared') {
        const ref = { order: event.order, amount: branch.amount };
        if (context.resource === 'main') {
          const r = ledger.mainTx(ref);
          if (r === 'insufficient-funds') throw new Error(`xa: ${event.order} prepared but cannot commit: the lock did not hold`);
        } else ledger.buyTarget(ref);
        host.store.set(key, { ...branch, state: 'committed' } satisfies XaBranch);
        meter.release('lock', host.name, event.order);
        host.record('UNLOCKED', { order: event.order, detail: 'commit' });
      }
      host.send(event.from, 'ack', { decision: 'commit' }, { order: event.order, response: true });
    },
    rollback: ({ context, event }) => {
      const { host, meter } = context.io;
      const key = `xa/${event.order}`;
      const branch = host.store.get<XaBranch>(key);
      if (branch?.state === 'prepared' || branch === undefined) {
        // An unknown branch is recorded as aborted so a late prepare votes no.
        host.store.set(key, { state: 'aborted', amount: branch?.amount ?? event.amount } satisfies XaBranch);
        if (branch !== undefined) {
          meter.release('lock', host.name, event.order);
          host.record('UNLOCKED', { order: event.order, detail: 'rollback' });
        }
      }
      host.send(event.from, 'ack', { decision: 'abort' }, { order: event.order, response: true });
    },
  },
}).createMachine({
  id: 'xa-participant',
  context: ({ input }) => input,
  on: {
    prepare: { actions: 'prepare' },
    commit: { actions: 'commit' },
    rollback: { actions: 'rollback' },
  },
});

const coordinator = createOrderHost({
  id: 'xa-coordinator',
  orderLogic: txMachine,
  newOrder: (io, click): TxInput => ({ io, vocabulary: XA_VOCABULARY, order: click.order, amount: click.amount, resume: 'fresh' }),
});

/** Two-phase commit over the business DB and the target-fund DB. */
export const xaDesign: Design = defineKernelDesign({
  name: 'xa',
  title: 'XA two-phase commit: coordinator, business DB and target-fund DB as resource managers',
  articleRow: 'XA(2PC)',
  articleRatings: { decoupling: '无', consistency: '高' },
  coupling: {
    sharedStorageWithBusinessDb: false,
    businessInterfacesPerService: 1,
    mainWaitsForSecondary: true,
    notes: 'both databases must be XA resource managers under one coordinator; locks span the network round trips',
  },
  roles: { initiator: 'coordinator', main: 'business', secondary: 'fund' },
  entry: 'coordinator',
  build: (world) => {
    const { sim } = world;
    sim.addNode('coordinator', (h) => {
      const io = world.io(h);
      return { logic: coordinator, input: { io, recovered: recoverTransactions(io, XA_VOCABULARY) } };
    });
    sim.addNode('business', (h) => ({ logic: xaParticipantMachine, input: { io: world.io(h), resource: 'main' } }));
    sim.addNode('fund', (h) => ({ logic: xaParticipantMachine, input: { io: world.io(h), resource: 'target' } }));
    return {
      busy: (out, limit) => {
        activeOrders(sim, 'coordinator', coordinator, out, limit);
        busyCount(out, openTransactions(sim.node('coordinator').store), 'transaction(s) open');
      },
    };
  },
});
