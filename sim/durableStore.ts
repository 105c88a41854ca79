// What survives a crash. A node's durable store is a key-value map with a flush model:
// - `sync`: a write is durable once it returns (RocketMQ SYNC_FLUSH; a business database).
// - `async`: RocketMQ's ASYNC_FLUSH (CommitLog.FlushRealTimeService): the flush thread wakes every flushIntervalMs
//   (flushIntervalCommitLog, 500 ms) and flushes only when at least flushLeastPages 4 KB pages are dirty
//   (flushCommitLogLeastPages, 4 = 16 KB), and fully, whatever is dirty, every flushThoroughIntervalMs
//   (flushCommitLogThoroughInterval, 10 s). So at low traffic a *machine* crash loses up to ~10 s of writes, not
//   500 ms. Each write weighs `bytesOf(key)` bytes (the model sizes commit-log records; metadata weighs 0 and is
//   flushed with them). Without page options every wake-up flushes everything. A process crash loses nothing
//   (the page cache survives), as in RocketMQ.
// Flushing is computed from write times, not driven by timers, so it adds no events to the run.

export type FlushMode = 'sync' | 'async';

export interface StoreOptions {
  flush: FlushMode;
  flushIntervalMs: number;
  /** flushCommitLogLeastPages: dirty 4 KB pages needed for a wake-up to flush (default 0: every wake-up flushes). */
  flushLeastPages?: number;
  /** flushCommitLogThoroughInterval: a full flush at every multiple of it (default: none beyond the page rule). */
  flushThoroughIntervalMs?: number;
  /** Bytes of one write to `key` (default 0). */
  bytesOf?: (key: string) => number;
}

/** MappedFile OS_PAGE_SIZE. */
export const OS_PAGE_BYTES = 4096;

const DELETED = Symbol('deleted');

interface PendingWrite {
  readonly time: number;
  readonly key: string;
  readonly value: unknown;
  readonly bytes: number;
}

/** The first multiple of `step` at or after `t`. */
const ceilTo = (t: number, step: number): number => Math.ceil(t / step) * step;

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
  private pendingBytes = 0;
  /** Number of writes lost by machine crashes, for the trace and the checkers. */
  lostWrites = 0;
  private changeCount = 0;
  /** Live keys per prefix someone counts (see countWithPrefix); kept in step by set, delete and machineCrash. */
  private readonly prefixCounts = new Map<string, number>();

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
    if (this.prefixCounts.size > 0 && !this.live.has(key)) this.countKey(key, 1);
    this.live.set(key, value);
    this.changeCount++;
    this.log(key, value);
  }

  delete(key: string): void {
    if (this.prefixCounts.size > 0 && this.live.has(key)) this.countKey(key, -1);
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

  /**
   * Live keys with the prefix, without a scan after the first call: the prefix is counted from then on
   * (the settle check asks after every quiet step, and walking the whole store to find none was the cost).
   */
  countWithPrefix(prefix: string): number {
    let count = this.prefixCounts.get(prefix);
    if (count === undefined) {
      count = this.keys(prefix).length;
      this.prefixCounts.set(prefix, count);
    }
    return count;
  }

  private countKey(key: string, delta: number): void {
    for (const [prefix, count] of this.prefixCounts) if (key.startsWith(prefix)) this.prefixCounts.set(prefix, count + delta);
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
    this.pendingBytes = 0;
    this.changeCount++;
    this.live.clear();
    for (const [key, value] of this.flushed) this.live.set(key, value);
    // The live view was rebuilt from disk: recount the counted prefixes.
    for (const prefix of this.prefixCounts.keys()) this.prefixCounts.set(prefix, this.keys(prefix).length);
    this.lostWrites += lost;
    return lost;
  }

  private log(key: string, value: unknown): void {
    if (this.options.flush === 'sync') return;
    this.flushDue();
    const bytes = value === DELETED ? 0 : (this.options.bytesOf?.(key) ?? 0);
    this.pending.push({ time: this.now(), key, value, bytes });
    this.pendingBytes += bytes;
  }

  /** When the flush thread next writes the oldest pending write to disk (a wake-up with enough dirty pages, or a full flush). */
  private nextFlushAt(): number {
    const { flushIntervalMs, flushThoroughIntervalMs } = this.options;
    const first = (this.pending[0] as PendingWrite).time;
    const thorough = flushThoroughIntervalMs === undefined ? Infinity : ceilTo(first, flushThoroughIntervalMs);
    const need = (this.options.flushLeastPages ?? 0) * OS_PAGE_BYTES;
    if (need <= 0) return Math.min(thorough, ceilTo(first, flushIntervalMs));
    if (this.pendingBytes < need) return thorough;
    let dirty = 0;
    for (const write of this.pending) {
      dirty += write.bytes;
      if (dirty >= need) return Math.min(thorough, ceilTo(write.time, flushIntervalMs));
    }
    return thorough;
  }

  /** Apply to the on-disk view every pending write the flush thread has written by now. */
  private flushDue(): void {
    const now = this.now();
    while (this.pending.length > 0) {
      const at = this.nextFlushAt();
      if (at > now) return;
      let applied = 0;
      for (const write of this.pending) {
        if (write.time > at) break;
        if (write.value === DELETED) this.flushed.delete(write.key);
        else this.flushed.set(write.key, write.value);
        this.pendingBytes -= write.bytes;
        applied++;
      }
      this.pending = this.pending.slice(applied);
    }
  }
}
