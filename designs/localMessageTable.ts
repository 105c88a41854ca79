// Design 2 of the article's table, 本地消息表: the main transaction also inserts an outbox row in the business
// database, in the same local transaction, so "main committed" and "message recorded" cannot come apart. A
// relay in the business system publishes every outbox row to the broker and deletes it once the broker
// acknowledges; it polls the outbox every `relayPollMs` (and is kicked right after each commit), resending a
// row not acknowledged within `relayResendMs`. The broker redelivers until the idempotent consumer
// acknowledges. A crash anywhere only delays: the outbox survives in the business DB and the relay resumes
// from it at restart. The price is coupling of storage: the outbox is a table in the business database.
import { setup } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import { brokerBacklog, brokerInput, brokerMachine } from './broker.ts';
import { consumerMachine } from './consumer.ts';
import type { Design } from './design.ts';
import { activeOrders, busyCount, defineKernelDesign, localTx, type DesignIo } from './harness.ts';
import { createOrderHost } from './orderHost.ts';

/** An outbox row in the business DB, key `outbox/<order>`. */
export interface OutboxRow {
  order: string;
  amount: number;
  attempts: number;
  /** Simulated time of the last publish, or null if never sent. */
  lastSentAt: number | null;
}

/** Rows still in the outbox (not yet acknowledged by the broker). */
export function outboxRows(businessDb: DurableStore): OutboxRow[] {
  return businessDb.entries<OutboxRow>('outbox/').map(([, row]) => row);
}

/** One order on the business system. */
export interface OutboxOrderInput {
  io: DesignIo;
  order: string;
  amount: number;
}

/** The local DB's answer. */
export type OutboxOrderEvent = { type: 'mainResult'; ok: boolean };

/**
 * One order on the business system: the main transaction with its outbox row, then a kick to the relay.
 *
 * @example
 * const [s, actions] = initialTransition(outboxOrderMachine, { io, order: 'o1', amount: 100 });
 * s.value; // 'mainTx'
 */
export const outboxOrderMachine = setup({
  types: { context: {} as OutboxOrderInput, input: {} as OutboxOrderInput, events: {} as OutboxOrderEvent },
  actions: {
    runMainTxWithOutbox: ({ context, self }) =>
      localTx(
        context.io,
        self,
        () =>
          context.io.ledger.mainTx({ order: context.order, amount: context.amount }, (db) =>
            db.set(`outbox/${context.order}`, { order: context.order, amount: context.amount, attempts: 0, lastSentAt: null } satisfies OutboxRow),
          ),
        (r) => ({ type: 'mainResult', ok: r === 'committed' || r === 'already-committed' }),
      ),
    kickRelay: ({ system }) => system.get('relay')?.send({ type: 'kick' }),
    outcome: ({ context }, params: { outcome: string }) => context.io.host.record('ORDER_END', { order: context.order, detail: params.outcome }),
  },
  guards: {
    mainOk: ({ event }) => event.ok,
  },
}).createMachine({
  id: 'outbox-order',
  context: ({ input }) => input,
  initial: 'mainTx',
  states: {
    mainTx: {
      entry: 'runMainTxWithOutbox',
      on: { mainResult: [{ guard: 'mainOk', target: 'done', actions: 'kickRelay' }, { target: 'failed' }] },
    },
    done: { type: 'final', entry: { type: 'outcome', params: { outcome: 'done' } } },
    failed: { type: 'final', entry: { type: 'outcome', params: { outcome: 'main-tx-refused' } } },
  },
});

/** A kick after a commit, the broker's acknowledgement of a publish. */
export type RelayEvent = { type: 'kick' } | { type: 'publishAck'; order: string; msgId: string };

/**
 * The relay: publishes outbox rows that were never sent or whose last send is older than relayResendMs, and
 * deletes a row when the broker acknowledges it. Its only state is the outbox itself, in the business DB.
 *
 * @example
 * const [s] = initialTransition(relayMachine, { io });
 * const [, actions] = transition(relayMachine, s, { type: 'publishAck', order: 'o1', msgId: 'o1' });
 * // actions: [{ type: 'deleteRow' }]
 */
export const relayMachine = setup({
  types: { context: {} as { io: DesignIo }, input: {} as { io: DesignIo }, events: {} as RelayEvent },
  actions: {
    relayOutbox: ({ context }) => {
      const { host, ledger, timing } = context.io;
      const now = host.now();
      for (const row of outboxRows(ledger.businessDb)) {
        if (row.lastSentAt !== null && now - row.lastSentAt < timing.relayResendMs) continue;
        // Past the bound the row stays for an operator; the run then ends unsettled and shows it.
        if (row.attempts >= timing.relayMaxAttempts) continue;
        ledger.businessDb.set(`outbox/${row.order}`, { ...row, attempts: row.attempts + 1, lastSentAt: now } satisfies OutboxRow);
        if (row.attempts + 1 === timing.relayMaxAttempts) host.record('OUTBOX_GAVE_UP', { order: row.order, value: row.attempts + 1 });
        host.send('broker', 'publish', { msgId: row.order, kind: 'purchase', amount: row.amount, consumer: 'fund' }, { order: row.order });
      }
    },
    deleteRow: ({ context, event }) => {
      if (event.type !== 'publishAck') return;
      context.io.ledger.businessDb.delete(`outbox/${event.msgId}`);
    },
  },
  delays: {
    poll: ({ context }) => context.io.timing.relayPollMs,
  },
}).createMachine({
  id: 'relay',
  context: ({ input }) => ({ io: input.io }),
  initial: 'polling',
  states: {
    polling: {
      entry: 'relayOutbox',
      on: {
        kick: { target: 'polling', reenter: true },
        publishAck: { actions: 'deleteRow' },
      },
      after: { poll: { target: 'polling', reenter: true } },
    },
  },
});

const host = createOrderHost({
  id: 'outbox-producer',
  orderLogic: outboxOrderMachine,
  newOrder: (io, click): OutboxOrderInput => ({ io, order: click.order, amount: click.amount }),
  daemons: [{ id: 'relay', logic: relayMachine, events: ['publishAck'] }],
});

/** Main transaction plus outbox row in one local transaction; a relay publishes the outbox. */
export const localMessageTableDesign: Design = defineKernelDesign({
  name: 'local-message-table',
  title: 'Outbox row written in the main transaction, relayed until acknowledged',
  articleRow: '本地消息表',
  articleRatings: { decoupling: '较高', consistency: '高' },
  coupling: {
    sharedStorageWithBusinessDb: true,
    businessInterfacesPerService: 1,
    mainWaitsForSecondary: false,
    notes: 'the outbox is a table in the business database, written by every main transaction; the relay is business-side code',
  },
  roles: { initiator: 'business', main: 'business', secondary: 'fund' },
  entry: 'business',
  build: (world) => {
    const { sim, ledger } = world;
    // Nothing to recover per order: the outbox is the durable state, and the relay reads it at boot.
    sim.addNode('business', (h) => ({ logic: host, input: { io: world.io(h), recovered: [] } }));
    sim.addNode('broker', (h) => ({ logic: brokerMachine, input: brokerInput(world.io(h)) }));
    sim.addNode('fund', (h) => ({ logic: consumerMachine, input: { io: world.io(h) } }));
    return {
      busy: (out, limit) => {
        activeOrders(sim, 'business', host, out, limit);
        busyCount(out, outboxRows(ledger.businessDb).length, 'outbox row(s) unsent');
        busyCount(out, brokerBacklog(sim.node('broker').store).length, 'message(s) in the broker backlog');
      },
    };
  },
});
