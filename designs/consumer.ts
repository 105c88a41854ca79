// The target-fund service as a message consumer (plain-message and local message table designs): each
// delivery is one business call, buying the target fund (or, for a reconciliation's compensation, reversing the
// purchase) in the service's own database, then acknowledging to the broker. Idempotent by order unless the
// input says otherwise. It also answers the reconciliation job's query with the purchases it holds.
import { setup } from 'xstate';
import type { DesignIo } from './harness.ts';
import type { PurchaseRow } from './ledger.ts';

/** A broker delivery, or the reconciliation job's query. */
export type ConsumerEvent =
  | { type: 'deliver'; from: string; order: string; msgId: string; kind: 'purchase' | 'reverse'; amount: number }
  | { type: 'reconcileQuery'; from: string; round: number };

/** One purchase as reported to the reconciliation job. */
export interface ReportedPurchase {
  order: string;
  status: PurchaseRow['status'];
  at: number;
}

/** The consumer's io and whether it deduplicates by order. */
export interface ConsumerInput {
  io: DesignIo;
  /** false: a naive consumer that buys again on every redelivery (default true). */
  idempotent?: boolean;
}

/**
 * The target-fund consumer.
 *
 * @example
 * sim.addNode('fund', (host) => ({ logic: consumerMachine, input: { io: world.io(host) } }));
 */
export const consumerMachine = setup({
  types: { context: {} as Required<ConsumerInput>, input: {} as ConsumerInput, events: {} as ConsumerEvent },
  actions: {
    consume: ({ context, event }) => {
      if (event.type !== 'deliver') return;
      const { host, ledger } = context.io;
      host.record('CALL', { msg: event.kind, order: event.order });
      if (event.kind === 'purchase') ledger.buyTarget({ order: event.order, amount: event.amount }, { idempotent: context.idempotent });
      else ledger.reverseTarget(event.order);
      host.send(event.from, 'consumeAck', { msgId: event.msgId }, { order: event.order, response: true });
    },
    report: ({ context, event }) => {
      if (event.type !== 'reconcileQuery') return;
      const purchases: ReportedPurchase[] = context.io.ledger.fundDb
        .entries<PurchaseRow>('purchase/')
        .map(([key, row]) => ({ order: key.slice('purchase/'.length), status: row.status, at: row.at }));
      context.io.host.send(event.from, 'reconcileReport', { round: event.round, purchases }, { response: true });
    },
  },
}).createMachine({
  id: 'consumer',
  context: ({ input }) => ({ io: input.io, idempotent: input.idempotent ?? true }),
  on: {
    deliver: { actions: 'consume' },
    reconcileQuery: { actions: 'report' },
  },
});
