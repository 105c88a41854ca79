// What a user's machine did, read from the trace (model/userCalls.ts records, on the calling instance's node): each
// call the client library made (CALL), each database request (DB_BEGIN) and its outcome (DB), each memory access
// (MEMORY), each answer (ANSWER), and each database request a crash aborted: a DB_BEGIN whose node crashed before
// its DB record. Records of one call share its number (the record's value) on one incarnation of the node.
import type { TraceIndex } from './traceIndex.ts';

/** A database or memory operation, as the trace names it (`read KEY`, `write KEY`, `transaction insert+buyTargetFund`). */
export interface UserOp {
  readonly kind: 'read' | 'write' | 'transaction';
  /** The key, or the transaction's operations joined by `+`. */
  readonly subject: string;
}

/** The outcome of an operation: a read's `absent` or `found <json>`, else `ok` or why it rolled back. */
export interface UserOpOutcome {
  readonly ok: boolean;
  /** `absent`, `found`, `ok`, `duplicate-key`, `insufficient-balance`, `rolled back`. */
  readonly result: string;
  /** A found value's JSON. */
  readonly value?: string;
}

export type UserStep =
  | { readonly kind: 'call'; readonly call: string; readonly txId: string }
  | { readonly kind: 'begin'; readonly op: UserOp }
  | { readonly kind: 'result'; readonly op: UserOp; readonly outcome: UserOpOutcome }
  | { readonly kind: 'aborted'; readonly op: UserOp; readonly crash: string }
  | { readonly kind: 'memory'; readonly op: UserOp; readonly outcome?: UserOpOutcome }
  | { readonly kind: 'answer'; readonly answer: string; readonly value: string };

/**
 * One step with where and when it happened: `seq` orders it among the trace's records (an abort right after its
 * crash); `callNo` numbers the order's calls of one role from 1 (on any instance, in the order they started) and
 * `callCount` counts them, so readers can tell two calls for one order apart.
 */
export type PlacedUserStep = UserStep & {
  readonly seq: number;
  readonly time: number;
  readonly node: string;
  readonly order: string;
  readonly callNo: number;
  readonly callCount: number;
};

type Unnumbered = UserStep & { seq: number; time: number; node: string; order: string; callNo: number; counter: string };

function parseOp(what: string): UserOp | undefined {
  const space = what.indexOf(' ');
  const kind = what.slice(0, space);
  if (space < 0 || (kind !== 'read' && kind !== 'write' && kind !== 'transaction')) return undefined;
  return { kind, subject: what.slice(space + 1) };
}

function parseOutcome(text: string): UserOpOutcome {
  if (text === 'absent') return { ok: true, result: 'absent' };
  if (text.startsWith('found ')) return { ok: true, result: 'found', value: text.slice('found '.length) };
  return { ok: text === 'ok', result: text };
}

/**
 * When an ack `node` sent `broker` at `t` became durable: the broker's confirmation of the node's first offset
 * commit after it (it lists every offset acked since the last one), unless the node crashed in between.
 *
 * @example
 * ackPersisted(index, 'consumer-1', 'broker-1', 34); // { time: 10_007, seq: 25 }
 */
export function ackPersisted(index: TraceIndex, node: string, broker: string, t: number): { time: number; seq: number } | undefined {
  const commit = index.offsetCommits.find((c) => c.node === node && c.peer === broker && c.time >= t);
  if (commit === undefined) return undefined;
  const crashed = index.nodeEvents.some((e) => e.kind === 'CRASH' && e.node === node && e.time >= t && e.seq < commit.seq);
  return crashed ? undefined : { time: commit.time, seq: commit.seq };
}

/** `what: outcome` split where `what` is the operation its DB_BEGIN named (keys may hold ': '). */
function splitDone(detail: string, opens: readonly string[]): [string, string] | undefined {
  const what = opens.find((w) => detail.startsWith(`${w}: `));
  return what === undefined ? undefined : [what, detail.slice(what.length + 2)];
}

/**
 * The user machines' steps of a run, in trace order, with the database requests crashes aborted placed right after
 * their crash. Empty for a run without user machines or without a trace.
 *
 * @example
 * userSteps(index).filter((s) => s.kind === 'aborted'); // [{ kind: 'aborted', op: { kind: 'transaction', subject: 'insert+buyTargetFund' }, crash: 'machine', node: 'consumer-1', ... }]
 */
export function userSteps(index: TraceIndex): PlacedUserStep[] {
  const out: Unnumbered[] = [];
  /** Requests in flight by node, then by `serial\0what`: the begin records not yet answered. */
  const open = new Map<string, Map<string, Unnumbered[]>>();
  /** Each node's incarnation (crashes so far), and each call's number in its order by `node\0incarnation\0serial`. */
  const incarnation = new Map<string, number>();
  const callNumbers = new Map<string, { n: number; counter: string }>();
  /** Calls so far by `order\0role`: the consumer's deliveries and the producer's calls are numbered apart. */
  const callsPerOrder = new Map<string, number>();
  const crashes = index.nodeEvents.filter((e) => e.kind === 'CRASH');
  let c = 0;
  const crashUpTo = (seq: number): void => {
    for (; c < crashes.length && (crashes[c]?.seq ?? Infinity) < seq; c++) {
      const crash = crashes[c];
      if (crash === undefined) continue;
      const inFlight = open.get(crash.node);
      if (inFlight === undefined) continue;
      let k = 0;
      for (const begins of inFlight.values()) {
        for (const b of begins) {
          if (b.kind !== 'begin') continue;
          out.push({ kind: 'aborted', op: b.op, crash: crash.detail, seq: crash.seq + 0.001 * ++k, time: crash.time, node: crash.node, order: b.order, callNo: b.callNo, counter: b.counter });
        }
      }
      open.delete(crash.node);
      incarnation.set(crash.node, (incarnation.get(crash.node) ?? 0) + 1);
    }
  };
  for (const r of index.userRecords) {
    crashUpTo(r.seq);
    const callKey = `${r.node}\u0000${incarnation.get(r.node) ?? 0}\u0000${r.value}`;
    if (r.kind === 'CALL') {
      const counter = `${r.order}\u0000${r.detail.startsWith('deliver ') ? 'consumer' : 'producer'}`;
      const n = (callsPerOrder.get(counter) ?? 0) + 1;
      callsPerOrder.set(counter, n);
      callNumbers.set(callKey, { n, counter });
    }
    const numbered = callNumbers.get(callKey);
    const at = { seq: r.seq, time: r.time, node: r.node, order: r.order, callNo: numbered?.n ?? 0, counter: numbered?.counter ?? '' };
    const inFlight = open.get(r.node) ?? new Map<string, Unnumbered[]>();
    open.set(r.node, inFlight);
    const prefix = `${r.value}\u0000`;
    switch (r.kind) {
      case 'CALL': {
        const space = r.detail.indexOf(' ');
        out.push({ kind: 'call', call: r.detail.slice(0, space), txId: r.detail.slice(space + 1), ...at });
        break;
      }
      case 'DB_BEGIN': {
        const op = parseOp(r.detail);
        if (op === undefined) break;
        const step: Unnumbered = { kind: 'begin', op, ...at };
        out.push(step);
        const key = prefix + r.detail;
        inFlight.set(key, [...(inFlight.get(key) ?? []), step]);
        break;
      }
      case 'DB': {
        const opens = [...inFlight.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
        const done = splitDone(r.detail, opens);
        if (done === undefined) break;
        const key = prefix + done[0];
        const rest = (inFlight.get(key) ?? []).slice(1);
        if (rest.length === 0) inFlight.delete(key);
        else inFlight.set(key, rest);
        const op = parseOp(done[0]);
        if (op !== undefined) out.push({ kind: 'result', op, outcome: parseOutcome(done[1]), ...at });
        break;
      }
      case 'MEMORY': {
        const read = /^(read .*?): (absent|found .*)$/su.exec(r.detail);
        const op = parseOp(read === null ? r.detail : (read[1] as string));
        if (op !== undefined) out.push({ kind: 'memory', op, ...(read === null ? {} : { outcome: parseOutcome(read[2] as string) }), ...at });
        break;
      }
      case 'ANSWER': {
        const space = r.detail.indexOf(' ');
        out.push({ kind: 'answer', answer: r.detail.slice(0, space), value: r.detail.slice(space + 1), ...at });
        break;
      }
      default:
        break;
    }
  }
  crashUpTo(Infinity);
  return out.map(({ counter, ...s }) => ({ ...s, callCount: callsPerOrder.get(counter) ?? 0 }));
}
