// The run's history: one record per event (delivery, drop, duplicate, crash, restart, timer, model fact), kept
// column-wise in typed arrays with interned strings so a million events fit in a few tens of MB. The trace hash
// (sha256 over a canonical encoding) is what replay and the determinism tests compare.
import { createHash } from 'node:crypto';

/** One event as read back from the trace. Empty strings stand for "none". */
export interface TraceEvent {
  readonly seq: number;
  readonly time: number;
  readonly node: string;
  readonly kind: string;
  readonly peer: string;
  readonly msg: string;
  readonly order: string;
  readonly detail: string;
  readonly value: number;
}

/** What a caller records; everything but node and kind is optional. */
export interface TraceInput {
  peer?: string;
  msg?: string;
  order?: string;
  detail?: string;
  value?: number;
}

/** Bytes per record: time f64 + node/kind/peer/msg u16 + order/detail u32 + value i32. */
export const TRACE_BYTES_PER_EVENT = 8 + 2 * 4 + 4 * 2 + 4;

/** Hex digits kept of each checkpoint hash: 64 bits, ample to tell two windows apart. */
export const CHECKPOINT_HEX_DIGITS = 16;

/** Short hashes of consecutive windows of a trace (Trace.checkpoints). */
export interface TraceCheckpoints {
  /** Events per window. */
  every: number;
  /** Events in the trace (the last window may be shorter). */
  events: number;
  /** One hash per window, in order: window k holds events k * every .. (k + 1) * every - 1. */
  hashes: string[];
}

class InternTable {
  readonly values: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);

  id(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.index.set(value, id);
    }
    return id;
  }
}

/**
 * An append-only, compact event log.
 *
 * @example
 * const trace = new Trace();
 * trace.record(412, 'broker-1', 'HALF_STORED', { order: 'o7', detail: 'tag=TagC' });
 * trace.hash(); // sha256 hex of the canonical encoding
 */
export class Trace {
  private capacity: number;
  private length = 0;
  private time: Float64Array;
  private node: Uint16Array;
  private kind: Uint16Array;
  private peer: Uint16Array;
  private msg: Uint16Array;
  private order: Uint32Array;
  private detail: Uint32Array;
  private value: Int32Array;
  private readonly small = new InternTable();
  private readonly large = new InternTable();
  /** When false nothing is stored; counting still happens (for runs that only need verdicts). */
  readonly enabled: boolean;

  constructor(options: { initialCapacity?: number; enabled?: boolean } = {}) {
    this.enabled = options.enabled ?? true;
    // A disabled trace only counts: its columns stay empty.
    this.capacity = this.enabled ? Math.max(16, options.initialCapacity ?? 1024) : 0;
    this.time = new Float64Array(this.capacity);
    this.node = new Uint16Array(this.capacity);
    this.kind = new Uint16Array(this.capacity);
    this.peer = new Uint16Array(this.capacity);
    this.msg = new Uint16Array(this.capacity);
    this.order = new Uint32Array(this.capacity);
    this.detail = new Uint32Array(this.capacity);
    this.value = new Int32Array(this.capacity);
  }

  get size(): number {
    return this.length;
  }

  /** Bytes held by the columns in use (not counting the intern tables). */
  get bytesUsed(): number {
    return this.length * TRACE_BYTES_PER_EVENT;
  }

  record(time: number, node: string, kind: string, input: TraceInput = {}): number {
    const seq = this.length;
    if (!this.enabled) {
      this.length++;
      return seq;
    }
    if (seq === this.capacity) this.grow();
    this.time[seq] = time;
    this.node[seq] = this.smallId(node);
    this.kind[seq] = this.smallId(kind);
    this.peer[seq] = input.peer === undefined ? 0 : this.smallId(input.peer);
    this.msg[seq] = input.msg === undefined ? 0 : this.smallId(input.msg);
    this.order[seq] = input.order === undefined ? 0 : this.large.id(input.order);
    this.detail[seq] = input.detail === undefined ? 0 : this.large.id(input.detail);
    this.value[seq] = input.value ?? 0;
    this.length = seq + 1;
    return seq;
  }

  at(seq: number): TraceEvent {
    if (!this.enabled) throw new Error('Trace.at: this trace was recorded with enabled=false');
    if (seq < 0 || seq >= this.length) throw new Error(`Trace.at: seq ${seq} out of range 0..${this.length - 1}`);
    const s = this.small.values;
    const l = this.large.values;
    return {
      seq,
      time: this.time[seq] as number,
      node: s[this.node[seq] as number] as string,
      kind: s[this.kind[seq] as number] as string,
      peer: s[this.peer[seq] as number] as string,
      msg: s[this.msg[seq] as number] as string,
      order: l[this.order[seq] as number] as string,
      detail: l[this.detail[seq] as number] as string,
      value: this.value[seq] as number,
    };
  }

  *events(): IterableIterator<TraceEvent> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** sha256 hex over the canonical encoding: every column in use, then the intern tables in id order. */
  hash(): string {
    const n = this.length;
    if (!this.enabled) return disabledTraceHash(n);
    const h = createHash('sha256');
    h.update(`txsim-trace-v1 ${n} 1\n`);
    for (const column of [this.time, this.node, this.kind, this.peer, this.msg, this.order, this.detail, this.value]) {
      h.update(new Uint8Array(column.buffer, column.byteOffset, n * column.BYTES_PER_ELEMENT));
    }
    h.update(this.small.values.join('\u0000'));
    h.update('\u0001');
    h.update(this.large.values.join('\u0000'));
    return h.digest('hex');
  }

  /**
   * Checkpoints of the trace: a short hash of each window of `every` consecutive events (their compact lines), so
   * two runs that differ can be compared window by window and the first differing event found (cli/replayFile.ts).
   */
  checkpoints(every: number): TraceCheckpoints {
    if (!this.enabled) throw new Error('Trace.checkpoints: this trace was recorded with enabled=false');
    if (!Number.isSafeInteger(every) || every < 1) throw new Error(`Trace.checkpoints: every must be a positive integer (got ${every})`);
    const hashes: string[] = [];
    for (let from = 0; from < this.length; from += every) {
      hashes.push(createHash('sha256').update(this.compactLines(from, from + every).join('\n')).digest('hex').slice(0, CHECKPOINT_HEX_DIGITS));
    }
    return { every, events: this.length, hashes };
  }

  /** Events from .. to - 1 as compact lines (compactTraceEvent): what replay files keep and checkpoints hash. */
  compactLines(from = 0, to = this.length): string[] {
    const lines: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) lines.push(compactTraceEvent(this.at(i)));
    return lines;
  }

  /** Fixed-column text, one line per event: `  412ms  broker-1          HALF_STORED   o7  detail`. */
  render(options: { from?: number; to?: number } = {}): string {
    const lines: string[] = [];
    const to = Math.min(options.to ?? this.length, this.length);
    for (let i = options.from ?? 0; i < to; i++) lines.push(formatTraceEvent(this.at(i)));
    return lines.join('\n');
  }

  private smallId(value: string): number {
    const id = this.small.id(value);
    if (id > 0xffff) throw new Error('Trace: more than 65535 distinct node/kind/message names');
    return id;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.time = growArray(this.time, new Float64Array(capacity));
    this.node = growArray(this.node, new Uint16Array(capacity));
    this.kind = growArray(this.kind, new Uint16Array(capacity));
    this.peer = growArray(this.peer, new Uint16Array(capacity));
    this.msg = growArray(this.msg, new Uint16Array(capacity));
    this.order = growArray(this.order, new Uint32Array(capacity));
    this.detail = growArray(this.detail, new Uint32Array(capacity));
    this.value = growArray(this.value, new Int32Array(capacity));
    this.capacity = capacity;
  }
}

/** A disabled trace's hash depends only on its length; verdict-only runs repeat lengths, and sha256 setup was 2% of one. */
const disabledHashes = new Map<number, string>();

function disabledTraceHash(n: number): string {
  let hash = disabledHashes.get(n);
  if (hash === undefined) {
    hash = createHash('sha256').update(`txsim-trace-v1 ${n} 0\n`).digest('hex');
    disabledHashes.set(n, hash);
  }
  return hash;
}

function growArray<T extends { set(source: ArrayLike<number>): void }>(old: ArrayLike<number>, fresh: T): T {
  fresh.set(old);
  return fresh;
}

/** One trace line with fixed columns: seq, time, node, kind, message, order, peer, detail. */
export function formatTraceEvent(e: TraceEvent): string {
  const time = `${e.time}ms`.padStart(11);
  const seq = String(e.seq).padStart(6);
  const arrow = e.kind === 'DELIVER' || e.kind === 'LOST' ? '<-' : '->';
  const peer = e.peer ? `${arrow} ${e.peer}` : '';
  const value = e.value !== 0 ? ` #${e.value}` : '';
  return `${seq} ${time}  ${e.node.padEnd(17)} ${e.kind.padEnd(16)} ${e.msg.padEnd(11)} ${e.order.padEnd(8)} ${peer.padEnd(20)} ${e.detail}${value}`.trimEnd();
}

/**
 * One event without the column padding and without its seq (its place in a list gives that): about half the
 * size of formatTraceEvent's line, for replay files.
 *
 * @example
 * compactTraceEvent(trace.at(3)); // '412ms broker-1 HALF_STORED prepare o7 <- producer-1 tag=TagC'
 */
export function compactTraceEvent(e: TraceEvent): string {
  const arrow = e.kind === 'DELIVER' || e.kind === 'LOST' ? '<-' : '->';
  const parts = [`${e.time}ms`, e.node, e.kind];
  if (e.msg) parts.push(e.msg);
  if (e.order) parts.push(e.order);
  if (e.peer) parts.push(`${arrow} ${e.peer}`);
  if (e.detail) parts.push(e.detail);
  if (e.value !== 0) parts.push(`#${e.value}`);
  return parts.join(' ');
}
