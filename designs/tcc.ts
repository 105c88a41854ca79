// Design 4 of the article's table, TCC: both services expose try / confirm / cancel. Try reserves (the business
// service freezes the amount in the wallet; the target-fund service reserves the purchase) in a local
// transaction and answers; the coordinator (twoPhase.ts) confirms when both tries succeeded and cancels
// otherwise, resending until acknowledged. Participants are idempotent, allow an empty cancel (cancel before
// any try) and refuse a try that arrives after its cancel (no suspended reservation). Unlike XA no database lock
// spans the network: a reservation holds only the reserved amount, reported apart as reservation time. The
// price is intrusion: three business interfaces per service (article: 业务侵入大).
import { setup } from 'xstate';
import type { Design } from './design.ts';
import { activeOrders, busyCount, defineKernelDesign, type DesignIo } from './harness.ts';
import { createOrderHost } from './orderHost.ts';
import { openTransactions, recoverTransactions, TCC_VOCABULARY, txMachine, type TxInput } from './twoPhase.ts';

/** A participant's record of one order, key `tcc/<order>` in its node's store. */
export interface TccRecord {
  state: 'tried' | 'refused' | 'confirmed' | 'cancelled';
  amount: number;
}

/** The coordinator's calls of the three interfaces. */
export type TccParticipantEvent =
  | { type: 'try'; from: string; order: string; amount: number }
  | { type: 'confirm'; from: string; order: string; amount: number }
  | { type: 'cancel'; from: string; order: string; amount: number };

/** A participant's io and which resource it serves. */
export interface TccParticipantInput {
  io: DesignIo;
  /** `main`: freeze / debit / unfreeze the wallet; `target`: reserve / buy / release the target purchase. */
  resource: 'main' | 'target';
}

/**
 * A TCC participant: three business interfaces, each one named effect.
 *
 * @example
 * const [s] = initialTransition(tccParticipantMachine, { io, resource: 'main' });
 * const [, actions] = transition(tccParticipantMachine, s, { type: 'cancel', from: 'coordinator', order: 'o1', amount: 100 });
 * // actions: [{ type: 'cancel' }]
 */
export const tccParticipantMachine = setup({
  types: { context: {} as TccParticipantInput, input: {} as TccParticipantInput, events: {} as TccParticipantEvent },
  actions: {
    try: ({ context, event }) => {
      const { host, ledger, meter } = context.io;
      host.record('CALL', { msg: 'try', order: event.order });
      const key = `tcc/${event.order}`;
      const rec = host.store.get<TccRecord>(key);
      if (rec !== undefined) {
        // Repeated try: same answer. After a cancel (empty or not): refuse, so nothing stays reserved.
        host.send(event.from, 'vote', { yes: rec.state === 'tried' || rec.state === 'confirmed' }, { order: event.order, response: true });
        return;
      }
      const ok = context.resource === 'target' || ledger.freeze({ order: event.order, amount: event.amount }) === 'frozen';
      host.store.set(key, { state: ok ? 'tried' : 'refused', amount: event.amount } satisfies TccRecord);
      if (ok) {
        meter.hold('reservation', host.name, event.order);
        host.record('RESERVED', { order: event.order });
      }
      host.send(event.from, 'vote', { yes: ok }, { order: event.order, response: true });
    },
    confirm: ({ context, event }) => {
      const { host, ledger, meter } = context.io;
      host.record('CALL', { msg: 'confirm', order: event.order });
      const key = `tcc/${event.order}`;
      const rec = host.store.get<TccRecord>(key);
      if (rec?.state === 'tried') {
        const ref = { order: event.order, amount: rec.amount };
        if (context.resource === 'main') ledger.confirmFrozen(ref);
        else ledger.buyTarget(ref);
        host.store.set(key, { ...rec, state: 'confirmed' } satisfies TccRecord);
        meter.release('reservation', host.name, event.order);
        host.record('RELEASED', { order: event.order, detail: 'confirm' });
      }
      host.send(event.from, 'ack', { decision: 'commit' }, { order: event.order, response: true });
    },
    cancel: ({ context, event }) => {
      const { host, ledger, meter } = context.io;
      host.record('CALL', { msg: 'cancel', order: event.order });
      const key = `tcc/${event.order}`;
      const rec = host.store.get<TccRecord>(key);
      if (rec === undefined) host.store.set(key, { state: 'cancelled', amount: event.amount } satisfies TccRecord);
      else if (rec.state === 'tried') {
        if (context.resource === 'main') ledger.unfreeze({ order: event.order, amount: rec.amount });
        host.store.set(key, { ...rec, state: 'cancelled' } satisfies TccRecord);
        meter.release('reservation', host.name, event.order);
        host.record('RELEASED', { order: event.order, detail: 'cancel' });
      }
      host.send(event.from, 'ack', { decision: 'abort' }, { order: event.order, response: true });
    },
  },
}).createMachine({
  id: 'tcc-participant',
  context: ({ input }) => input,
  on: {
    try: { actions: 'try' },
    confirm: { actions: 'confirm' },
    cancel: { actions: 'cancel' },
  },
});

const coordinator = createOrderHost({
  id: 'tcc-coordinator',
  orderLogic: txMachine,
  newOrder: (io, click): TxInput => ({ io, vocabulary: TCC_VOCABULARY, order: click.order, amount: click.amount, resume: 'fresh' }),
});

/** Try / confirm / cancel on both services under a coordinator. */
export const tccDesign: Design = defineKernelDesign({
  name: 'tcc',
  title: 'TCC: try / confirm / cancel on both services, confirmed or cancelled until acknowledged',
  articleRow: 'TCC',
  articleRatings: { decoupling: '无', consistency: '高' },
  coupling: {
    sharedStorageWithBusinessDb: false,
    businessInterfacesPerService: 3,
    mainWaitsForSecondary: true,
    notes: 'each service implements try, confirm and cancel (idempotent, empty cancel, no suspension); the main side waits for the secondary try',
  },
  roles: { initiator: 'coordinator', main: 'business', secondary: 'fund' },
  entry: 'coordinator',
  build: (world) => {
    const { sim } = world;
    sim.addNode('coordinator', (h) => {
      const io = world.io(h);
      return { logic: coordinator, input: { io, recovered: recoverTransactions(io, TCC_VOCABULARY) } };
    });
    sim.addNode('business', (h) => ({ logic: tccParticipantMachine, input: { io: world.io(h), resource: 'main' } }));
    sim.addNode('fund', (h) => ({ logic: tccParticipantMachine, input: { io: world.io(h), resource: 'target' } }));
    return {
      busy: (out, limit) => {
        activeOrders(sim, 'coordinator', coordinator, out, limit);
        busyCount(out, openTransactions(sim.node('coordinator').store), 'transaction(s) open');
      },
    };
  },
});
