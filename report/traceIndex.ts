// What the kernel trace adds to the model's facts, indexed for readers: the fate of every model message (sent,
// dropped, lost, duplicated, delayed, delivered) keyed by what a fact knows about its send, and the node events
// (crash, restart, partition, heal). Facts say what the model did; only the trace says what the network and the
// nemesis did to it. A trace recorded with `enabled: false` yields an empty index (`enabled` is then false).
import type { Trace } from '../sim/trace.ts';

/** One model message (a SEND with an order) and what happened to it. */
export interface MessageFate {
  /** Trace sequence number of the SEND. */
  readonly seq: number;
  /** Envelope id (the trace's `value`), shared by the SEND, DROP, LOST and DELIVER records. */
  readonly id: number;
  readonly time: number;
  readonly from: string;
  readonly to: string;
  readonly msg: string;
  readonly order: string;
  /** `scripted`, `random` or `partition` when the network dropped it at the sender. */
  dropped?: string;
  /** `partition` or `node-down` when it reached the receiver's side but was lost there. */
  lost?: string;
  /** Sequence number and simulated time of the DROP or LOST record. */
  faultSeq?: number;
  faultTime?: number;
  duplicated: boolean;
  delayMs: number;
  /** DELIVER records (2 for a duplicate). */
  delivered: number;
}

export type NodeEventKind = 'CRASH' | 'RESTART' | 'PARTITION' | 'PARTITION_HEALED' | 'HEAL';

/** A kernel event about a node or the network rather than a message. */
export interface NodeEvent {
  readonly seq: number;
  readonly time: number;
  readonly kind: NodeEventKind;
  readonly node: string;
  readonly peer: string;
  readonly detail: string;
  readonly value: number;
}

/** A record of a user's machine (model/userCalls.ts): CALL, DB_BEGIN, DB, MEMORY or ANSWER; `value` is the call's number. */
export interface UserRecord {
  readonly seq: number;
  readonly time: number;
  readonly kind: string;
  readonly node: string;
  readonly order: string;
  readonly detail: string;
  readonly value: number;
}

/** A broker's confirmation that a consumer's acked offsets are stored. */
export interface OffsetCommit {
  readonly seq: number;
  readonly time: number;
  readonly node: string;
  readonly peer: string;
}

const USER_KINDS: ReadonlySet<string> = new Set(['CALL', 'DB_BEGIN', 'DB', 'MEMORY', 'ANSWER']);

export interface TraceIndex {
  /** False when the run kept no trace records: no fates and no node events are known. */
  readonly enabled: boolean;
  /** Every model message, in trace order. */
  readonly fates: readonly MessageFate[];
  readonly nodeEvents: readonly NodeEvent[];
  /** Users' machines' records, in trace order (report/userSteps.ts reads them). */
  readonly userRecords: readonly UserRecord[];
  /** Each `offsetCommitted` a consumer received (`node` the consumer, `peer` the broker): its acks are durable from then. */
  readonly offsetCommits: readonly OffsetCommit[];
  /** Fates by `sendKey(msg, order, from, time)`. */
  readonly bySend: ReadonlyMap<string, readonly MessageFate[]>;
}

const NODE_EVENTS: ReadonlySet<string> = new Set<NodeEventKind>(['CRASH', 'RESTART', 'PARTITION', 'PARTITION_HEALED', 'HEAL']);

/**
 * The key under which a fact finds the message it sent: type, order, sender and simulated time.
 *
 * @example
 * index.bySend.get(sendKey('commit', 'o1', 'producer-1', 26)); // the commit o1's main transaction sent at 26 ms
 */
export function sendKey(msg: string, order: string, from: string, time: number): string {
  return `${msg}\u0000${order}\u0000${from}\u0000${time}`;
}

/**
 * Read a trace once into message fates and node events.
 *
 * @example
 * const index = indexTrace(outcome.trace);
 * index.fates.filter((f) => f.dropped !== undefined); // every dropped model message
 */
export function indexTrace(trace: Trace): TraceIndex {
  const fates: MessageFate[] = [];
  const nodeEvents: NodeEvent[] = [];
  const bySend = new Map<string, MessageFate[]>();
  const userRecords: UserRecord[] = [];
  const offsetCommits: OffsetCommit[] = [];
  if (!trace.enabled) return { enabled: false, fates, nodeEvents, userRecords, offsetCommits, bySend };
  const byId = new Map<number, MessageFate>();
  for (const e of trace.events()) {
    if (NODE_EVENTS.has(e.kind)) {
      nodeEvents.push({ seq: e.seq, time: e.time, kind: e.kind as NodeEventKind, node: e.node, peer: e.peer, detail: e.detail, value: e.value });
      continue;
    }
    if (USER_KINDS.has(e.kind) && e.detail !== '') {
      // A design's own CALL records (designs/) carry no detail: they are not a user's machine.
      userRecords.push({ seq: e.seq, time: e.time, kind: e.kind, node: e.node, order: e.order, detail: e.detail, value: e.value });
      continue;
    }
    if (e.kind === 'DELIVER' && e.msg === 'offsetCommitted') {
      offsetCommits.push({ seq: e.seq, time: e.time, node: e.node, peer: e.peer });
      continue;
    }
    if (e.kind === 'SEND') {
      if (e.order === '') continue;
      const fate: MessageFate = { seq: e.seq, id: e.value, time: e.time, from: e.node, to: e.peer, msg: e.msg, order: e.order, duplicated: false, delayMs: 0, delivered: 0 };
      fates.push(fate);
      byId.set(e.value, fate);
      const key = sendKey(e.msg, e.order, e.node, e.time);
      const list = bySend.get(key);
      if (list === undefined) bySend.set(key, [fate]);
      else list.push(fate);
      continue;
    }
    if (e.order === '') continue;
    switch (e.kind) {
      case 'DROP':
      case 'LOST': {
        const fate = byId.get(e.value);
        if (fate !== undefined) {
          if (e.kind === 'DROP') fate.dropped = e.detail || 'dropped';
          else fate.lost = e.detail || 'lost';
          fate.faultSeq = e.seq;
          fate.faultTime = e.time;
        }
        break;
      }
      case 'DELIVER': {
        const fate = byId.get(e.value);
        if (fate !== undefined) fate.delivered++;
        break;
      }
      case 'DUPLICATE': {
        const fate = byId.get(e.value);
        if (fate !== undefined) fate.duplicated = true;
        break;
      }
      case 'DELAY': {
        // DELAY's value is the extra delay, not the envelope id: it follows its SEND directly.
        const last = fates[fates.length - 1];
        if (last !== undefined && last.from === e.node && last.msg === e.msg && last.order === e.order) last.delayMs = e.value;
        break;
      }
      default:
        break;
    }
  }
  return { enabled: true, fates, nodeEvents, userRecords, offsetCommits, bySend };
}

/**
 * A message none of whose copies reached its receiver's logic (dropped at the sender or lost on arrival).
 *
 * @example
 * index.fates.filter(isLost).map((f) => `${f.msg} ${f.order}`); // ['commit o1']
 */
export function isLost(fate: MessageFate): boolean {
  return fate.delivered === 0 && (fate.dropped !== undefined || fate.lost !== undefined);
}

/**
 * Claims fates one by one, so two facts with the same send key (two deliveries in the same millisecond) each
 * get their own message.
 *
 * @example
 * const claims = new FateClaims(index);
 * claims.take('commit', 'o1', 'producer-1', 26); // the commit o1's end-tx fact sent, with its fate
 */
export class FateClaims {
  private readonly taken = new Set<number>();

  constructor(private readonly index: TraceIndex) {}

  take(msg: string, order: string, from: string, time: number, to?: string): MessageFate | undefined {
    const list = this.index.bySend.get(sendKey(msg, order, from, time));
    if (list === undefined) return undefined;
    for (const fate of list) {
      if (this.taken.has(fate.seq)) continue;
      if (to !== undefined && fate.to !== to) continue;
      this.taken.add(fate.seq);
      return fate;
    }
    return undefined;
  }

  /** Mark a fate as used by a reader that found it another way. */
  claim(fate: MessageFate): void {
    this.taken.add(fate.seq);
  }

  isTaken(fate: MessageFate): boolean {
    return this.taken.has(fate.seq);
  }
}
