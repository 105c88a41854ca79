// Design 1 of the article's table, 普通消息+异步对账: the business system runs the main transaction and sends an
// ordinary message (or, in the send-first variant, sends first and then runs the main transaction); a
// reconciliation job every `reconcileIntervalMs` compares the business DB with the target-fund service's
// purchases and repairs what it finds: it re-sends the message for a committed order with no purchase, and
// sends a compensating reversal for a purchase with no committed order. The characteristic failure: the
// producer crashes after its main transaction committed and before the message left (main-first), or after the
// message left and before the main transaction (send-first); nothing durable remembers the order, so only
// reconciliation repairs it, up to a whole interval later. With reconciliation off the order stays broken.
import { and, assign, setup } from 'xstate';
import type { Coupling, Design } from './design.ts';
import { brokerBacklog, brokerInput, brokerMachine } from './broker.ts';
import { consumerMachine, type ReportedPurchase } from './consumer.ts';
import { activeOrders, busyCount, defineKernelDesign, localTx, type DesignIo } from './harness.ts';
import type { OrderRow } from './ledger.ts';
import { createOrderHost } from './orderHost.ts';

/** One order on the plain-message producer. */
export interface PlainOrderInput {
  io: DesignIo;
  order: string;
  amount: number;
  /** Send the message first, then run the main transaction. */
  sendFirst: boolean;
}

/** The order actor's volatile state: its input and the publish count. */
export interface PlainOrderContext extends PlainOrderInput {
  /** Publishes made so far. */
  attempts: number;
}

/** The local DB's answer, the broker's acknowledgement. */
export type PlainOrderEvent = { type: 'mainResult'; ok: boolean } | { type: 'publishAck'; order: string; msgId: string };

/**
 * One order on the producer: main transaction and ordinary send, in either order. Final states: `done`, `failed`
 * (main tx refused, nothing sent), `unsent` (main committed, the broker never acknowledged: reconciliation's job),
 * `abandoned` (send-first: the broker never acknowledged, main tx not run), `mainFailedAfterSend` (send-first:
 * the message is out but the wallet was short: reconciliation's job).
 *
 * @example
 * const [s, actions] = initialTransition(plainOrderMachine, { io, order: 'o1', amount: 100, sendFirst: false });
 * s.value; // 'mainTx'; actions include { type: 'runMainTx' }
 */
export const plainOrderMachine = setup({
  types: { context: {} as PlainOrderContext, input: {} as PlainOrderInput, events: {} as PlainOrderEvent },
  actions: {
    runMainTx: ({ context, self }) =>
      localTx(
        context.io,
        self,
        () => context.io.ledger.mainTx({ order: context.order, amount: context.amount }),
        (r) => ({ type: 'mainResult', ok: r === 'committed' || r === 'already-committed' }),
      ),
    publish: ({ context }) =>
      context.io.host.send('broker', 'publish', { msgId: context.order, kind: 'purchase', amount: context.amount, consumer: 'fund' }, { order: context.order }),
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    outcome: ({ context }, params: { outcome: string }) => context.io.host.record('ORDER_END', { order: context.order, detail: params.outcome }),
  },
  guards: {
    sendFirst: ({ context }) => context.sendFirst,
    mainOk: ({ event }) => event.type === 'mainResult' && event.ok,
    canRetry: ({ context }) => context.attempts < context.io.timing.publishAttempts,
  },
  delays: {
    publishTimeout: ({ context }) => context.io.timing.publishTimeoutMs,
  },
}).createMachine({
  id: 'plain-order',
  context: ({ input }) => ({ ...input, attempts: 0 }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'sendFirst', target: 'publishing' }, { target: 'mainTx' }] },
    mainTx: {
      entry: 'runMainTx',
      on: {
        mainResult: [
          { guard: and(['mainOk', 'sendFirst']), target: 'done' },
          { guard: 'mainOk', target: 'publishing' },
          { guard: 'sendFirst', target: 'mainFailedAfterSend' },
          { target: 'failed' },
        ],
      },
    },
    // Main-first reaches here after its commit; send-first starts here.
    publishing: {
      entry: ['countAttempt', 'publish'],
      on: { publishAck: [{ guard: 'sendFirst', target: 'mainTx' }, { target: 'done' }] },
      after: {
        publishTimeout: [
          { guard: 'canRetry', target: 'publishing', reenter: true },
          { guard: 'sendFirst', target: 'abandoned' },
          { target: 'unsent' },
        ],
      },
    },
    done: { type: 'final', entry: { type: 'outcome', params: { outcome: 'done' } } },
    failed: { type: 'final', entry: { type: 'outcome', params: { outcome: 'main-tx-refused' } } },
    unsent: { type: 'final', entry: { type: 'outcome', params: { outcome: 'unsent' } } },
    abandoned: { type: 'final', entry: { type: 'outcome', params: { outcome: 'abandoned' } } },
    mainFailedAfterSend: { type: 'final', entry: { type: 'outcome', params: { outcome: 'main-failed-after-send' } } },
  },
});

/** The reconciliation job's volatile state: the round it is in. */
export interface ReconcilerContext {
  io: DesignIo;
  round: number;
}

/** The target-fund service's answer to a round's query. */
export type ReconcilerEvent = { type: 'reconcileReport'; round: number; purchases: ReportedPurchase[] };

/**
 * The reconciliation job: every interval, ask the target-fund service for its purchases and compare them with
 * the business DB's committed orders older than the grace period; re-send or compensate. Off when the interval
 * is 0.
 *
 * @example
 * const [s] = initialTransition(reconcilerMachine, { io }); // 'waiting' (or 'off' when the interval is 0)
 */
export const reconcilerMachine = setup({
  types: { context: {} as ReconcilerContext, input: {} as { io: DesignIo }, events: {} as ReconcilerEvent },
  actions: {
    nextRound: assign({ round: ({ context }) => context.round + 1 }),
    query: ({ context }) => context.io.host.send('fund', 'reconcileQuery', { round: context.round }),
    repair: ({ context, event }) => {
      const { host, ledger, timing } = context.io;
      const cutoff = host.now() - timing.reconcileGraceMs;
      const bought = new Set(event.purchases.filter((p) => p.status === 'bought').map((p) => p.order));
      const reported = new Set(event.purchases.map((p) => p.order));
      for (const [key, row] of ledger.businessDb.entries<OrderRow>('order/')) {
        const order = key.slice('order/'.length);
        if (row.at > cutoff || reported.has(order)) continue;
        host.record('REPAIR', { order, detail: 'resend' });
        host.send('broker', 'publish', { msgId: `${order}#r${context.round}`, kind: 'purchase', amount: row.amount, consumer: 'fund' }, { order });
      }
      for (const p of event.purchases) {
        if (!bought.has(p.order) || p.at > cutoff || ledger.orderRow(p.order) !== undefined) continue;
        host.record('REPAIR', { order: p.order, detail: 'reverse' });
        host.send('broker', 'publish', { msgId: `${p.order}#x${context.round}`, kind: 'reverse', amount: 0, consumer: 'fund' }, { order: p.order });
      }
    },
  },
  guards: {
    enabled: ({ context }) => context.io.timing.reconcileIntervalMs > 0,
    thisRound: ({ context, event }) => event.round === context.round,
  },
  delays: {
    interval: ({ context }) => context.io.timing.reconcileIntervalMs,
    queryTimeout: ({ context }) => context.io.timing.reconcileQueryTimeoutMs,
  },
}).createMachine({
  id: 'reconciler',
  context: ({ input }) => ({ io: input.io, round: 0 }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'enabled', target: 'waiting' }, { target: 'off' }] },
    off: {},
    waiting: { after: { interval: { target: 'querying', actions: 'nextRound' } } },
    querying: {
      entry: 'query',
      on: { reconcileReport: { guard: 'thisRound', target: 'waiting', actions: 'repair' } },
      after: { queryTimeout: 'waiting' },
    },
  },
});


const COUPLING: Coupling = {
  sharedStorageWithBusinessDb: false,
  businessInterfacesPerService: 1,
  mainWaitsForSecondary: false,
  notes: 'services share only a topic; the reconciliation job must read both databases (or a file of purchases)',
};

/**
 * Build the plain-message design; `sendFirst` selects the send-then-main-transaction variant, `idempotentConsumer`
 * false makes the consumer buy again on every redelivery (to see double purchases).
 *
 * @example
 * const sendFirst = createPlainMessageDesign({ sendFirst: true });
 * sendFirst.run(spec).finalInconsistencies;
 */
export function createPlainMessageDesign(options: { sendFirst?: boolean; idempotentConsumer?: boolean } = {}): Design {
  const sendFirst = options.sendFirst ?? false;
  const host = createOrderHost({
    id: 'plain-producer',
    orderLogic: plainOrderMachine,
    newOrder: (io, click): PlainOrderInput => ({ io, order: click.order, amount: click.amount, sendFirst }),
    daemons: [{ id: 'reconciler', logic: reconcilerMachine, events: ['reconcileReport'] }],
  });
  const suffix = options.idempotentConsumer === false ? '-naive-consumer' : '';
  return defineKernelDesign({
    name: (sendFirst ? 'plain-message-send-first' : 'plain-message') + suffix,
    title: sendFirst ? 'Ordinary message, then the main transaction, plus reconciliation' : 'Main transaction, then an ordinary message, plus reconciliation',
    articleRow: '普通消息+异步对账',
    articleRatings: { decoupling: '高', consistency: '较高' },
    coupling: COUPLING,
    roles: { initiator: 'business', main: 'business', secondary: 'fund' },
    entry: 'business',
    build: (world) => {
      const { sim } = world;
      // The producer keeps nothing durable about an order: a restart recovers no order actor.
      sim.addNode('business', (h) => ({ logic: host, input: { io: world.io(h), recovered: [] } }));
      sim.addNode('broker', (h) => ({ logic: brokerMachine, input: brokerInput(world.io(h)) }));
      sim.addNode('fund', (h) => ({ logic: consumerMachine, input: { io: world.io(h), idempotent: options.idempotentConsumer ?? true } }));
      return {
        busy: (out, limit) => {
          activeOrders(sim, 'business', host, out, limit);
          busyCount(out, brokerBacklog(sim.node('broker').store).length, 'message(s) in the broker backlog');
        },
      };
    },
  });
}

/** Main transaction, then an ordinary send, plus reconciliation. */
export const plainMessageDesign: Design = createPlainMessageDesign();
/** Ordinary send, then the main transaction, plus reconciliation. */
export const plainMessageSendFirstDesign: Design = createPlainMessageDesign({ sendFirst: true });
