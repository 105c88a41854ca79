// XState's clock, driven by the simulator's event queue. Every XState timer (`after`, delayed `raise`/`sendTo`)
// of a node's actor becomes a queue entry at (now + delay, seq), so chained timers fire in exact order even over
// big jumps of simulated time (XState's own SimulatedClock jumps first and misorders them). The clock remembers
// its node's live timers so a crash can drop them all.
import type { EventQueue, QueueEntry } from './eventQueue.ts';
import type { Trace } from './trace.ts';

/** The shape XState's `createActor(logic, { clock })` accepts (its `Clock` type is not exported by name). */
export interface XStateClock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * A per-node XState clock on the simulator's queue.
 *
 * @example
 * const clock = new SimClock(queue, trace, () => sim.now, 'broker-1');
 * createActor(machine, { clock }).start();
 */
export class SimClock implements XStateClock {
  private readonly live = new Set<QueueEntry>();

  constructor(
    private readonly queue: EventQueue,
    private readonly trace: Trace,
    private readonly now: () => number,
    private readonly node: string,
  ) {}

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): QueueEntry {
    const delay = Number.isFinite(timeout) && timeout > 0 ? timeout : 0;
    const entry: QueueEntry = this.queue.push(this.now() + delay, () => {
      this.live.delete(entry);
      this.trace.record(this.now(), this.node, 'TIMER', { value: delay });
      fn();
    });
    this.live.add(entry);
    return entry;
  }

  clearTimeout(id: unknown): void {
    const entry = id as QueueEntry;
    if (!this.live.delete(entry)) return;
    this.queue.cancel(entry);
  }

  /** Timers still pending on this node. */
  get pending(): number {
    return this.live.size;
  }

  /** The node crashed: none of its timers will fire. */
  cancelAll(): void {
    for (const entry of this.live) this.queue.cancel(entry);
    this.live.clear();
  }
}
