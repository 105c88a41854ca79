// What the swimlane timeline shows, node by node: model milestones from the facts (half stored, main
// transaction, commit, check-back, delivery, consumption, DLQ, parking, alerts) and faults from the kernel trace
// (drops, losses, duplicates, crashes, restarts, partitions, heal), plus the intervals a node was down or cut off.
// Large runs are capped: faults are kept first, then milestones in time order, and the cut is reported.
import type { Outcome } from '../model/world.ts';
import type { TraceIndex } from './traceIndex.ts';
import { userSteps } from './userSteps.ts';

export type MarkerKind =
  | 'half' | 'main-commit' | 'main-rollback' | 'commit' | 'rollback' | 'check' | 'deliver' | 'consumed'
  | 'consume-failed' | 'dlq' | 'parked' | 'alert' | 'operator' | 'drop' | 'lost' | 'duplicate' | 'crash'
  | 'restart' | 'partition' | UserMarkerKind;

/** A user's machine's steps on its instance's lane: a call, a database result, a request a crash aborted, an answer. */
export type UserMarkerKind = 'user-call' | 'user-db' | 'user-aborted' | 'user-answer';

/** The user kinds, in legend order (after txsim's own). */
export const USER_MARKER_KINDS: readonly UserMarkerKind[] = Object.freeze(['user-call', 'user-db', 'user-aborted', 'user-answer'] as UserMarkerKind[]);

/** Every marker kind, in legend order. */
export const MARKER_KINDS: readonly MarkerKind[] = Object.freeze([
  'half', 'main-commit', 'main-rollback', 'commit', 'rollback', 'check', 'deliver', 'consumed', 'consume-failed',
  'dlq', 'parked', 'alert', 'operator', 'drop', 'lost', 'duplicate', 'crash', 'restart', 'partition', ...USER_MARKER_KINDS,
] as MarkerKind[]);

/** Kinds that are faults or alarms: kept first when a run has more markers than fit. */
export const FAULT_KINDS: ReadonlySet<MarkerKind> = new Set<MarkerKind>(['drop', 'lost', 'duplicate', 'crash', 'restart', 'partition', 'dlq', 'parked', 'alert', 'user-aborted']);

export interface LaneMarker {
  readonly t: number;
  readonly node: string;
  readonly kind: MarkerKind;
  readonly order?: string;
  /** Language-neutral detail: message, peer, reason, counters. */
  readonly detail: string;
  /** Trace sequence number, when the marker comes from the trace. */
  readonly seq?: number;
}

/** A node down (crash to restart) or a link cut (partition to heal), drawn as a band on its lane(s). */
export interface LaneInterval {
  readonly kind: 'down' | 'partition';
  readonly node: string;
  readonly from: number;
  readonly to: number;
  readonly detail: string;
}

export interface LaneMarks {
  readonly markers: readonly LaneMarker[];
  readonly intervals: readonly LaneInterval[];
  /** Times of `HEAL` records (the end of the faulty phase). */
  readonly heals: readonly number[];
  /** Markers left out because the run had more than `maxMarkers`. */
  readonly omitted: number;
}

/**
 * Collect the timeline's markers and intervals.
 *
 * @example
 * const marks = laneMarkers(outcome, indexTrace(outcome.trace));
 * marks.markers.filter((m) => m.kind === 'drop'); // every dropped model message, on its sender's lane
 */
export function laneMarkers(outcome: Outcome, index: TraceIndex, options: { maxMarkers?: number } = {}): LaneMarks {
  const all: LaneMarker[] = [];
  const operator = outcome.topology.operator;
  // A user consumer's `applied` only says whether it wrote before it answered: no "idempotent skip" for it.
  const userConsumer = outcome.userRoleRuntime?.consumer !== undefined;
  for (const f of outcome.facts) {
    switch (f.kind) {
      case 'half-stored': all.push({ t: f.t, node: f.node, kind: 'half', order: f.order, detail: `half message ${f.txId} stored (offset ${f.offset})` }); break;
      case 'main-committed': all.push({ t: f.t, node: f.node, kind: 'main-commit', order: f.order, detail: `main transaction committed, amount ${f.amount}` }); break;
      case 'main-rolled-back': all.push({ t: f.t, node: f.node, kind: 'main-rollback', order: f.order, detail: `main transaction rolled back: ${f.reason}` }); break;
      case 'committed': all.push({ t: f.t, node: f.node, kind: 'commit', order: f.order, detail: `${f.txId} committed to queue ${f.queue} offset ${f.offset}${f.tag ? ` tag ${f.tag}` : ''}` }); break;
      case 'rolled-back': all.push({ t: f.t, node: f.node, kind: 'rollback', order: f.order, detail: `${f.txId} rolled back` }); break;
      case 'check-sent': all.push({ t: f.t, node: f.node, kind: 'check', order: f.order, detail: `check-back ${f.checkTimes} to ${f.producer}` }); break;
      case 'delivered': all.push({ t: f.t, node: f.node, kind: 'deliver', order: f.order, detail: `${f.group}: delivered, reconsumeTimes ${f.reconsumeTimes}${f.redriven ? ', re-driven' : ''}` }); break;
      case 'consumed': all.push({ t: f.t, node: f.node, kind: 'consumed', order: f.order, detail: `${f.group}: consumed${f.applied || userConsumer ? '' : ' (idempotent skip)'}` }); break;
      case 'consume-failed': all.push({ t: f.t, node: f.node, kind: 'consume-failed', order: f.order, detail: `${f.group}: failed, reconsumeTimes ${f.reconsumeTimes}` }); break;
      case 'dlq': all.push({ t: f.t, node: f.node, kind: 'dlq', order: f.order, detail: `%DLQ%${f.group} after ${f.reconsumeTimes} retries` }); break;
      case 'parked': all.push({ t: f.t, node: f.node, kind: 'parked', order: f.order, detail: `parked after ${f.checkTimes} check-backs` }); break;
      case 'alert': all.push({ t: f.t, node: operator, kind: 'alert', order: f.order, detail: `alert ${f.alert} from ${f.node} (${f.group})` }); break;
      case 'redriven': all.push({ t: f.t, node: f.node, kind: 'operator', order: f.order, detail: `dead letter re-driven (${f.group})` }); break;
      case 'resumed': all.push({ t: f.t, node: f.node, kind: 'operator', order: f.order, detail: 'parked half message resumed' }); break;
      default: break;
    }
  }
  for (const fate of index.fates) {
    if (fate.dropped !== undefined) {
      all.push({ t: fate.time, node: fate.from, kind: 'drop', order: fate.order, detail: `${fate.msg} -> ${fate.to} dropped (${fate.dropped})`, seq: fate.faultSeq });
    } else if (fate.lost !== undefined) {
      all.push({ t: fate.faultTime ?? fate.time, node: fate.to, kind: 'lost', order: fate.order, detail: `${fate.msg} <- ${fate.from} lost (${fate.lost})`, seq: fate.faultSeq });
    }
    if (fate.duplicated) all.push({ t: fate.time, node: fate.from, kind: 'duplicate', order: fate.order, detail: `${fate.msg} -> ${fate.to} duplicated`, seq: fate.seq });
  }
  if (index.userRecords.length > 0) {
    for (const s of userSteps(index)) {
      const at = { t: s.time, node: s.node, order: s.order, seq: s.seq };
      if (s.kind === 'call') all.push({ ...at, kind: 'user-call', detail: `${s.call} ${s.txId}` });
      else if (s.kind === 'result') all.push({ ...at, kind: 'user-db', detail: `${s.op.kind} ${s.op.subject}: ${s.outcome.result}${s.outcome.value === undefined ? '' : ` ${s.outcome.value}`}` });
      else if (s.kind === 'aborted') all.push({ ...at, kind: 'user-aborted', detail: `${s.op.kind} ${s.op.subject} aborted by the ${s.crash || 'machine'} crash` });
      else if (s.kind === 'answer') all.push({ ...at, kind: 'user-answer', detail: `${s.answer} ${s.value}` });
    }
  }
  const intervals: LaneInterval[] = [];
  const heals: number[] = [];
  const downSince = new Map<string, { t: number; detail: string }>();
  const cutSince = new Map<string, { t: number; a: string; b: string }>();
  for (const e of index.nodeEvents) {
    if (e.kind === 'CRASH') {
      const detail = `${e.detail || 'machine'} crash${e.value > 0 ? `, ${e.value} unflushed writes lost` : ''}`;
      all.push({ t: e.time, node: e.node, kind: 'crash', detail, seq: e.seq });
      if (!downSince.has(e.node)) downSince.set(e.node, { t: e.time, detail });
    } else if (e.kind === 'RESTART') {
      all.push({ t: e.time, node: e.node, kind: 'restart', detail: `restart (incarnation ${e.value})`, seq: e.seq });
      const since = downSince.get(e.node);
      if (since !== undefined) intervals.push({ kind: 'down', node: e.node, from: since.t, to: e.time, detail: since.detail });
      downSince.delete(e.node);
    } else if (e.kind === 'PARTITION' || e.kind === 'PARTITION_HEALED') {
      const key = [e.node, e.peer].sort().join('|');
      if (e.kind === 'PARTITION') {
        for (const node of [e.node, e.peer]) all.push({ t: e.time, node, kind: 'partition', detail: `partition ${e.node} | ${e.peer}`, seq: e.seq });
        if (!cutSince.has(key)) cutSince.set(key, { t: e.time, a: e.node, b: e.peer });
      } else {
        const since = cutSince.get(key);
        if (since !== undefined) {
          for (const node of [since.a, since.b]) intervals.push({ kind: 'partition', node, from: since.t, to: e.time, detail: `partition ${since.a} | ${since.b}` });
        }
        cutSince.delete(key);
      }
    } else if (e.kind === 'HEAL') {
      heals.push(e.time);
    }
  }
  for (const [node, since] of downSince) intervals.push({ kind: 'down', node, from: since.t, to: outcome.simTimeMs, detail: `${since.detail}, never restarted` });
  for (const since of cutSince.values()) {
    for (const node of [since.a, since.b]) intervals.push({ kind: 'partition', node, from: since.t, to: outcome.simTimeMs, detail: `partition ${since.a} | ${since.b}, never healed` });
  }

  const max = options.maxMarkers ?? 5_000;
  let markers = all;
  let omitted = 0;
  if (all.length > max) {
    const ranked = all.map((m, i) => ({ m, i, fault: FAULT_KINDS.has(m.kind) ? 0 : 1 }));
    ranked.sort((a, b) => a.fault - b.fault || a.m.t - b.m.t || a.i - b.i);
    const kept = ranked.slice(0, max).sort((a, b) => a.i - b.i);
    markers = kept.map((r) => r.m);
    omitted = all.length - max;
  }
  // Facts and trace records were gathered separately: merge them by time, ties in gathering order.
  markers = markers.map((m, i) => ({ m, i })).sort((a, b) => a.m.t - b.m.t || a.i - b.i).map((r) => r.m);
  return { markers, intervals, heals, omitted };
}
