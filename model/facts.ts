// The history of a run: observations recorded when they happen, at the nodes' boundaries, by the host and not by the
// machines under test (model/history.ts derives them; a machine may only claim the few no boundary shows). Kept
// outside every node, so they survive crashes (like the history a checker reads in Maelstrom or Jepsen). Checkers
// read only these, the final ledgers and the config; they never reach into live actors.

/**
 * One observation. `seq` is its evidence: the trace sequence number of the boundary event it was observed at (a SEND
 * or DELIVER), or of the latest record before it when the boundary (a durable write, a reply, a client request) has
 * no record of its own; -1 before the first record.
 */
export type Fact = FactBody & { readonly seq?: number };

/** The observations, by kind. */
export type FactBody =
  | { t: number; kind: 'order-placed'; order: string; node: string }
  | { t: number; kind: 'client-response'; order: string; ok: boolean; reason: string }
  | { t: number; kind: 'half-sent'; order: string; node: string; txId: string; attempt: number; broker: string }
  | { t: number; kind: 'half-stored'; order: string; node: string; txId: string; offset: number }
  | { t: number; kind: 'half-send-failed'; order: string; node: string }
  | { t: number; kind: 'main-committed'; order: string; node: string; amount: number; investor: string }
  | { t: number; kind: 'main-rolled-back'; order: string; node: string; reason: string }
  | { t: number; kind: 'end-tx'; order: string; node: string; txId: string; action: 'commit' | 'rollback' | 'unknown'; fromCheck: boolean }
  | { t: number; kind: 'committed'; order: string; node: string; txId: string; queue: number; offset: number; tag: string }
  | { t: number; kind: 'rolled-back'; order: string; node: string; txId: string }
  | { t: number; kind: 'end-tx-rejected'; order: string; node: string; reason: string }
  | { t: number; kind: 'check-sent'; order: string; node: string; txId: string; checkTimes: number; producer: string }
  | { t: number; kind: 'check-answered'; order: string; node: string; answer: 'commit' | 'rollback' | 'unknown' }
  | { t: number; kind: 'parked'; order: string; node: string; txId: string; checkTimes: number }
  | { t: number; kind: 'resumed'; order: string; node: string }
  | { t: number; kind: 'alert'; alert: 'dlq' | 'check-max'; order: string; node: string; group: string }
  | { t: number; kind: 'delivered'; order: string; node: string; group: string; txId: string; tag: string; reconsumeTimes: number; redriven: boolean }
  | { t: number; kind: 'filtered'; order: string; node: string; group: string; tag: string }
  | { t: number; kind: 'consumed'; order: string; node: string; group: string; txId: string; tag: string; applied: boolean }
  | { t: number; kind: 'consume-failed'; order: string; node: string; group: string; reconsumeTimes: number }
  /** A user's consumer machine bought the target fund (runs with a user consumer only: its purchase and its ack are apart). */
  | { t: number; kind: 'purchased'; order: string; node: string; group: string }
  | { t: number; kind: 'retry-scheduled'; order: string; node: string; group: string; reconsumeTimes: number; delayMs: number }
  | { t: number; kind: 'dlq'; order: string; node: string; group: string; reconsumeTimes: number }
  | { t: number; kind: 'redriven'; order: string; node: string; group: string }
  | { t: number; kind: 'writes-lost'; node: string; count: number };

export type FactKind = Fact['kind'];

/**
 * The run's observation log, shared by every machine through its input.
 *
 * @example
 * facts.add({ t: 412, kind: 'committed', order: 'o7', node: 'broker-1', txId: 'o7', queue: 2, offset: 0, tag: 'TagC' });
 */
export class FactLog {
  readonly all: Fact[] = [];

  /** `seqOf` gives the trace sequence number of the latest record; each fact added is stamped with it. */
  constructor(private readonly seqOf?: () => number) {}

  add(fact: Fact): void {
    this.all.push(this.seqOf === undefined || fact.seq !== undefined ? fact : { ...fact, seq: this.seqOf() });
  }

  of<K extends FactKind>(kind: K): Array<Extract<Fact, { kind: K }>> {
    return this.all.filter((f): f is Extract<Fact, { kind: K }> => f.kind === kind);
  }
}
