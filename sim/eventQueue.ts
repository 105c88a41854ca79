// The simulator's agenda: a binary min-heap ordered by (time, seq). seq is the insertion number, so two events
// at the same simulated time always fire in the order they were scheduled, in any engine, in any process.

/** A scheduled callback. `cancelled` entries stay in the heap and are skipped when popped (lazy deletion). */
export interface QueueEntry {
  readonly time: number;
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
  /** Popped and fired already: cancelling it now changes nothing. */
  fired: boolean;
  /** Background work (periodic ticks) that alone does not keep a run from being quiescent. */
  readonly daemon: boolean;
}

/**
 * An entry its owner builds for `EventQueue.add` (seq from `takeSeq`): the queue's bookkeeping, with `fire` as the
 * subclass's method, so the owner needs no closure per event.
 *
 * @example
 * class Ping extends OwnedEntry { fire(): void { console.log('ping'); } }
 * queue.add(new Ping(10, queue.takeSeq()));
 */
export abstract class OwnedEntry implements QueueEntry {
  cancelled = false;
  fired = false;
  readonly daemon = false;

  constructor(
    readonly time: number,
    readonly seq: number,
  ) {}

  abstract fire(): void;
}

/**
 * A priority queue of callbacks keyed by simulated time, ties broken by insertion order.
 *
 * @example
 * const q = new EventQueue();
 * q.push(10, () => console.log('b'));
 * q.push(5, () => console.log('a'));
 * q.pop()?.fire(); // 'a'
 */
export class EventQueue {
  private readonly heap: QueueEntry[] = [];
  private nextSeq = 0;
  private liveForeground = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Entries that are neither cancelled nor daemons: the work still to do. */
  get pendingWork(): number {
    return this.liveForeground;
  }

  push(time: number, fire: () => void, daemon = false): QueueEntry {
    if (!Number.isFinite(time)) throw new Error(`EventQueue.push: time must be finite, got ${time}`);
    return this.add({ time, seq: this.nextSeq++, fire, cancelled: false, fired: false, daemon });
  }

  /** The seq of the next entry: an entry built by its owner (for `add`) takes it right before it is added. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /**
   * Schedule an entry its owner built, with `fire` as a method of its class: the hot callers (timers, network
   * deliveries) then allocate one object per event instead of an entry, a closure and the closure's context.
   *
   * @example
   * queue.add(new Arrival(at, queue.takeSeq(), network, envelope));
   */
  add<E extends QueueEntry>(entry: E): E {
    if (!Number.isFinite(entry.time)) throw new Error(`EventQueue.push: time must be finite, got ${entry.time}`);
    if (!entry.daemon) this.liveForeground++;
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as QueueEntry;
      if (before(p, entry)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
    return entry;
  }

  cancel(entry: QueueEntry): void {
    if (entry.cancelled || entry.fired) return;
    entry.cancelled = true;
    if (!entry.daemon) this.liveForeground--;
  }

  /** The earliest live entry, removed from the queue; undefined when nothing is left. */
  pop(): QueueEntry | undefined {
    for (;;) {
      const top = this.popRaw();
      if (top === undefined) return undefined;
      if (top.cancelled) continue;
      top.fired = true;
      if (!top.daemon) this.liveForeground--;
      return top;
    }
  }

  /** Time of the earliest live entry without removing it. */
  peekTime(): number | undefined {
    while (this.heap.length > 0 && (this.heap[0] as QueueEntry).cancelled) this.popRaw();
    return this.heap[0]?.time;
  }

  private popRaw(): QueueEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as QueueEntry;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && before(heap[r] as QueueEntry, heap[l] as QueueEntry)) c = r;
        const child = heap[c] as QueueEntry;
        if (before(last, child)) break;
        heap[i] = child;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before(a: QueueEntry, b: QueueEntry): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
