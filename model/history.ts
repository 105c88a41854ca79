// The observed history: the run's facts (model/facts.ts), derived from what crossed a node's boundary (sim/boundary.ts)
// rather than reported by the machines under test. The network tells it of each message sent and delivered, the
// node hosts of each durable write and delete and each reply to the client, and a node of each client request it
// took. Each fact carries the trace sequence number of the boundary event (its evidence).
//
// Derivations: a message sent gives half-sent (prepare), half-stored (prepareAck), end-tx (commit, rollback,
// checkReply), check-answered (checkReply), check-sent (check), alert (alert), consumed / consume-failed
// (consumeAck, for the delivery it answers); a message delivered gives delivered, or filtered when the consumer's
// own subscription rejects it (RocketMQ's client-side filter: acked without a listener call); a durable write gives
// main-committed / main-rolled-back (the local-transaction record), committed (a message appended to a business
// topic queue), rolled-back (an op record of a rollback), parked, dlq, retry-scheduled; a delete gives resumed
// (a parked entry) and redriven (a dead letter); a client reply gives client-response (and half-send-failed); a
// client request gives order-placed. A live consumer consumes an offset once (RocketMQ's ProcessQueue): a delivery it
// is consuming or has answered that reaches it again (sent again because its answer was lost) is neither a delivery
// nor, when answered again, a consumption; a restart (`restarted`) forgets that. A success answer that comes after
// the message was sent back by consumeTimeout is still the listener's consumption.
//
// With a user's consumer machine (`userConsumer`), its purchase and its answer are apart in time (a crash may fall
// between them, or it may answer first): each write of the target ledger is then also a `purchased` fact, the
// purchase count the checkers compare with the ledger, and `applied` says only whether the instance wrote before it
// answered (config.idempotentConsumer is txsim's own listener's switch).
//
// Three kinds stay claims of the machines (a `fact` effect), because nothing crosses a boundary for them: `end-tx`
// with action unknown (RocketMQ sends END_TRANSACTION with UNKNOW; txsim skips that hop), `end-tx-rejected` (a
// one-way request the broker ignores), and the broker's own tag filter `filtered` (the broker never sends it).
import type { BoundaryObserver } from '../sim/boundary.ts';
import type { DurableStore } from '../sim/durableStore.ts';
import type { Envelope } from '../sim/network.ts';
import type { ModelConfig } from './config.ts';
import type { Topology } from './env.ts';
import type { Fact, FactKind, FactLog } from './facts.ts';
import type { HalfEntry, ScheduledRetry, StoredMessage } from './halfMessage.ts';
import { TARGET_GROUP } from './config.ts';
import { orderOfInvestor, type LocalTxRecord } from './ledger.ts';
import type { MessageFields } from './protocol.ts';
import { matchesTag, parseSubscription, type Subscription } from './subscription.ts';

/**
 * The fact kinds a machine may still claim (a `fact` effect): those no boundary shows. Every other kind is observed
 * only; the `fact` effect refuses it, so a machine cannot forge the evidence that judges it.
 */
export const CLAIM_KINDS: ReadonlySet<FactKind> = new Set<FactKind>(['end-tx', 'end-tx-rejected', 'filtered']);

/** First characters of the written keys a fact is derived from: tx/ target/ tc/, done/ dlq/, m/T:, sched/r/. */
const DERIVING_FIRST_CHARS: ReadonlySet<number> = new Set(['t', 'd', 'm', 's'].map((c) => c.charCodeAt(0)));

/** A delivery that reached a consumer's listener, until the consumer answers it. */
interface Pending {
  readonly delivery: Readonly<MessageFields['deliver']>;
  readonly order: string;
}

/**
 * The boundary observer that writes a run's facts.
 *
 * @example
 * const facts = new FactLog();
 * const sim = new Simulation({ seed, observer: new ObservedHistory(facts, config, topology, () => sim.now, () => sim.trace.size - 1) });
 */
export class ObservedHistory implements BoundaryObserver {
  private readonly filters = new Map<string, Subscription>();
  /** Deliveries in the listener, per consumer, broker, queue and offset (a redelivery may overlap the first one). */
  private readonly pending = new Map<string, Pending[]>();
  /** The consumer whose next ack answers a delivery its own filter rejected. */
  private filteredAck: string | undefined;
  /** Consumers that wrote their group database since their last ack: their listener applied the message. */
  private readonly applied = new Set<string>();
  /**
   * Deliveries a consumer's listener answered, per consumer, broker, queue and offset, until the consumer restarts:
   * a live instance never consumes an offset twice (ProcessQueue), so the same delivery sent again (its answer was
   * lost) is not a delivery, and the answer it gets again is not a consumption.
   */
  private readonly answeredBy = new Map<string, Pending>();
  /** Deliveries re-sent to a consumer that answered them: its next ack for them is a repeated answer. */
  private readonly reAnswers = new Set<string>();

  constructor(
    private readonly facts: FactLog,
    private readonly config: ModelConfig,
    topology: Topology,
    private readonly now: () => number,
    private readonly seq: () => number,
    private readonly options: { readonly userConsumer?: boolean } = {},
  ) {
    for (const group of topology.groups) {
      group.instances.forEach((node, i) => this.filters.set(node, parseSubscription(group.subscriptions[i] ?? '*')));
    }
  }

  /** Record a fact stamped with its evidence; built as one literal with `seq`, so no copy is made per fact. */
  private add(fact: Fact): void {
    this.facts.all.push(fact);
  }

  /** A client request reached a node: a placed order. */
  requested(node: string, event: { readonly type: string; readonly [key: string]: unknown }): void {
    if (event.type !== 'placeOrder') return;
    this.add({ seq: this.seq(), t: this.now(), kind: 'order-placed', order: (event.order as { id: string }).id, node });
  }

  sent(envelope: Envelope): void {
    const t = this.now();
    const { from: node, to } = envelope;
    const order = envelope.order ?? '';
    const m = envelope.payload;
    switch (envelope.type) {
      case 'prepare': {
        const p = m as MessageFields['prepare'];
        return this.add({ seq: this.seq(), t, kind: 'half-sent', order, node, txId: p.txId, attempt: p.attempt, broker: to });
      }
      case 'prepareAck': {
        const p = m as MessageFields['prepareAck'];
        return this.add({ seq: this.seq(), t, kind: 'half-stored', order, node, txId: p.txId, offset: p.offset });
      }
      case 'commit':
      case 'rollback':
        return this.add({ seq: this.seq(), t, kind: 'end-tx', order, node, txId: (m as MessageFields['commit']).txId, action: envelope.type, fromCheck: false });
      case 'checkReply': {
        const p = m as MessageFields['checkReply'];
        this.add({ seq: this.seq(), t, kind: 'check-answered', order, node, answer: p.action });
        return this.add({ seq: this.seq(), t, kind: 'end-tx', order, node, txId: p.txId, action: p.action, fromCheck: true });
      }
      case 'check': {
        const p = m as MessageFields['check'];
        return this.add({ seq: this.seq(), t, kind: 'check-sent', order, node, txId: p.txId, checkTimes: p.checkTimes, producer: to });
      }
      case 'alert': {
        const p = m as MessageFields['alert'];
        return this.add({ seq: this.seq(), t, kind: 'alert', alert: p.alert, order, node, group: p.group });
      }
      case 'consumeAck':
        return this.answered(envelope, m as MessageFields['consumeAck']);
      default:
        return undefined;
    }
  }

  /** A consumer answered a delivery: consumed (applied if its listener wrote), or consume later. */
  private answered(envelope: Envelope, ack: MessageFields['consumeAck']): void {
    const node = envelope.from;
    const key = `${node}|${envelope.to}|${ack.queue}|${ack.offset}`;
    if (this.filteredAck === key) {
      this.filteredAck = undefined;
      return;
    }
    if (this.reAnswers.delete(key)) return;
    const wrote = this.applied.delete(node);
    const queued = this.pending.get(key);
    const pending = queued?.shift();
    if (queued !== undefined && queued.length === 0) this.pending.delete(key);
    const t = this.now();
    if (pending === undefined) {
      // A listener that ran past consumeTimeout finishes after its message was sent back: it did consume it.
      const late = this.answeredBy.get(key);
      if (late !== undefined && ack.status === 'success') {
        const d = late.delivery;
        this.add({ seq: this.seq(), t, kind: 'consumed', order: late.order, node, group: d.group, txId: d.txId, tag: d.tag, applied: this.wasApplied(wrote) });
      }
      return;
    }
    this.answeredBy.set(key, pending);
    const { delivery: d, order } = pending;
    if (ack.status === 'later') {
      this.add({ seq: this.seq(), t, kind: 'consume-failed', order, node, group: d.group, reconsumeTimes: d.reconsumeTimes });
      return;
    }
    this.add({ seq: this.seq(), t, kind: 'consumed', order, node, group: d.group, txId: d.txId, tag: d.tag, applied: this.wasApplied(wrote) });
  }

  /** Whether a consumption applied the purchase: the instance wrote, or txsim's listener always buys (not idempotent). */
  private wasApplied(wrote: boolean): boolean {
    return wrote || (!this.config.idempotentConsumer && this.options.userConsumer !== true);
  }

  delivered(envelope: Envelope): void {
    if (envelope.type !== 'deliver') return;
    const filter = this.filters.get(envelope.to);
    if (filter === undefined) return;
    const d = envelope.payload as MessageFields['deliver'];
    const node = envelope.to;
    const order = envelope.order ?? '';
    const key = `${node}|${envelope.from}|${d.queue}|${d.offset}`;
    // The consumer drops a delivery it is consuming, and answers one it answered as before: neither is a delivery.
    if (this.pending.has(key)) return;
    if (this.answeredBy.has(key)) {
      this.reAnswers.add(key);
      return;
    }
    if (!matchesTag(filter, d.tag) && !d.queue.startsWith('R:')) {
      this.filteredAck = key;
      this.add({ seq: this.seq(), t: this.now(), kind: 'filtered', order, node, group: d.group, tag: d.tag });
      return;
    }
    this.add({ seq: this.seq(), t: this.now(), kind: 'delivered', order, node, group: d.group, txId: d.txId, tag: d.tag, reconsumeTimes: d.reconsumeTimes, redriven: d.redriven });
    const queued = this.pending.get(key);
    if (queued === undefined) this.pending.set(key, [{ delivery: d, order }]);
    else queued.push({ delivery: d, order });
  }

  written(node: string, store: DurableStore, key: string, value: unknown): void {
    // Most writes derive nothing (a broker's qnext/ and off/ cursors): tell them apart by the first character.
    if (!DERIVING_FIRST_CHARS.has(key.charCodeAt(0))) return undefined;
    const t = this.now();
    if (key.startsWith('tx/')) return this.localTransaction(node, key.slice(3), value as LocalTxRecord);
    if (key.startsWith('target/') || key.startsWith('done/')) {
      this.applied.add(node);
      if (this.options.userConsumer === true && key.startsWith('target/')) this.add({ seq: this.seq(), t, kind: 'purchased', order: orderOfInvestor(key.slice(7)), node, group: TARGET_GROUP });
      return undefined;
    }
    if (key.startsWith('m/T:')) {
      const [, queue, offset] = key.split('/') as [string, string, string];
      const message = value as StoredMessage;
      return this.add({ seq: this.seq(), t, kind: 'committed', order: message.order, node, txId: message.txId, queue: Number(queue.slice(2)), offset: Number(offset), tag: message.tag });
    }
    if (key.startsWith('dlq/')) {
      const message = value as StoredMessage;
      return this.add({ seq: this.seq(), t, kind: 'dlq', order: message.order, node, group: key.split('/')[1] as string, reconsumeTimes: message.reconsumeTimes });
    }
    if (key.startsWith('sched/r/')) {
      const retry = value as ScheduledRetry;
      const { order, reconsumeTimes } = retry.message;
      return this.add({ seq: this.seq(), t, kind: 'retry-scheduled', order, node, group: retry.group, reconsumeTimes, delayMs: retry.dueMs - t });
    }
    if (key.startsWith('tc/parked/')) {
      const entry = value as HalfEntry;
      return this.add({ seq: this.seq(), t, kind: 'parked', order: entry.order, node, txId: entry.txId, checkTimes: entry.checkTimes });
    }
    if (key.startsWith('tc/op/') && value === 'rollback') {
      const entry = store.get<HalfEntry>(`tc/half/${key.slice(6)}`);
      if (entry !== undefined) this.add({ seq: this.seq(), t, kind: 'rolled-back', order: entry.order, node, txId: entry.txId });
    }
    return undefined;
  }

  private localTransaction(node: string, order: string, record: LocalTxRecord): void {
    const t = this.now();
    if (record.status === 'committed') this.add({ seq: this.seq(), t, kind: 'main-committed', order, node, amount: record.amount, investor: `inv-${order}` });
    else if (record.status === 'rolled_back') this.add({ seq: this.seq(), t, kind: 'main-rolled-back', order, node, reason: record.reason });
  }

  erased(node: string, store: DurableStore, key: string): void {
    if (key.startsWith('tc/parked/')) {
      const entry = store.get<HalfEntry>(key);
      if (entry !== undefined) this.add({ seq: this.seq(), t: this.now(), kind: 'resumed', order: entry.order, node });
      return;
    }
    if (key.startsWith('dlq/')) {
      const message = store.get<StoredMessage>(key);
      if (message !== undefined) this.add({ seq: this.seq(), t: this.now(), kind: 'redriven', order: message.order, node, group: key.split('/')[1] as string });
    }
  }

  /** A consumer's new incarnation remembers nothing: what it is given again is delivered again. */
  restarted(node: string): void {
    const prefix = `${node}|`;
    for (const map of [this.answeredBy, this.pending]) for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    for (const key of [...this.reAnswers]) if (key.startsWith(prefix)) this.reAnswers.delete(key);
    this.applied.delete(node);
  }

  replied(node: string, order: string, body: Readonly<Record<string, unknown>>): void {
    const t = this.now();
    const reason = String(body.reason);
    if (reason === 'send-failed') this.add({ seq: this.seq(), t, kind: 'half-send-failed', order, node });
    this.add({ seq: this.seq(), t, kind: 'client-response', order, ok: body.ok === true, reason });
  }
}
