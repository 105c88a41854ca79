// XState's clock, driven by the simulator's event queue. Every XState timer (`after`, delayed `raise`/`sendTo`)
// of a node's actor becomes a queue entry at (now + delay, seq), so chained timers fire in exact order even over
// big jumps of simulated time (XState's own SimulatedClock jumps first and misorders them). The clock remembers
// its node's live timers so a crash can drop them all.
import { OwnedEntry, type EventQueue, type QueueEntry } from './eventQueue.ts';
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
  /**
   * Timers set since the last compaction, fired and cancelled ones included, and the count of live ones: a Set of
   * live entries cost an add and a delete per timer (~200 per run); a crash walks this list instead.
   */
  private entries: QueueEntry[] = [];
  private live = 0;

  constructor(
    private readonly queue: EventQueue,
    private readonly trace: Trace,
    private readonly now: () => number,
    private readonly node: string,
  ) {}

  setTimeout(fn: (...args: unknown[]) => void, timeout: number): QueueEntry {
    const delay = Number.isFinite(timeout) && timeout > 0 ? timeout : 0;
    const queue = this.queue;
    const entry = queue.add(new ClockTimer(this.now() + delay, queue.takeSeq(), this, fn, delay));
    this.live++;
    if (this.entries.length >= 2 * this.live + 32) this.entries = this.entries.filter(isLive);
    this.entries.push(entry);
    return entry;
  }

  /** Cancel a timer this clock set (XState passes back the id it got); a fired or cancelled one is left alone. */
  clearTimeout(id: unknown): void {
    const entry = id as QueueEntry;
    if (!isLive(entry)) return;
    this.live--;
    this.queue.cancel(entry);
  }

  /** A timer of this clock fires: it is no longer live, and the trace says so before its callback runs. */
  timerFired(delay: number): void {
    this.live--;
    this.trace.record(this.now(), this.node, 'TIMER', { value: delay });
  }

  /** Timers still pending on this node. */
  get pending(): number {
    return this.live;
  }

  /** The node crashed: none of its timers will fire. */
  cancelAll(): void {
    for (const entry of this.entries) if (isLive(entry)) this.queue.cancel(entry);
    this.entries = [];
    this.live = 0;
  }
}

/** One timer on the queue: the entry and its callback in one object. */
class ClockTimer extends OwnedEntry {
  constructor(
    time: number,
    seq: number,
    private readonly clock: SimClock,
    private readonly callback: (...args: unknown[]) => void,
    private readonly delay: number,
  ) {
    super(time, seq);
  }

  fire(): void {
    this.clock.timerFired(this.delay);
    this.callback();
  }
}

function isLive(entry: QueueEntry): boolean {
  return !entry.cancelled && !entry.fired;
}
