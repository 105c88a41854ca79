// What crossed a node's boundary, as the simulator sees it: a message sent (whatever the network then does with
// it), a message delivered to a live node, a durable write or delete a node made, a reply to the client (outside
// the simulated network). An observer of these is how a run's history is recorded from outside the machines
// under test (model/history.ts): a machine cannot forge what the host saw it do. Every call comes right after the
// boundary event's trace record, if it has one, so `seq` (the trace's count of records so far, minus one) points
// at it.
import type { DurableStore } from './durableStore.ts';
import type { Envelope } from './network.ts';

/**
 * A watcher of boundary events; every method is optional to implement (a no-op observer is `{}`).
 *
 * @example
 * new Simulation({ seed: 1, observer: { sent: (e) => console.log(e.from, '->', e.to, e.type) } });
 */
export interface BoundaryObserver {
  /** A node handed a message to the network (recorded as SEND); it may still be dropped. */
  sent?(envelope: Envelope): void;
  /** A message reached a live node (recorded as DELIVER), just before the node's actor gets it. */
  delivered?(envelope: Envelope): void;
  /** A node wrote a durable key (before the write: `store` still holds the previous value). */
  written?(node: string, store: DurableStore, key: string, value: unknown): void;
  /** A node deleted a durable key (before the delete: `store` still holds the value). */
  erased?(node: string, store: DurableStore, key: string): void;
  /** A client request (or an operator's console action) reached a live node, just before its actor gets it. */
  requested?(node: string, event: { readonly type: string; readonly [key: string]: unknown }): void;
  /** A crashed node came back up (a new incarnation: what the old one held in memory is gone). */
  restarted?(node: string): void;
  /** A node answered its client (not over the simulated network: the client is outside the model). */
  replied?(node: string, order: string, body: Readonly<Record<string, unknown>>): void;
}
