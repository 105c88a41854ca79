// Messages between named nodes. Each message goes through its link: partitions, the scripted faults and the
// random fault options decide whether it is dropped, duplicated, delayed or reordered; otherwise it arrives after
// a latency drawn from the `network` fork, FIFO per link. A message to a node that is down when it arrives is
// lost. Every outcome is a trace record: SEND, then DELIVER, or DROP (at the sender's side of the link) or LOST
// (on arrival: the receiver was down or the link was cut meanwhile), plus DUPLICATE and DELAY.
import type { FaultOptions, MessageFault } from './faults.ts';
import { NO_FAULTS } from './faults.ts';
import type { Rng } from './rng.ts';
import type { Trace } from './trace.ts';
import type { BoundaryObserver } from './boundary.ts';
import { OwnedEntry, type EventQueue } from './eventQueue.ts';

/** A message in flight. `payload` is the protocol's own data; the network never looks inside. */
export interface Envelope {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly order: string | undefined;
  readonly payload: Readonly<Record<string, unknown>>;
  /** A response (an acknowledgement): subject to lostResponsePerMille. */
  readonly response: boolean;
}

export interface LatencyOptions {
  latencyMsMin: number;
  latencyMsMax: number;
}

/** What the network needs from the simulator around it. */
export interface NetworkHost {
  readonly queue: EventQueue;
  readonly trace: Trace;
  now(): number;
  isUp(node: string): boolean;
  /** Whether a node of that name exists: sending to an unknown node is a programming error, not a fault. */
  knows(node: string): boolean;
  receive(envelope: Envelope): void;
  /** Told of every send and delivery, after its trace record. */
  readonly observer?: BoundaryObserver;
}

interface ActiveMessageFault {
  readonly fault: MessageFault;
  remaining: number;
}

/**
 * The simulated network.
 *
 * @example
 * network.send('producer-1', 'broker-1', 'prepare', { txId: 'o1' }, { order: 'o1' });
 */
export class Network {
  private options: FaultOptions = NO_FAULTS;
  private readonly partitions = new Set<string>();
  private readonly scripted: ActiveMessageFault[] = [];
  private readonly lastArrival = new Map<string, Map<string, number>>();
  private nextId = 1;
  /** Messages sent and not yet delivered or lost. */
  inFlight = 0;

  constructor(
    private readonly host: NetworkHost,
    private readonly rng: Rng,
    private readonly latency: LatencyOptions,
  ) {
    if (latency.latencyMsMin < 0 || latency.latencyMsMax < latency.latencyMsMin) {
      throw new Error(`Network: need 0 <= latencyMsMin <= latencyMsMax, got ${latency.latencyMsMin}..${latency.latencyMsMax}`);
    }
  }

  setFaultOptions(options: FaultOptions): void {
    this.options = options;
  }

  get faultOptions(): FaultOptions {
    return this.options;
  }

  /** Arm a scripted message fault: it applies to the next matching messages sent from now on. */
  arm(fault: MessageFault): void {
    this.scripted.push({ fault, remaining: fault.count ?? 1 });
  }

  partition(a: string, b: string): void {
    this.partitions.add(linkKey(a, b));
    this.host.trace.record(this.host.now(), a, 'PARTITION', { peer: b });
  }

  healPartition(a: string, b: string): void {
    if (this.partitions.delete(linkKey(a, b))) this.host.trace.record(this.host.now(), a, 'PARTITION_HEALED', { peer: b });
  }

  isPartitioned(a: string, b: string): boolean {
    return this.partitions.size > 0 && this.partitions.has(linkKey(a, b));
  }

  /**
   * End of the faulty phase: no more random faults or partitions. Scripted faults already armed stay armed: each
   * is an exact, finite instruction ("drop the next commit of o1") that a scenario expects to take effect.
   */
  heal(): void {
    this.options = NO_FAULTS;
    for (const key of [...this.partitions].sort()) {
      const [a, b] = key.split('|') as [string, string];
      this.healPartition(a, b);
    }
  }

  send(
    from: string,
    to: string,
    type: string,
    payload: Readonly<Record<string, unknown>>,
    meta: { order?: string; response?: boolean } = {},
  ): void {
    const host = this.host;
    if (!host.knows(to)) throw new Error(`Network.send: ${from} sent ${type} to unknown node ${to}`);
    const now = host.now();
    const envelope: Envelope = { id: this.nextId++, from, to, type, order: meta.order, payload, response: meta.response ?? false };
    const trace = host.trace;
    trace.record(now, from, 'SEND', { peer: to, msg: type, order: envelope.order, value: envelope.id });
    host.observer?.sent?.(envelope);

    if (this.isPartitioned(from, to)) {
      trace.record(now, from, 'DROP', { peer: to, msg: type, order: envelope.order, detail: 'partition', value: envelope.id });
      return;
    }

    let extraDelay = 0;
    let copies = 1;
    let reorder = false;
    const script = this.matchScripted(envelope);
    if (script !== undefined) {
      const fault = script.fault;
      if (fault.type === 'drop') {
        trace.record(now, from, 'DROP', { peer: to, msg: type, order: envelope.order, detail: 'scripted', value: envelope.id });
        return;
      }
      if (fault.type === 'duplicate') copies = 2;
      if (fault.type === 'delay') {
        extraDelay += fault.byMs ?? 0;
        reorder = true;
      }
    }

    const o = this.options;
    const rng = this.rng;
    if (rng.chance(o.dropPerMille) || (envelope.response && rng.chance(o.lostResponsePerMille))) {
      trace.record(now, from, 'DROP', { peer: to, msg: type, order: envelope.order, detail: 'random', value: envelope.id });
      return;
    }
    if (rng.chance(o.duplicatePerMille)) copies = 2;
    if (rng.chance(o.delayPerMille) && o.delayMsMax > 0) {
      extraDelay += rng.int(1, o.delayMsMax);
      reorder = true;
    }
    if (rng.chance(o.reorderPerMille)) reorder = true;

    for (let copy = 0; copy < copies; copy++) {
      if (copy > 0) trace.record(now, from, 'DUPLICATE', { peer: to, msg: type, order: envelope.order, value: envelope.id });
      else if (extraDelay > 0) trace.record(now, from, 'DELAY', { peer: to, msg: type, order: envelope.order, value: extraDelay });
      this.schedule(envelope, now + this.drawLatency() + extraDelay, reorder);
    }
  }

  private schedule(envelope: Envelope, arrival: number, reorder: boolean): void {
    let at = arrival;
    if (!reorder) {
      // FIFO per link: nested maps, so a send builds no "from>to" key string.
      let byTarget = this.lastArrival.get(envelope.from);
      if (byTarget === undefined) {
        byTarget = new Map();
        this.lastArrival.set(envelope.from, byTarget);
      }
      const last = byTarget.get(envelope.to) ?? 0;
      if (at < last) at = last;
      byTarget.set(envelope.to, at);
    }
    this.inFlight++;
    const queue = this.host.queue;
    queue.add(new Arrival(at, queue.takeSeq(), this, envelope));
  }

  /** A scheduled copy of a message reaches its destination (or is lost on the way). */
  arrive(envelope: Envelope): void {
    this.inFlight--;
    const host = this.host;
    const now = host.now();
    if (this.isPartitioned(envelope.from, envelope.to)) {
      host.trace.record(now, envelope.to, 'LOST', { peer: envelope.from, msg: envelope.type, order: envelope.order, detail: 'partition', value: envelope.id });
      return;
    }
    if (!host.isUp(envelope.to)) {
      host.trace.record(now, envelope.to, 'LOST', { peer: envelope.from, msg: envelope.type, order: envelope.order, detail: 'node-down', value: envelope.id });
      return;
    }
    host.trace.record(now, envelope.to, 'DELIVER', { peer: envelope.from, msg: envelope.type, order: envelope.order, value: envelope.id });
    host.observer?.delivered?.(envelope);
    host.receive(envelope);
  }

  private drawLatency(): number {
    const { latencyMsMin, latencyMsMax } = this.latency;
    return latencyMsMin === latencyMsMax ? latencyMsMin : this.rng.int(latencyMsMin, latencyMsMax);
  }

  private matchScripted(envelope: Envelope): ActiveMessageFault | undefined {
    if (this.scripted.length === 0) return undefined;
    for (let i = 0; i < this.scripted.length; i++) {
      const active = this.scripted[i] as ActiveMessageFault;
      const f = active.fault;
      if (f.message !== envelope.type) continue;
      if (f.order !== undefined && f.order !== envelope.order) continue;
      if (f.from !== undefined && f.from !== envelope.from) continue;
      if (f.to !== undefined && f.to !== envelope.to) continue;
      active.remaining--;
      if (active.remaining <= 0) this.scripted.splice(i, 1);
      return active;
    }
    return undefined;
  }
}

/** A message copy on the event queue: the entry and what it delivers in one object (no closure per message). */
class Arrival extends OwnedEntry {
  constructor(
    time: number,
    seq: number,
    private readonly network: Network,
    private readonly envelope: Envelope,
  ) {
    super(time, seq);
  }

  fire(): void {
    this.network.arrive(this.envelope);
  }
}

function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
