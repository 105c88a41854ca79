// What survives a crash. A node's durable store is a key-value map with a flush model:
// - `sync`: a write is durable once it returns (RocketMQ SYNC_FLUSH; a business database).
// - `async`: writes reach disk at each flush boundary (every flushIntervalMs of simulated time, like
//   RocketMQ's ASYNC_FLUSH commit-log flush); a *machine* crash loses the writes made since the last boundary.
//   A process crash loses nothing (the page cache survives), as in RocketMQ.
// Flushing is computed from write times, not driven by timers, so it adds no events to the run.

export type FlushMode = 'sync' | 'async';

export interface StoreOptions {
  flush: FlushMode;
  flushIntervalMs: number;
}

const DELETED = Symbol('deleted');

interface PendingWrite {
  readonly time: number;
  readonly key: string;
  readonly value: unknown;
}

/**
 * Durable key-value state of a node (or of a database shared by a group of nodes).
 *
 * @example
 * const store = new DurableStore({ flush: 'async', flushIntervalMs: 500 }, () => sim.now);
 * store.set('half/o1', { state: 'prepared' });
 * store.machineCrash(); // under async flush, writes since the last 500 ms boundary are gone
 */
export class DurableStore {
  private readonly live = new Map<string, unknown>();
  private readonly flushed = new Map<string, unknown>();
  private pending: PendingWrite[] = [];
  /** Number of writes lost by machine crashes, for the trace and the checkers. */
  lostWrites = 0;
  private changeCount = 0;

  constructor(
    readonly options: StoreOptions,
    private readonly now: () => number,
  ) {
    if (options.flush === 'async' && !(options.flushIntervalMs > 0)) {
      throw new Error(`DurableStore: flushIntervalMs must be > 0 under async flush, got ${options.flushIntervalMs}`);
    }
  }

  get<T>(key: string): T | undefined {
    return this.live.get(key) as T | undefined;
  }

  /**
   * Bumped by every change of the live view (write, delete, crash): a reader that derived something from the
   * store may keep it while this stays the same (the settle check skips a quiet broker whose store did not change).
   */
  get changes(): number {
    return this.changeCount;
  }

  has(key: string): boolean {
    return this.live.has(key);
  }

  /** Values are treated as immutable: write a new object rather than mutating a stored one. */
  set(key: string, value: unknown): void {
    this.live.set(key, value);
    this.changeCount++;
    this.log(key, value);
  }

  delete(key: string): void {
    this.live.delete(key);
    this.changeCount++;
    this.log(key, DELETED);
  }

  /** Keys with a prefix, in insertion order (deterministic). */
  keys(prefix = ''): string[] {
    const out: string[] = [];
    for (const key of this.live.keys()) if (key.startsWith(prefix)) out.push(key);
    return out;
  }

  /** Whether some key has the prefix; stops at the first. */
  hasKeyWithPrefix(prefix: string): boolean {
    for (const key of this.live.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  entries<T>(prefix = ''): Array<[string, T]> {
    const out: Array<[string, T]> = [];
    for (const [key, value] of this.live) if (key.startsWith(prefix)) out.push([key, value as T]);
    return out;
  }

  /** Writes not yet on disk (always 0 under sync flush). */
  unflushedCount(): number {
    this.flushDue();
    return this.pending.length;
  }

  /** The machine went down: under async flush, everything written since the last flush boundary is lost. */
  machineCrash(): number {
    if (this.options.flush === 'sync') return 0;
    this.flushDue();
    const lost = this.pending.length;
    this.pending = [];
    this.changeCount++;
    this.live.clear();
    for (const [key, value] of this.flushed) this.live.set(key, value);
    this.lostWrites += lost;
    return lost;
  }

  private log(key: string, value: unknown): void {
    if (this.options.flush === 'sync') return;
    this.flushDue();
    this.pending.push({ time: this.now(), key, value });
  }

  /** Apply to the on-disk view every pending write made at or before the most recent flush boundary. */
  private flushDue(): void {
    if (this.pending.length === 0) return;
    const interval = this.options.flushIntervalMs;
    const boundary = Math.floor(this.now() / interval) * interval;
    let applied = 0;
    for (const write of this.pending) {
      if (write.time > boundary) break;
      if (write.value === DELETED) this.flushed.delete(write.key);
      else this.flushed.set(write.key, write.value);
      applied++;
    }
    if (applied > 0) this.pending = this.pending.slice(applied);
  }
}
