// The root actor of a node that runs one child actor per order (a producer, a coordinator). It spawns the
// node's daemons (a relay, a reconciler) and the orders recovered from durable state at boot, spawns a new
// order actor on each click, and routes every network event: to the daemon that claims its type, else to the
// live actor of its order, else to the design's orphan handler. Children are registered by systemId
// `order/<id>` in the node's own actor system, so routing never depends on XState's session numbering.
import { enqueueActions, setup, type AnyStateMachine } from 'xstate';
import type { DesignIo } from './harness.ts';

/** An event as the kernel delivers it: the payload plus type, sender and order. */
export type NetEvent = { type: string; from?: string; order?: string } & Record<string, unknown>;

/** The investor's click, injected by the harness on the entry node. */
export interface ClickEvent {
  type: 'click';
  order: string;
  amount: number;
}

/** A long-lived child of the host and the event types it receives. */
export interface Daemon {
  id: string;
  logic: AnyStateMachine;
  events: readonly string[];
}

/** What a host needs from its design: the per-order machine, how to start one, its daemons. */
export interface OrderHostSpec {
  id: string;
  /** The per-order machine; its input comes from newOrder or from the recovered list. */
  orderLogic: AnyStateMachine;
  /** Input of the order actor for a click. */
  newOrder(io: DesignIo, click: ClickEvent): unknown;
  daemons?: readonly Daemon[];
  /** A network event with no live order actor and no daemon (a late ack after a restart). */
  orphan?(io: DesignIo, event: NetEvent): void;
}

/** What the node program passes in: the io and the orders to resume, read from the durable store. */
export interface OrderHostInput {
  io: DesignIo;
  recovered: ReadonlyArray<{ order: string; input: unknown }>;
}

/** systemId of an order's actor. */
export function orderActorId(order: string): string {
  return `order/${order}`;
}

/**
 * Build a host machine.
 *
 * @example
 * const host = createOrderHost({ id: 'producer', orderLogic: plainOrderMachine, newOrder: (io, c) => ({ io, ...c }) });
 * sim.addNode('business', (h) => ({ logic: host, input: { io: world.io(h), recovered: [] } }));
 */
export function createOrderHost(spec: OrderHostSpec) {
  const daemons = spec.daemons ?? [];
  const actors: Record<string, AnyStateMachine> = { order: spec.orderLogic };
  for (const d of daemons) actors[`daemon:${d.id}`] = d.logic;
  return setup({
    types: { context: {} as OrderHostInput, input: {} as OrderHostInput, events: {} as NetEvent },
    actors,
  }).createMachine({
    id: spec.id,
    context: ({ input }) => ({ io: input.io, recovered: input.recovered }),
    entry: enqueueActions(({ context, enqueue }) => {
      for (const d of daemons) enqueue.spawnChild(`daemon:${d.id}`, { id: d.id, systemId: d.id, input: { io: context.io } });
      for (const r of context.recovered) enqueue.spawnChild('order', { id: orderActorId(r.order), systemId: orderActorId(r.order), input: r.input });
    }),
    on: {
      '*': {
        actions: enqueueActions(({ context, event, enqueue, system }) => {
          if (event.type === 'click') {
            const click = event as unknown as ClickEvent;
            if (system.get(orderActorId(click.order)) !== undefined) return;
            const id = orderActorId(click.order);
            enqueue.spawnChild('order', { id, systemId: id, input: spec.newOrder(context.io, click) });
            return;
          }
          const daemon = daemons.find((d) => d.events.includes(event.type));
          if (daemon !== undefined) {
            const ref = system.get(daemon.id);
            if (ref !== undefined) enqueue.sendTo(ref, event);
            return;
          }
          const ref = event.order === undefined ? undefined : system.get(orderActorId(event.order));
          if (ref !== undefined) enqueue.sendTo(ref, event);
          else if (spec.orphan !== undefined) {
            const orphan = spec.orphan;
            enqueue(() => orphan(context.io, event));
          }
        }),
      },
    },
  });
}
