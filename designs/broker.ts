// A minimal message queue for ordinary (non-transactional) messages, shared by the plain-message and local
// message table designs: a publish is stored durably (dedup by msgId) and acknowledged, delivered to the
// consumer at once, and redelivered every `redeliverMs` until the consumer acknowledges it; after
// `maxDeliveries` it goes to the dead-letter queue. At-least-once, no ordering promise. The broker is
// infrastructure: the comparison's fault profiles crash the roles (initiator, main, secondary), not the broker.
// Departs from RocketMQ: push with a fixed redelivery period instead of consumer pulls with a backoff ladder.
import { assign, setup } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import type { DesignIo } from './harness.ts';

/** What the broker keeps of a message, in its node's store under `msg/<msgId>`. */
export interface StoredMessage {
  msgId: string;
  order: string;
  kind: 'purchase' | 'reverse';
  amount: number;
  consumer: string;
  state: 'pending' | 'consumed' | 'dead';
}

/** What the broker hears: a producer's publish, a consumer's acknowledgement. */
export type BrokerEvent =
  | { type: 'publish'; from: string; order: string; msgId: string; kind: 'purchase' | 'reverse'; amount: number; consumer: string }
  | { type: 'consumeAck'; from: string; order: string; msgId: string };

/** The broker's volatile state. */
export interface BrokerContext {
  io: DesignIo;
  /** Unconsumed messages and how often each was delivered (volatile; rebuilt as 0 at boot). */
  pending: Record<string, number>;
  /** Every msgId ever stored, so a repeated publish neither re-adds nor re-delivers. */
  known: Record<string, true>;
}

/** The broker's node program input: its io and the messages found pending in its store. */
export interface BrokerInput {
  io: DesignIo;
  pending: string[];
  known: string[];
}

/** Messages the broker's store still holds as pending (the broker's backlog). */
export function brokerBacklog(store: DurableStore): string[] {
  return store.entries<StoredMessage>('msg/').filter(([, m]) => m.state === 'pending').map(([, m]) => m.msgId);
}

/**
 * The broker.
 *
 * @example
 * sim.addNode('broker', (host) => ({ logic: brokerMachine, input: brokerInput(world.io(host)) }));
 */
export const brokerMachine = setup({
  types: { context: {} as BrokerContext, input: {} as BrokerInput, events: {} as BrokerEvent },
  actions: {
    /** Store a new message durably and deliver it; acknowledge every publish, repeated or not. */
    store: ({ context, event }) => {
      if (event.type !== 'publish') return;
      const { host } = context.io;
      if (context.known[event.msgId] === undefined) {
        const m: StoredMessage = { msgId: event.msgId, order: event.order, kind: event.kind, amount: event.amount, consumer: event.consumer, state: 'pending' };
        host.store.set(`msg/${event.msgId}`, m);
        host.send(m.consumer, 'deliver', { msgId: m.msgId, kind: m.kind, amount: m.amount }, { order: m.order });
      }
      host.send(event.from, 'publishAck', { msgId: event.msgId }, { order: event.order, response: true });
    },
    remember: assign(({ context, event }) => {
      if (event.type !== 'publish' || context.known[event.msgId] !== undefined) return {};
      return { known: { ...context.known, [event.msgId]: true as const }, pending: { ...context.pending, [event.msgId]: 1 } };
    }),
    markConsumed: ({ context, event }) => {
      if (event.type !== 'consumeAck') return;
      const m = context.io.host.store.get<StoredMessage>(`msg/${event.msgId}`);
      if (m !== undefined && m.state === 'pending') context.io.host.store.set(`msg/${event.msgId}`, { ...m, state: 'consumed' });
    },
    forget: assign(({ context, event }) => {
      if (event.type !== 'consumeAck' || context.pending[event.msgId] === undefined) return {};
      const { [event.msgId]: _gone, ...pending } = context.pending;
      return { pending };
    }),
    /** Redeliver every pending message; dead-letter those that reached maxDeliveries. */
    redeliver: ({ context }) => {
      const { host, timing } = context.io;
      for (const [msgId, deliveries] of Object.entries(context.pending)) {
        const m = host.store.get<StoredMessage>(`msg/${msgId}`);
        if (m === undefined || m.state !== 'pending') continue;
        if (deliveries >= timing.maxDeliveries) {
          host.store.set(`msg/${msgId}`, { ...m, state: 'dead' });
          host.record('DEAD_LETTER', { order: m.order, detail: msgId, value: deliveries });
          continue;
        }
        host.send(m.consumer, 'deliver', { msgId: m.msgId, kind: m.kind, amount: m.amount }, { order: m.order });
      }
    },
    countDeliveries: assign(({ context }) => {
      const pending: Record<string, number> = {};
      for (const [msgId, deliveries] of Object.entries(context.pending)) {
        if (deliveries < context.io.timing.maxDeliveries) pending[msgId] = deliveries + 1;
      }
      return { pending };
    }),
  },
  guards: {
    nothingPending: ({ context }) => Object.keys(context.pending).length === 0,
  },
  delays: {
    redeliver: ({ context }) => context.io.timing.redeliverMs,
  },
}).createMachine({
  id: 'broker',
  context: ({ input }) => ({
    io: input.io,
    pending: Object.fromEntries(input.pending.map((id) => [id, 0])),
    known: Object.fromEntries(input.known.map((id) => [id, true as const])),
  }),
  initial: 'active',
  on: {
    consumeAck: { actions: ['markConsumed', 'forget'] },
  },
  states: {
    idle: {
      on: { publish: { target: 'active', actions: ['store', 'remember'] } },
    },
    active: {
      on: { publish: { actions: ['store', 'remember'] } },
      always: { guard: 'nothingPending', target: 'idle' },
      after: { redeliver: { target: 'active', reenter: true, actions: ['redeliver', 'countDeliveries'] } },
    },
  },
});

/** The broker's input, read from its store at boot. */
export function brokerInput(io: DesignIo): BrokerInput {
  return { io, pending: brokerBacklog(io.host.store), known: io.host.store.keys('msg/').map((k) => k.slice('msg/'.length)) };
}
